'use strict';
/**
 * Ticket attachments (TicketAttachment.json): list, upload (multipart/form-data, field `file`), download (the
 * `href` each attachment carries, …/content, not in the spec copy) and delete. The simulator keeps the bytes.
 * Size limit: neither the spec nor our stored Zoho docs state one; ATTACHMENT_MAX_BYTES (20 MiB) is our assumption.
 */
const { deskError } = require('./http');
const { kinds } = require('./params');
const { route, pageOf, getOr404 } = require('./deskHelpers');

const { int, bool, sort } = kinds;

const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const READ = [['Desk.tickets.READ']];
const UPDATE = [['Desk.tickets.UPDATE']];

const iso = (ms) => new Date(ms).toISOString();

function attachmentsOf(org, ticketId) {
	getOr404(org.tables.tickets, ticketId, { allowTrashed: false });
	org.attachments ??= new Map();
	if (!org.attachments.has(ticketId)) org.attachments.set(ticketId, []);
	return org.attachments.get(ticketId);
}

function attachmentView(ctx, ticketId, attachment) {
	const href = `${ctx.deskUrl}/api/v1/tickets/${ticketId}/attachments/${attachment.id}/content`;
	return {
		id: attachment.id,
		name: attachment.name,
		size: String(attachment.data.length),
		isPublic: attachment.isPublic,
		creatorId: attachment.creatorId,
		createdTime: iso(attachment.createdTime),
		href,
		previewurl: href,
	};
}

/** The `file` part of a multipart/form-data body: its file name, content type and bytes. */
function filePart({ contentType, data }) {
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	if (!/^multipart\/form-data/i.test(contentType) || !boundary) {
		throw deskError(422, 'INVALID_DATA', 'The request must be multipart/form-data with a file.');
	}
	const delimiter = Buffer.from(`--${boundary}`);
	let at = data.indexOf(delimiter);
	while (at !== -1) {
		const start = at + delimiter.length + 2; // CRLF after the delimiter
		const next = data.indexOf(delimiter, start);
		if (next === -1) break;
		const headerEnd = data.indexOf('\r\n\r\n', start);
		const headers = data.subarray(start, headerEnd).toString('utf8');
		const disposition = /^content-disposition:.*$/im.exec(headers)?.[0] ?? '';
		if (/;\s*name="file"/i.test(disposition)) {
			return {
				name: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] || 'file',
				mimeType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1].trim() ?? 'application/octet-stream',
				bytes: data.subarray(headerEnd + 4, next - 2), // CRLF before the next delimiter
			};
		}
		at = next;
	}
	throw deskError(422, 'INVALID_DATA', "The multipart body has no 'file' part.", {
		errors: [{ fieldName: '/file', errorType: 'missing', errorMessage: 'file is required' }],
	});
}

function listAttachments({ org, ctx, ids: [ticketId], params }) {
	let attachments = attachmentsOf(org, ticketId);
	if (params.isPublic !== undefined) attachments = attachments.filter((a) => a.isPublic === params.isPublic);
	const desc = params.sortBy?.desc ?? false;
	const sorted = [...attachments].sort((a, b) => (desc ? b.createdTime - a.createdTime : a.createdTime - b.createdTime));
	const page = sorted.slice(params.from, params.from + params.limit);
	return page.length
		? { status: 200, body: { data: page.map((attachment) => attachmentView(ctx, ticketId, attachment)) } }
		: { status: 204 };
}

function uploadAttachment({ org, ctx, ids: [ticketId], params, body, grant }) {
	const attachments = attachmentsOf(org, ticketId);
	const { name, mimeType, bytes } = filePart(body);
	if (bytes.length > ATTACHMENT_MAX_BYTES) {
		throw deskError(413, 'RESOURCE_SIZE_EXCEEDED', `The file is larger than ${ATTACHMENT_MAX_BYTES} bytes.`);
	}
	const attachment = {
		id: org.newId.attachments(),
		name,
		mimeType,
		data: Buffer.from(bytes),
		isPublic: params.isPublic ?? false,
		creatorId: grant.userId ?? org.tables.tickets.get(ticketId).createdBy,
		createdTime: ctx.now,
	};
	attachments.push(attachment);
	return { status: 200, body: attachmentView(ctx, ticketId, attachment) };
}

function attachmentOf(org, ticketId, attachmentId) {
	const attachment = attachmentsOf(org, ticketId).find((a) => a.id === attachmentId);
	if (!attachment) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
	return attachment;
}

function downloadAttachment({ org, ids: [ticketId, attachmentId] }) {
	const { name, mimeType, data } = attachmentOf(org, ticketId, attachmentId);
	return {
		status: 200,
		body: data,
		headers: { 'Content-Type': mimeType, 'Content-Disposition': `attachment; filename="${encodeURIComponent(name)}"` },
	};
}

function deleteAttachment({ org, ids: [ticketId, attachmentId] }) {
	const attachments = attachmentsOf(org, ticketId);
	attachments.splice(attachments.indexOf(attachmentOf(org, ticketId, attachmentId)), 1);
	return { status: 200 };
}

module.exports = [
	route('GET', '/tickets/{id}/attachments', READ, listAttachments, {
		params: { limit: int({ min: 1, max: 100 }), from: int({ min: 0 }), sortBy: sort(['createdTime']), isPublic: bool() },
		defaults: { from: 0, limit: 50 },
		weight: 'range',
	}),
	route('POST', '/tickets/{id}/attachments', UPDATE, uploadAttachment, {
		params: { isPublic: bool() },
		body: 'bytes',
		maxBytes: () => ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD,
	}),
	route('GET', '/tickets/{id}/attachments/{id}/content', READ, downloadAttachment),
	route('DELETE', '/tickets/{id}/attachments/{id}', UPDATE, deleteAttachment),
];
module.exports.ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_BYTES;
