import { randomBytes } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../shared/descriptions';

/** What the attachment operations share: the attachment picker (by ID) and the multipart body of an upload. */

/** Zoho lists a ticket's attachments 100 at a time (TicketAttachment.json). */
export const ATTACHMENT_PAGE_SIZE = 100;

export function attachmentLocator(description: string): INodeProperties {
	return recordLocator({ name: 'attachmentId', displayName: 'Attachment', required: true, description });
}

export function binaryFieldProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description };
}

const quoted = (text: string) => text.replace(/["\r\n\\]/g, '_');

/** A multipart/form-data body with one part, `file` (TicketAttachment.json createTicketAttachment). */
export function multipartFile(fileName: string, mimeType: string, data: Buffer): { contentType: string; data: Buffer } {
	const boundary = `----n8nZohoDesk${randomBytes(12).toString('hex')}`;
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(fileName)}"\r\nContent-Type: ${mimeType}\r\n\r\n`;
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		data: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
	};
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
