import { listSearch } from '../harness';
import { TICKET_ID, desk, runZohoDesk, selfClient, useNock } from './fixtures';

useNock();

const ticket = { __rl: true, mode: 'id', value: TICKET_ID };
const COMMENT_ID = '1892000000143237';
const threadId = (i: number) => String(1892000000100000n + BigInt(i));
const listItem = (i: number) => ({ id: threadId(i), summary: `Summary ${i}`, direction: i % 2 ? 'out' : 'in', channel: 'EMAIL' });

describe('Get Threads', () => {
	test('lists the threads (ids stay strings) without reading each one', async () => {
		desk().get(`/api/v1/tickets/${TICKET_ID}/threads`).query({ from: 0, limit: 3 }).reply(200, { data: [0, 1, 2].map(listItem) });

		const { items, error } = await runZohoDesk({ resource: 'ticket', operation: 'getThreads', ticketId: ticket, limit: 3 });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([threadId(0), threadId(1), threadId(2)]);
		expect(items[0].json.content).toBeUndefined();
	});

	test('Include Content reads every thread with plainText and keeps the list order; Oldest First sorts by sendDateTime', async () => {
		desk()
			.get(`/api/v1/tickets/${TICKET_ID}/threads`)
			.query({ sortBy: 'sendDateTime', from: 0, limit: 100 })
			.reply(200, { data: [0, 1, 2, 3].map(listItem) });
		for (const i of [0, 1, 2, 3]) {
			desk()
				.get(`/api/v1/tickets/${TICKET_ID}/threads/${threadId(i)}`)
				.query({ include: 'plainText' })
				.delay(i === 0 ? 30 : 0)
				.reply(200, { id: threadId(i), content: `<div>Body ${i}</div>`, plainText: `Body ${i}`, cc: i === 1 ? 'boss@example.org' : '' });
		}

		const { items, error } = await runZohoDesk({
			resource: 'ticket',
			operation: 'getThreads',
			ticketId: ticket,
			returnAll: true,
			options: { includeContent: true, oldestFirst: true, parallelRequests: 2 },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id, item.json.summary, item.json.plainText])).toEqual(
			[0, 1, 2, 3].map((i) => [threadId(i), `Summary ${i}`, `Body ${i}`]),
		);
		expect(items[1].json.cc).toBe('boss@example.org');
	});
});

describe('Send Reply and Save Draft Reply', () => {
	test('Send Reply posts an EMAIL reply with HTML, to/cc lists and the new status, and returns the thread', async () => {
		const thread = { id: threadId(9), status: 'SUCCESS', contentType: 'text/html', cc: 'a@example.org, b@example.org' };
		desk()
			.post(`/api/v1/tickets/${TICKET_ID}/sendReply`, {
				channel: 'EMAIL',
				fromEmailAddress: 'support@acme.example.com',
				content: '<p>Fixed</p>',
				contentType: 'html',
				to: 'carol@example.org',
				cc: 'a@example.org, b@example.org',
				ticketStatus: 'Closed',
			})
			.reply(200, thread);

		const { items, error } = await runZohoDesk({
			resource: 'ticket',
			operation: 'sendReply',
			ticketId: ticket,
			fromEmailAddress: { __rl: true, mode: 'list', value: 'support@acme.example.com' },
			content: '<p>Fixed</p>',
			contentType: 'html',
			to: 'carol@example.org',
			options: { cc: 'a@example.org,b@example.org', ticketStatus: 'Closed' },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([thread]);
	});

	test('Save Draft Reply posts to draftReply, plain text by default, and never sends a status', async () => {
		desk()
			.post(`/api/v1/tickets/${TICKET_ID}/draftReply`, {
				channel: 'EMAIL',
				fromEmailAddress: 'support@acme.example.com',
				content: 'Draft',
				contentType: 'plainText',
			})
			.reply(200, { id: threadId(10), status: 'DRAFT' });

		const { items } = await runZohoDesk({
			resource: 'ticket',
			operation: 'saveDraftReply',
			ticketId: ticket,
			fromEmailAddress: { __rl: true, mode: 'address', value: 'support@acme.example.com' },
			content: 'Draft',
		});

		expect(items[0].json.status).toBe('DRAFT');
	});

	test('a reply without a From Address fails before calling Zoho', async () => {
		const { error } = await runZohoDesk(
			{ resource: 'ticket', operation: 'sendReply', ticketId: ticket, fromEmailAddress: { __rl: true, mode: 'address', value: '={{ $json.from }}' }, content: 'Hi' },
			{ input: [{ from: '' }] },
		);
		expect(error?.message).toMatch(/From Address/);
	});
});

describe('Comments', () => {
	test('Add Comment posts content, type, visibility and the empty attachmentIds the spec requires; @mentions pass through', async () => {
		const content = 'zsu[@user:55616589]zsu please check';
		desk()
			.post(`/api/v1/tickets/${TICKET_ID}/comments`, { content, contentType: 'plainText', isPublic: false, attachmentIds: [] })
			.reply(200, { id: COMMENT_ID, content, isPublic: false });

		const { items, error } = await runZohoDesk({ resource: 'ticket', operation: 'addComment', ticketId: ticket, content });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: COMMENT_ID, content, isPublic: false });
	});

	test('Get Comments sends include and the newest-first sort, and pages 100 at a time', async () => {
		const page = Array.from({ length: 100 }, (_, i) => ({ id: String(1892000000200000n + BigInt(i)) }));
		const scope = `/api/v1/tickets/${TICKET_ID}/comments`;
		desk().get(scope).query({ include: 'mentions,plainText', sortBy: '-commentedTime', from: 0, limit: 100 }).reply(200, { data: page });
		desk().get(scope).query({ include: 'mentions,plainText', sortBy: '-commentedTime', from: 100, limit: 100 }).reply(204);

		const { items } = await runZohoDesk({
			resource: 'ticket',
			operation: 'getComments',
			ticketId: ticket,
			returnAll: true,
			options: { include: ['mentions', 'plainText'], newestFirst: true },
		});

		expect(items).toHaveLength(100);
	});

	test('Update Comment patches the content; Delete Comment returns what it deleted', async () => {
		desk().patch(`/api/v1/tickets/${TICKET_ID}/comments/${COMMENT_ID}`, { content: 'Done' }).reply(200, { id: COMMENT_ID, content: 'Done' });
		desk().delete(`/api/v1/tickets/${TICKET_ID}/comments/${COMMENT_ID}`).reply(200);
		const comment = { __rl: true, mode: 'id', value: COMMENT_ID };

		const updated = await runZohoDesk({ resource: 'ticket', operation: 'updateComment', ticketId: ticket, commentId: comment, content: 'Done' });
		const deleted = await runZohoDesk({ resource: 'ticket', operation: 'deleteComment', ticketId: ticket, commentId: comment });

		expect(updated.items[0].json.content).toBe('Done');
		expect(deleted.items[0].json).toEqual({ deleted: true, ticketId: TICKET_ID, commentId: COMMENT_ID });
	});

	test('under Continue On Fail a 422 item names the field and Zoho message, and the next item still runs', async () => {
		const path = `/api/v1/tickets/${TICKET_ID}/comments`;
		desk()
			.post(path, (body) => body.content === 'too long')
			.reply(422, {
				errorCode: 'INVALID_DATA',
				message: 'The data does not comply to the validation restrictions defined.',
				errors: [{ fieldName: '/content', errorType: 'invalid', errorMessage: 'content is longer than 32000 characters' }],
			});
		desk().post(path, (body) => body.content === 'fine').reply(200, { id: COMMENT_ID, content: 'fine' });

		const { items, error } = await runZohoDesk(
			{ resource: 'ticket', operation: 'addComment', ticketId: ticket, content: '={{ $json.text }}' },
			{ input: [{ text: 'too long' }, { text: 'fine' }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json.error).toMatch(/INVALID_DATA: The data does not comply/);
		expect(items[0].json.description).toMatch(/\/content: content is longer than 32000 characters/);
		expect(items[1].json).toEqual({ id: COMMENT_ID, content: 'fine' });
	});
});

describe('pickers', () => {
	const picker = (method: string, ticketId?: string) =>
		listSearch({
			nodeType: 'zohoDesk',
			parameters: { resource: 'ticket', operation: 'sendReply', ...(ticketId ? { ticketId: { __rl: true, mode: 'id', value: ticketId } } : {}) },
			credentials: selfClient(),
			method,
		});

	test("From Address lists the ticket's department's reply addresses", async () => {
		desk().get(`/api/v1/tickets/${TICKET_ID}`).reply(200, { id: TICKET_ID, departmentId: '1892000000082069' });
		desk()
			.get('/api/v1/mailReplyAddress')
			.query({ departmentId: '1892000000082069' })
			.reply(200, { data: [{ id: '1', address: 'billing@acme.example.com', displayName: 'Billing' }] });

		const result = await picker('searchFromAddresses', TICKET_ID);

		expect(result.results).toEqual([{ name: 'Billing <billing@acme.example.com>', value: 'billing@acme.example.com' }]);
	});

	test('Comment lists the chosen ticket\'s comments, newest first, by their text', async () => {
		desk()
			.get(`/api/v1/tickets/${TICKET_ID}/comments`)
			.query({ from: 0, limit: 50, sortBy: '-commentedTime', include: 'plainText' })
			.reply(200, { data: [{ id: COMMENT_ID, plainText: 'Call the customer', commentedTime: '2026-12-01T10:00:00.000Z' }] });

		const result = await picker('searchTicketComments', TICKET_ID);

		expect(result.results).toEqual([{ name: 'Call the customer (2026-12-01T10:00:00.000Z)', value: COMMENT_ID }]);
		expect((await picker('searchTicketComments')).results).toEqual([]);
	});
});
