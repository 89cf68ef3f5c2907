'use strict';
/**
 * Ticket conversations (v1.0/Thread.json, TicketComment.json): threads (sent email replies and drafts) and
 * comments, per ticket, plus the from addresses replies may use. A seeded ticket's conversation is built the first
 * time it is read: its description as the first, incoming thread, then `threadCount - 1` more threads and
 * `commentCount` comments. Sending a reply, saving a draft and adding, changing or deleting a comment bump the
 * ticket's modifiedTime and counts; the reply's `ticketStatus` changes the ticket (a Ticket_Update); replies emit
 * Ticket_Thread_Add, comments Ticket_Comment_Add / Ticket_Comment_Update (Webhook.json's event names), and each file a
 * new comment carries Ticket_Comment_Attachment_Add. Replies and comments carry the uploads (`POST /uploads`) their
 * `attachmentIds` name, bytes and all.
 */
const { deskError } = require('./http');
const { invalidData } = require('./webhookRules');
const { iso } = require('./views');
const { TICKET_STATUSES } = require('./fields');
const { takeUploads, linkView } = require('./attachmentRoutes');

const EMAIL = /^[a-zA-Z0-9_]([a-zA-Z0-9_+\-.'&]*)@(?=.{4,256}$)(([a-zA-Z0-9]+)(([-_]*[a-zA-Z0-9])*)[.])+[a-zA-Z]{2,22}$/;
/** The spec's to/cc/bcc pattern: addresses separated by commas or semicolons, optionally "Name <address>". */
const ADDRESS_LIST = /^((.*?)((<)*?[a-zA-Z0-9]([\w\-.+]*)@([\w\-.]*)(\.[a-zA-Z]{2,22}(.[a-zA-Z]{2}){0,2})(>)*?(\s)*((,|;)\s*)?))+$|^$/;
const REPLY_KEYS = ['channel', 'content', 'fromEmailAddress', 'to', 'cc', 'bcc', 'contentType', 'ticketStatus', 'attachmentIds', 'isForward', 'isPrivate', 'inReplyToThreadId'];
const COMMENT_KEYS = ['content', 'contentType', 'isPublic', 'attachmentIds'];
const CONTENT_MAX = 16_000_000;
const COMMENT_MAX = 32_000;

const stripTags = (html) =>
	String(html)
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.trim();
/** Thread summaries are plain and short; the spec allows letters, digits, spaces and . ? _ - , only. */
const summaryOf = (text) =>
	stripTags(text)
		.replace(/[^a-zA-Z0-9\s.?_\-,]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 100);
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

function authorOf(person, type) {
	return {
		id: person.id ?? null,
		firstName: person.firstName ?? null,
		lastName: person.lastName ?? null,
		name: `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim(),
		email: person.email,
		photoURL: person.photoURL ?? null,
		type,
	};
}

/** One portal's ticket conversations (`org.conversations`); the Desk API routes call these with the request. */
function createConversations({ org, records, webhooks, clock, deskUrl }) {
	/** ticket id → { threads: [], comments: [] } */
	const byTicket = new Map();

	function ticketOf(ticketId, { allowTrashed = false } = {}) {
		const ticket = org.tables.tickets.get(ticketId);
		if (!ticket || (ticket.trashed && !allowTrashed)) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
		return ticket;
	}

	function fromAddresses() {
		return org.tables.departments.liveEntries().map((entry) => {
			const department = org.tables.departments.full(entry);
			return {
				id: String(BigInt(department.id) + 7n),
				address: `${slug(department.name)}@${org.portalName}.example.com`,
				displayName: department.name,
				departmentId: department.id,
				isVerified: true,
			};
		});
	}

	const agentOf = (agentId) => org.lookups.agents.get(agentId) ?? org.lookups.agents.values().next().value;

	/** The conversation of a ticket, built from the seeded ticket the first time it is needed. */
	function conversationOf(ticket) {
		if (byTicket.has(ticket.id)) return byTicket.get(ticket.id);
		const contact = org.tables.contacts.get(ticket.contactId) ?? { email: ticket.email, firstName: null, lastName: 'Customer' };
		const agent = agentOf(ticket.assigneeId);
		const replyFrom = fromAddresses().find((a) => a.departmentId === ticket.departmentId)?.address ?? null;
		const step = Math.max(1, Math.floor((ticket.modifiedTime - ticket.createdTime) / Math.max(1, ticket.threadCount + ticket.commentCount)));
		const threads = Array.from({ length: Math.max(1, ticket.threadCount ?? 1) }, (_, i) => {
			const incoming = i % 2 === 0;
			const content = i === 0 ? ticket.description : incoming ? '<div>Any update on this?</div>' : '<div>We are looking into it.</div>';
			return {
				id: String(BigInt(ticket.id) * 100n + BigInt(i + 1)),
				direction: incoming ? 'in' : 'out',
				status: 'SUCCESS',
				isDescriptionThread: i === 0,
				contentType: 'text/html',
				content,
				to: incoming ? replyFrom : ticket.email,
				cc: '',
				bcc: '',
				fromEmailAddress: incoming ? ticket.email : replyFrom,
				author: incoming ? authorOf(contact, 'END_USER') : authorOf(agent, 'AGENT'),
				responderId: incoming ? null : agent.id,
				visibility: 'public',
				isForward: false,
				createdTime: ticket.createdTime + i * step,
			};
		});
		const comments = Array.from({ length: ticket.commentCount ?? 0 }, (_, i) => ({
			id: String(BigInt(ticket.id) * 100n + 50n + BigInt(i)),
			content: `<div>Internal note ${i + 1}</div>`,
			contentType: 'html',
			isPublic: false,
			commenterId: agent.id,
			commentedTime: ticket.createdTime + (i + 1) * step,
			modifiedTime: null,
		}));
		const conversation = { threads, comments };
		byTicket.set(ticket.id, conversation);
		return conversation;
	}

	const fileHref = (ticketId, kind, parentId, file) => `${deskUrl()}/api/v1/tickets/${ticketId}/${kind}/${parentId}/attachments/${file.id}/content`;
	const filesView = (ticketId, kind, parent) => parent.attachments.map((file) => linkView(file, fileHref(ticketId, kind, parent.id, file)));

	function threadView(ticketId, thread, { full }) {
		const attachments = thread.attachments ?? [];
		const view = {
			id: thread.id,
			channel: 'EMAIL',
			direction: thread.direction,
			status: thread.status,
			isDescriptionThread: thread.isDescriptionThread,
			visibility: thread.visibility,
			summary: summaryOf(thread.content),
			contentType: thread.contentType,
			to: thread.to,
			cc: thread.cc,
			bcc: thread.bcc,
			replyTo: null,
			fromEmailAddress: thread.fromEmailAddress,
			author: thread.author,
			impersonatedUser: null,
			isForward: thread.isForward,
			canReply: thread.status !== 'DRAFT',
			hasAttach: attachments.length > 0,
			attachmentCount: String(attachments.length),
			readReceipts: [],
			channelRelatedInfo: null,
			source: { appName: null, extId: null, type: 'SYSTEM', permalink: null, appPhotoURL: null },
			actions: [],
			createdTime: iso(thread.createdTime),
		};
		const whole = { isContentTruncated: false, fullContentURL: null };
		if (!full) {
			// The spec's list items spell a plain-text thread's contentType as a reply request does.
			const contentType = thread.contentType === 'text/plain' ? 'plainText' : thread.contentType;
			const attachmentIds = attachments.map((file) => file.id);
			return { ...view, ...whole, contentType, sentiment: 'NEUTRAL', keyWords: [], aspects: [], respondedIn: null, lastRatingIconURL: null, attachmentIds };
		}
		return { ...view, ...whole, responderId: thread.responderId, content: thread.content, attachments: filesView(ticketId, 'threads', { ...thread, attachments }) };
	}

	function commentView(ticketId, comment, include) {
		const agent = agentOf(comment.commenterId);
		const view = {
			id: comment.id,
			content: comment.content,
			contentType: comment.contentType,
			isPublic: comment.isPublic,
			commenterId: comment.commenterId,
			commenter: { ...authorOf(agent, 'AGENT'), roleName: 'Agent' },
			impersonatedUser: null,
			commentedTime: iso(comment.commentedTime),
			modifiedTime: iso(comment.modifiedTime),
			attachments: filesView(ticketId, 'comments', { ...comment, attachments: comment.attachments ?? [] }),
			encodedContent: null,
		};
		if (include.has('plainText')) view.plainText = stripTags(comment.content);
		if (include.has('mentions')) view.mention = [];
		return view;
	}

	/**
	 * Ticket_Thread_Add / Ticket_Comment_* to the webhooks, with the ticket's department for their filters; webhooks
	 * whose ignoreSourceId is the request's `sourceId` header are not told.
	 */
	function emit(ticket, eventType, payload, now, sourceId) {
		const change = { eventType, payload: { ...payload, ticketId: ticket.id }, departmentId: ticket.departmentId, changedFields: [], eventTime: now };
		webhooks.dispatch(org, [change], { sourceId });
	}

	/** The ticket after a conversation change: newer modifiedTime and counts; a status change is a Ticket_Update. */
	function touchTicket(ticket, conversation, { status, sourceId } = {}, now) {
		const counts = { threadCount: conversation.threads.filter((t) => t.status !== 'DRAFT').length, commentCount: conversation.comments.length };
		if (status !== undefined && status !== ticket.status) {
			records.updateRecord('tickets', ticket.id, { ...counts, status }, { orgId: org.id, sourceId });
			return;
		}
		org.tables.tickets.put({ ...ticket, ...counts, modifiedTime: Math.max(now, ticket.modifiedTime) });
	}

	function checkKeys(body, allowed) {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw deskError(422, 'EMPTY_PAYLOAD', 'The request body is empty.');
		for (const key of Object.keys(body)) if (!allowed.includes(key)) throw invalidData(`/${key}`, `Unknown key ${key}`);
	}

	function checkContent(body, max) {
		if (typeof body.content !== 'string' || !body.content.trim()) throw invalidData('/content', 'content is required', 'missing');
		if (body.content.length > max) throw invalidData('/content', `content is longer than ${max} characters`);
	}

	function checkAttachmentIds(body) {
		if (body.attachmentIds !== undefined && (!Array.isArray(body.attachmentIds) || body.attachmentIds.some((id) => !/^[0-9]+$/.test(String(id))))) {
			throw invalidData('/attachmentIds', 'attachmentIds must be a list of ids');
		}
	}

	/** A sendReply / draftReply body, checked as Zoho checks it (emailThreadSendReply). */
	function replyFrom(ticket, body, { draft }) {
		checkKeys(body, REPLY_KEYS);
		if (body.channel === undefined) throw invalidData('/channel', 'channel is required', 'missing');
		if (body.channel !== 'EMAIL') throw invalidData('/channel', 'Only EMAIL replies are simulated');
		checkContent(body, CONTENT_MAX);
		if (body.fromEmailAddress === undefined) throw invalidData('/fromEmailAddress', 'fromEmailAddress is required', 'missing');
		if (typeof body.fromEmailAddress !== 'string' || !EMAIL.test(body.fromEmailAddress)) throw invalidData('/fromEmailAddress', 'Not an email address');
		if (!fromAddresses().some((a) => a.address.toLowerCase() === body.fromEmailAddress.toLowerCase())) {
			throw invalidData('/fromEmailAddress', 'The from address is not configured in this help desk portal');
		}
		for (const key of ['to', 'cc', 'bcc']) {
			if (body[key] === undefined) continue;
			if (typeof body[key] !== 'string' || body[key].length > 13_000 || !ADDRESS_LIST.test(body[key])) throw invalidData(`/${key}`, 'Not a list of email addresses');
		}
		if (body.contentType !== undefined && !['html', 'plainText', 'text/html'].includes(body.contentType)) throw invalidData('/contentType', 'Must be html or plainText');
		if (body.ticketStatus !== undefined && !TICKET_STATUSES.some((s) => s.value === body.ticketStatus)) throw invalidData('/ticketStatus', `No status ${body.ticketStatus}`);
		if (body.isForward !== undefined && typeof body.isForward !== 'boolean') throw invalidData('/isForward', 'Must be a boolean');
		checkAttachmentIds(body);
		const plain = (body.contentType ?? 'plainText') === 'plainText';
		// Last: an upload is used up once it is attached.
		const attachments = takeUploads(org, body.attachmentIds, clock(), invalidData);
		return {
			direction: 'out',
			status: draft ? 'DRAFT' : 'SUCCESS',
			isDescriptionThread: false,
			contentType: plain ? 'text/plain' : 'text/html',
			content: body.content,
			to: body.to ?? ticket.email ?? '',
			cc: body.cc ?? '',
			bcc: body.bcc ?? '',
			fromEmailAddress: body.fromEmailAddress,
			visibility: 'public',
			isForward: body.isForward ?? false,
			attachments,
		};
	}

	function addReply({ ids: [ticketId], body, grant, sourceId }, { draft }) {
		const ticket = ticketOf(ticketId);
		const conversation = conversationOf(ticket);
		const fields = replyFrom(ticket, body, { draft });
		const now = clock();
		const agent = agentOf(grant.userId);
		const thread = { id: org.newId.tickets(), ...fields, author: authorOf(agent, 'AGENT'), responderId: agent.id, createdTime: now };
		conversation.threads.push(thread);
		touchTicket(ticket, conversation, draft ? {} : { status: body.ticketStatus, sourceId }, now);
		const view = threadView(ticket.id, thread, { full: true });
		if (!draft) emit(ticket, 'Ticket_Thread_Add', view, now, sourceId);
		return { status: 200, body: view };
	}

	function listThreads({ ids: [ticketId], params }) {
		const { threads } = conversationOf(ticketOf(ticketId));
		// Zoho's default is newest first; sortBy=sendDateTime is oldest first.
		const ascending = params.sortBy ? !params.sortBy.desc : false;
		const sorted = [...threads].sort((a, b) => (a.createdTime - b.createdTime || (a.id < b.id ? -1 : 1)) * (ascending ? 1 : -1));
		const page = sorted.slice(params.from, params.from + params.limit);
		return page.length ? { status: 200, body: { data: page.map((t) => threadView(ticketId, t, { full: false })) } } : { status: 204 };
	}

	function getThread({ ids: [ticketId, threadId], params }) {
		const thread = conversationOf(ticketOf(ticketId)).threads.find((t) => t.id === threadId);
		if (!thread) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
		const view = threadView(ticketId, thread, { full: true });
		if (params.include?.includes('plainText')) view.plainText = stripTags(thread.content);
		return { status: 200, body: view };
	}

	function listComments({ ids: [ticketId], params }) {
		const { comments } = conversationOf(ticketOf(ticketId));
		const descending = params.sortBy?.desc ?? false;
		const sorted = [...comments].sort((a, b) => (a.commentedTime - b.commentedTime || (a.id < b.id ? -1 : 1)) * (descending ? -1 : 1));
		const page = sorted.slice(params.from, params.from + params.limit);
		const include = new Set(params.include ?? []);
		return page.length ? { status: 200, body: { data: page.map((c) => commentView(ticketId, c, include)) } } : { status: 204 };
	}

	function commentOf(ticketId, commentId) {
		const ticket = ticketOf(ticketId);
		const conversation = conversationOf(ticket);
		const comment = conversation.comments.find((c) => c.id === commentId);
		if (!comment) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
		return { ticket, conversation, comment };
	}

	function getComment({ ids: [ticketId, commentId], params }) {
		const { comment } = commentOf(ticketId, commentId);
		return { status: 200, body: commentView(ticketId, comment, new Set(params.include ?? [])) };
	}

	function addComment({ ids: [ticketId], body, grant, sourceId }) {
		const ticket = ticketOf(ticketId);
		const conversation = conversationOf(ticket);
		checkKeys(body, COMMENT_KEYS);
		checkContent(body, COMMENT_MAX);
		// The spec lists attachmentIds as required (an empty list when there are none).
		if (body.attachmentIds === undefined) throw invalidData('/attachmentIds', 'attachmentIds is required', 'missing');
		checkAttachmentIds(body);
		if (body.isPublic !== undefined && typeof body.isPublic !== 'boolean') throw invalidData('/isPublic', 'Must be a boolean');
		if (body.contentType !== undefined && !['plainText', 'html'].includes(body.contentType)) throw invalidData('/contentType', 'Must be plainText or html');
		const now = clock();
		const attachments = takeUploads(org, body.attachmentIds, now, invalidData);
		const comment = {
			id: org.newId.tickets(),
			content: body.content,
			contentType: body.contentType ?? 'plainText',
			isPublic: body.isPublic ?? true,
			commenterId: agentOf(grant.userId).id,
			commentedTime: now,
			modifiedTime: null,
			attachments,
		};
		conversation.comments.push(comment);
		touchTicket(ticket, conversation, {}, now);
		const view = commentView(ticket.id, comment, new Set());
		emit(ticket, 'Ticket_Comment_Add', view, now, sourceId);
		for (const file of view.attachments) emit(ticket, 'Ticket_Comment_Attachment_Add', { ...file, commentId: comment.id }, now, sourceId);
		return { status: 200, body: view };
	}

	function updateComment({ ids: [ticketId, commentId], body, sourceId }) {
		const { ticket, conversation, comment } = commentOf(ticketId, commentId);
		checkKeys(body, ['content']);
		checkContent(body, COMMENT_MAX);
		const now = clock();
		comment.content = body.content;
		comment.modifiedTime = now;
		touchTicket(ticket, conversation, {}, now);
		const view = commentView(ticket.id, comment, new Set());
		emit(ticket, 'Ticket_Comment_Update', view, now, sourceId);
		return { status: 200, body: view };
	}

	function deleteComment({ ids: [ticketId, commentId] }) {
		const { ticket, conversation, comment } = commentOf(ticketId, commentId);
		conversation.comments.splice(conversation.comments.indexOf(comment), 1);
		touchTicket(ticket, conversation, {}, clock());
		return { status: 200 };
	}

	function listFromAddresses({ params }) {
		const data = fromAddresses().filter((a) => !params.departmentId || a.departmentId === params.departmentId);
		return data.length ? { status: 200, body: { data } } : { status: 204 };
	}

	return {
		sendReply: (request) => addReply(request, { draft: false }),
		draftReply: (request) => addReply(request, { draft: true }),
		listThreads,
		getThread,
		listComments,
		getComment,
		addComment,
		updateComment,
		deleteComment,
		listFromAddresses,
		/** Control: the stored conversation of a ticket (also one in the trash), as the API would show it in full. */
		inspect(ticketId) {
			const conversation = conversationOf(ticketOf(ticketId, { allowTrashed: true }));
			return {
				threads: conversation.threads.map((t) => threadView(ticketId, t, { full: true })),
				comments: conversation.comments.map((c) => commentView(ticketId, c, new Set())),
			};
		},
		/** The files of a ticket's thread or comment (`kind` threads or comments), undefined when there is none. */
		filesOf(ticketId, kind, parentId) {
			return conversationOf(ticketOf(ticketId))[kind].find((entry) => entry.id === parentId)?.attachments;
		},
	};
}

module.exports = { createConversations };
