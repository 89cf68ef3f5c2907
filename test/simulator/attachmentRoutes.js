'use strict';
/**
 * Files: ticket attachments (TicketAttachment.json: list, upload as multipart/form-data part `file`, change
 * isPublic, delete, and download from the `href` each attachment carries, …/content, not in the spec copy) and
 * uploads (`POST /uploads`, not in the spec copy: Zoho's Desk API docs, Uploads; used by Zoho's own SDKs), the
 * temporary files whose ids a reply's or comment's `attachmentIds` name (Thread.json, TicketComment.json). The
 * simulator keeps every file's bytes, name and MIME type. A ticket attachment emits Ticket_Attachment_Add /
 * _Update / _Delete (Webhook.json's events).
 * Size limit: neither the spec nor our stored Zoho docs state one; ATTACHMENT_MAX_BYTES (20 MiB) is our assumption.
 */
const { deskError } = require('./http');
const { kinds } = require('./params');
const { route } = require('./deskHelpers');

const { int, bool, sort } = kinds;

const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** Zoho keeps an upload that nothing used for 24 hours (Zoho's Desk SDKs: "temporary attachments"). */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const READ = [['Desk.tickets.READ']];
const UPDATE = [['Desk.tickets.UPDATE']];
/** Zoho's Desk API docs give Uploads the Desk.basic.CREATE scope. */
const UPLOAD = [['Desk.basic.CREATE']];

const iso = (ms) => new Date(ms).toISOString();

const notFound = () => deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');

function ticketOf(org, ticketId) {
	const ticket = org.tables.tickets.get(ticketId);
	if (!ticket || ticket.trashed) throw notFound();
	return ticket;
}

function attachmentsOf(org, ticketId) {
	ticketOf(org, ticketId);
	org.attachments ??= new Map();
	if (!org.attachments.has(ticketId)) org.attachments.set(ticketId, []);
	return org.attachments.get(ticketId);
}

/** How a reply's or comment's file is shown (Thread.json attachmentsJson, TicketComment.json attachment). */
function linkView(file, href) {
	return { id: file.id, name: file.name, size: String(file.data.length), href, previewurl: href };
}

function attachmentView(ctx, ticketId, attachment) {
	const href = `${ctx.deskUrl}/api/v1/tickets/${ticketId}/attachments/${attachment.id}/content`;
	return {
		...linkView(attachment, href),
		isPublic: attachment.isPublic,
		creatorId: attachment.creatorId,
		createdTime: iso(attachment.createdTime),
	};
}

/** The file's bytes as a download answers them, with its MIME type and (RFC 5987) file name. */
function contentOf({ name, mimeType, data }) {
	return {
		status: 200,
		body: data,
		headers: { 'Content-Type': mimeType, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
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

/** A stored file from an upload's `file` part, refused over the size limit. */
function fileFrom(org, body, { grant, isPublic = false, now }) {
	const { name, mimeType, bytes } = filePart(body);
	if (bytes.length > ATTACHMENT_MAX_BYTES) {
		throw deskError(413, 'RESOURCE_SIZE_EXCEEDED', `The file is larger than ${ATTACHMENT_MAX_BYTES} bytes.`);
	}
	const creatorId = grant.userId ?? org.lookups.agents.keys().next().value;
	return { id: org.newId.attachments(), name, mimeType, data: Buffer.from(bytes), isPublic, creatorId, createdTime: now };
}

/** A ticket attachment event to the webhooks (payload: the attachment and its ticket id). */
function emit({ org, ctx, services, sourceId }, ticket, eventType, attachment) {
	const payload = { ...attachmentView(ctx, ticket.id, attachment), ticketId: ticket.id };
	services.webhooks.dispatch(org, [{ eventType, payload, departmentId: ticket.departmentId, changedFields: [], eventTime: ctx.now }], { sourceId });
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

function uploadAttachment(request) {
	const { org, ctx, ids: [ticketId], params, body, grant } = request;
	const attachments = attachmentsOf(org, ticketId);
	const attachment = fileFrom(org, body, { grant, isPublic: params.isPublic ?? false, now: ctx.now });
	attachments.push(attachment);
	emit(request, ticketOf(org, ticketId), 'Ticket_Attachment_Add', attachment);
	return { status: 200, body: attachmentView(ctx, ticketId, attachment) };
}

function attachmentOf(org, ticketId, attachmentId) {
	const attachment = attachmentsOf(org, ticketId).find((a) => a.id === attachmentId);
	if (!attachment) throw notFound();
	return attachment;
}

/** PATCH (TicketAttachment.json attachmentJson): only `isPublic` can change. */
function updateAttachment(request) {
	const { org, ids: [ticketId, attachmentId], body } = request;
	const attachment = attachmentOf(org, ticketId, attachmentId);
	if (typeof body?.isPublic !== 'boolean') {
		throw deskError(422, 'INVALID_DATA', 'An invalid value is passed for one or more fields.', {
			errors: [{ fieldName: '/isPublic', errorType: 'invalid', errorMessage: 'isPublic must be a boolean' }],
		});
	}
	attachment.isPublic = body.isPublic;
	emit(request, ticketOf(org, ticketId), 'Ticket_Attachment_Update', attachment);
	return { status: 200 };
}

function deleteAttachment(request) {
	const { org, ids: [ticketId, attachmentId] } = request;
	const attachments = attachmentsOf(org, ticketId);
	const attachment = attachmentOf(org, ticketId, attachmentId);
	attachments.splice(attachments.indexOf(attachment), 1);
	emit(request, ticketOf(org, ticketId), 'Ticket_Attachment_Delete', attachment);
	return { status: 200 };
}

/** POST /uploads: a file kept for 24 hours until a reply or comment names it in `attachmentIds`. */
function upload({ org, ctx, body, grant }) {
	const file = fileFrom(org, body, { grant, now: ctx.now });
	org.uploads ??= new Map();
	org.uploads.set(file.id, file);
	return {
		status: 200,
		body: { id: file.id, name: file.name, size: String(file.data.length), isPublic: false, creatorId: file.creatorId, createdTime: iso(file.createdTime) },
	};
}

/**
 * The uploads a reply's or comment's `attachmentIds` name, taken out of the pending uploads (an upload attaches
 * once); an id that is not a live upload is the request's error.
 */
function takeUploads(org, ids = [], now, invalid) {
	const pending = org.uploads ?? new Map();
	const files = ids.map(String).map((id) => {
		const file = pending.get(id);
		if (!file || now - file.createdTime > UPLOAD_TTL_MS) throw invalid('/attachmentIds', `No upload with id ${id}`);
		return file;
	});
	for (const file of files) pending.delete(file.id);
	return files;
}

/** GET …/threads/{id}/attachments/{id}/content and …/comments/{id}/attachments/{id}/content: a reply's or comment's file. */
function conversationFile(kind) {
	return ({ org, ids: [ticketId, parentId, fileId] }) => {
		const parent = org.conversations.filesOf(ticketId, kind, parentId);
		const file = parent?.find((f) => f.id === fileId);
		if (!file) throw notFound();
		return contentOf(file);
	};
}

const upTo = () => ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD;

module.exports = [
	route('GET', '/tickets/{id}/attachments', READ, listAttachments, {
		params: { limit: int({ min: 1, max: 100 }), from: int({ min: 0 }), sortBy: sort(['createdTime']), isPublic: bool() },
		defaults: { from: 0, limit: 50 },
		weight: 'range',
	}),
	route('POST', '/tickets/{id}/attachments', UPDATE, uploadAttachment, { params: { isPublic: bool() }, body: 'bytes', maxBytes: upTo }),
	route('GET', '/tickets/{id}/attachments/{id}/content', READ, ({ org, ids: [t, a] }) => contentOf(attachmentOf(org, t, a))),
	route('PATCH', '/tickets/{id}/attachments/{id}', UPDATE, updateAttachment, { body: true }),
	route('DELETE', '/tickets/{id}/attachments/{id}', UPDATE, deleteAttachment),
	route('POST', '/uploads', UPLOAD, upload, { body: 'bytes', maxBytes: upTo }),
	route('GET', '/tickets/{id}/threads/{id}/attachments/{id}/content', READ, conversationFile('threads')),
	route('GET', '/tickets/{id}/comments/{id}/attachments/{id}/content', READ, conversationFile('comments')),
];
module.exports.ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_BYTES;
module.exports.takeUploads = takeUploads;
module.exports.linkView = linkView;
