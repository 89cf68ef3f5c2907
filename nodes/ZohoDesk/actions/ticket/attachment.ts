import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';

/** What the attachment operations share: the attachment picker (by ID), the binary field and the upload's form. */

/** Zoho lists a ticket's attachments 100 at a time (TicketAttachment.json). */
export const ATTACHMENT_PAGE_SIZE = 100;

export function attachmentLocator(description: string): INodeProperties {
	return recordLocator({ name: 'attachmentId', displayName: 'Attachment', required: true, description });
}

export function binaryFieldProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description };
}

/** The multipart/form-data body of an upload: one part, `file` (TicketAttachment.json createTicketAttachment). */
export function fileForm(fileName: string, mimeType: string, data: Buffer): FormData {
	const form = new FormData();
	form.append('file', new Blob([data], { type: mimeType }), fileName);
	return form;
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
