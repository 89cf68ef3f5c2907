import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';
import { listOf } from '../../../core/records';
import { outcomeUnknown, zohoDeskApi } from '../../../core/transport';

/**
 * What the file operations share: the attachment picker (by ID), the binary field, the size limit, the upload's
 * form, and the files a reply or comment carries (uploaded first, then named in its `attachmentIds`).
 */

/** Zoho lists a ticket's attachments 100 at a time (TicketAttachment.json). */
export const ATTACHMENT_PAGE_SIZE = 100;

/**
 * The largest file we send: 20 MiB. Zoho's spec states no limit for attachments (it gives 2 MB only for logos and
 * favicons) and we found none in Zoho's docs, so this is our assumption, checked before anything is sent.
 */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export function attachmentLocator(description: string): INodeProperties {
	return recordLocator({ name: 'attachmentId', displayName: 'Attachment', required: true, description });
}

export function binaryFieldProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description };
}

/** The Attachments option of Send Reply, Save Draft Reply and Add Comment. */
export const attachmentsOption: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'string',
	default: '',
	placeholder: 'e.g. data, invoice',
	description: `Names of the input item's binary fields to attach, comma-separated. Each file keeps its name and MIME type; at most ${ATTACHMENT_MAX_BYTES / 2 ** 20} MiB each.`,
};

/** A file of the input item, checked against the size limit. */
export interface ItemFile {
	field: string;
	fileName: string;
	mimeType: string;
	size: number;
}

/** Its size without reading it: n8n 2.x records `bytes`; n8n 1.x keeps stored files' sizes in their metadata. */
async function sizeOf(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

/** The item's file in binary field `field`, refused (before anything is sent) when it is over the size limit. */
export async function itemFile(this: IExecuteFunctions, itemIndex: number, field: string, fileName?: string): Promise<ItemFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, field);
	const file = {
		field,
		fileName: fileName || binary.fileName || 'file',
		mimeType: binary.mimeType || 'application/octet-stream',
		size: await sizeOf(this, binary),
	};
	if (file.size > ATTACHMENT_MAX_BYTES) {
		throw new NodeOperationError(this.getNode(), `The file "${file.fileName}" is too large for Zoho Desk: nothing was sent`, {
			itemIndex,
			description: `Binary field "${field}" holds ${file.size.toLocaleString('en-US')} bytes; Zoho Desk takes attachments of at most ${ATTACHMENT_MAX_BYTES.toLocaleString('en-US')} bytes (20 MiB).`,
		});
	}
	return file;
}

/**
 * Sends the file as multipart/form-data, one part `file` with its name and MIME type (TicketAttachment.json
 * createTicketAttachment; Zoho's Uploads). A POST: the transport never sends it twice.
 */
export async function sendFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: ItemFile,
	request: { path: string; qs?: IDataObject; scope: string },
): Promise<IDataObject> {
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, file.field);
	const form = new FormData();
	form.append('file', new Blob([data], { type: file.mimeType }), file.fileName);
	return ((await zohoDeskApi.call(this, { method: 'POST', ...request, body: form, itemIndex })) ?? {}) as IDataObject;
}

/**
 * A reply or comment with the item's files: each is uploaded (`POST /uploads`, kept by Zoho until used), then
 * `send` posts the reply or comment naming them. Every file is checked before the first upload, and a failure says
 * what was done: which uploads happened (or may have), and that the reply or comment was not sent (or may have been).
 */
export async function withAttachments<T>(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
	send: (attachmentIds: string[]) => Promise<T>,
): Promise<T> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const files: ItemFile[] = [];
	for (const field of listOf(options.attachments)) files.push(await itemFile.call(this, itemIndex, field));
	if (!files.length) return await send([]);
	const ids: string[] = [];
	const uploaded = () => `files uploaded: ${ids.length} of ${files.length}`;
	for (const file of files) {
		try {
			const upload = await sendFile.call(this, itemIndex, file, { path: '/uploads', scope: 'Desk.basic.CREATE' });
			ids.push(String(upload.id));
		} catch (error) {
			const unknown = outcomeUnknown(error);
			throw unknown
				? explained(error, `The file "${file.fileName}" may or may not have been uploaded (${unknown}); the ${what} was not sent`)
				: explained(error, `The file "${file.fileName}" could not be uploaded, so the ${what} was not sent (${uploaded()})`, true);
		}
	}
	try {
		return await send(ids);
	} catch (error) {
		const unknown = outcomeUnknown(error);
		throw unknown
			? explained(error, `The ${what} may or may not have been sent (${unknown}); ${uploaded()}`)
			: explained(error, `The ${what} was not sent (${uploaded()})`, true);
	}
}

/** The error saying what happened (before Zoho's own message, when `keepMessage`); Zoho discards unused uploads. */
function explained(error: unknown, what: string, keepMessage = false): Error {
	const failure = error as Error & { description?: string | null };
	failure.message = keepMessage ? `${what}: ${failure.message}` : what;
	const note = 'Zoho Desk discards uploaded files that no reply or comment uses.';
	failure.description = failure.description ? `${failure.description} ${note}` : note;
	return failure;
}

/** The file name of a Content-Disposition header (filename*=UTF-8'' or filename=). */
export function fileNameOf(disposition: unknown): string | undefined {
	const text = String(disposition ?? '');
	const extended = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(text)?.[1];
	const plain = /filename="?([^";]+)"?/i.exec(text)?.[1];
	const name = extended ?? plain;
	if (!name) return undefined;
	try {
		return decodeURIComponent(name.trim());
	} catch {
		return name.trim();
	}
}
