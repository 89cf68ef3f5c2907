'use strict';
/**
 * Ticket conversations under /tickets/{id}: threads (list, get one, send a reply, save a draft), comments (list,
 * get, add, update, delete) and the portal's from addresses. The work is done by conversations.js.
 */
const { kinds } = require('./params');
const { route } = require('./deskHelpers');

const { int, list, id, sort } = kinds;

/** Reading a ticket's conversation needs tickets.READ; changing it needs tickets.UPDATE (Thread.json, TicketComment.json). */
const READ = [['Desk.tickets.READ']];
const UPDATE = [['Desk.tickets.UPDATE']];
/** GET /mailReplyAddress is not in the spec copy; Zoho's API docs list it under the portal's settings. */
const SETTINGS = [['Desk.settings.READ'], ['Desk.basic.READ']];

const PAGE = { limit: int({ min: 1, max: 100 }), from: int({ min: 0 }) };
const COMMENT_INCLUDE = list({ enum: ['mentions', 'plainText'] });
const via = (name) => (request) => request.org.conversations[name](request);

module.exports = [
	route('GET', '/tickets/{id}/threads', READ, via('listThreads'), {
		params: { ...PAGE, sortBy: sort(['sendDateTime']) },
		defaults: { from: 0, limit: 25 },
		weight: 'range',
	}),
	route('GET', '/tickets/{id}/threads/{id}', READ, via('getThread'), { params: { include: list({ enum: ['plainText'] }) } }),
	route('POST', '/tickets/{id}/sendReply', UPDATE, via('sendReply'), { body: true }),
	route('POST', '/tickets/{id}/draftReply', UPDATE, via('draftReply'), { body: true }),
	route('GET', '/tickets/{id}/comments', READ, via('listComments'), {
		params: { ...PAGE, include: COMMENT_INCLUDE, sortBy: sort(['commentedTime']) },
		defaults: { from: 0, limit: 25 },
		weight: 'range',
	}),
	route('POST', '/tickets/{id}/comments', UPDATE, via('addComment'), { body: true }),
	route('GET', '/tickets/{id}/comments/{id}', READ, via('getComment'), { params: { include: COMMENT_INCLUDE } }),
	route('PATCH', '/tickets/{id}/comments/{id}', UPDATE, via('updateComment'), { body: true }),
	route('DELETE', '/tickets/{id}/comments/{id}', UPDATE, via('deleteComment')),
	route('GET', '/mailReplyAddress', SETTINGS, via('listFromAddresses'), { params: { departmentId: id() } }),
];
