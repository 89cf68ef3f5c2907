'use strict';
/** Ticket conversations in the simulator: threads, replies, drafts, comments, from addresses, events and scopes. */
const { startSimulator } = require('./index');
const { deskClient, startReceiver } = require('./helpers');

describe('ticket conversations', () => {
	let sim;
	let desk;
	let ticket;
	let fromAddress;

	beforeAll(async () => {
		sim = await startSimulator({ tickets: 50 });
		desk = deskClient(sim);
		ticket = (await desk.get('/tickets?limit=1')).body.data[0];
		fromAddress = (await desk.get(`/mailReplyAddress?departmentId=${ticket.departmentId}`)).body.data[0].address;
	});
	afterAll(() => sim.stop());

	const post = (path, body) => desk.request('POST', path, { body });

	test("a seeded ticket's threads match its threadCount, newest first, description thread last, without content", async () => {
		const { status, body } = await desk.get(`/tickets/${ticket.id}/threads?limit=100`);
		expect(status).toBe(200);
		expect(body.data).toHaveLength(Number(ticket.threadCount));
		const times = body.data.map((t) => Date.parse(t.createdTime));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(body.data.at(-1).isDescriptionThread).toBe(true);
		expect(body.data.every((t) => t.content === undefined && typeof t.summary === 'string')).toBe(true);
		const oldestFirst = (await desk.get(`/tickets/${ticket.id}/threads?sortBy=sendDateTime&limit=1`)).body.data[0];
		expect(oldestFirst.isDescriptionThread).toBe(true);
	});

	test('sendReply stores the thread with content, cc and contentType, changes the status and bumps the ticket', async () => {
		const before = (await desk.get(`/tickets/${ticket.id}`)).body;
		const reply = await post(`/tickets/${ticket.id}/sendReply`, {
			channel: 'EMAIL',
			fromEmailAddress: fromAddress,
			to: 'customer@example.org',
			cc: 'boss@example.org, audit@example.org',
			content: '<p>Fixed, <b>thanks</b>.</p>',
			contentType: 'html',
			ticketStatus: 'On Hold',
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ direction: 'out', status: 'SUCCESS', contentType: 'text/html', cc: 'boss@example.org, audit@example.org' });
		const thread = (await desk.get(`/tickets/${ticket.id}/threads/${reply.body.id}?include=plainText`)).body;
		expect(thread).toMatchObject({ content: '<p>Fixed, <b>thanks</b>.</p>', plainText: 'Fixed, thanks.', to: 'customer@example.org' });
		const after = (await desk.get(`/tickets/${ticket.id}`)).body;
		expect(after.status).toBe('On Hold');
		expect(Number(after.threadCount)).toBe(Number(before.threadCount) + 1);
		expect(Date.parse(after.modifiedTime)).toBeGreaterThanOrEqual(Date.parse(before.modifiedTime));
	});

	test('a plain-text draft is kept as a DRAFT thread and does not count as a sent thread', async () => {
		const before = Number((await desk.get(`/tickets/${ticket.id}`)).body.threadCount);
		const draft = await post(`/tickets/${ticket.id}/draftReply`, { channel: 'EMAIL', fromEmailAddress: fromAddress, content: 'Draft text' });
		expect(draft.body).toMatchObject({ status: 'DRAFT', contentType: 'text/plain', content: 'Draft text' });
		expect(Number((await desk.get(`/tickets/${ticket.id}`)).body.threadCount)).toBe(before);
	});

	test.each([
		['no fromEmailAddress', { channel: 'EMAIL', content: 'x' }, '/fromEmailAddress', 'missing'],
		['an unconfigured from address', { channel: 'EMAIL', content: 'x', fromEmailAddress: 'me@elsewhere.com' }, '/fromEmailAddress', 'invalid'],
		['a bad cc', { channel: 'EMAIL', content: 'x', fromEmailAddress: '{from}', cc: 'not an address' }, '/cc', 'invalid'],
		['an unknown status', { channel: 'EMAIL', content: 'x', fromEmailAddress: '{from}', ticketStatus: 'Sleeping' }, '/ticketStatus', 'invalid'],
		['empty content', { channel: 'EMAIL', content: '', fromEmailAddress: '{from}' }, '/content', 'missing'],
	])('sendReply with %s answers 422 naming the field', async (_, body, fieldName, errorType) => {
		const sent = { ...body, ...(body.fromEmailAddress === '{from}' ? { fromEmailAddress: fromAddress } : {}) };
		const { status, body: error } = await post(`/tickets/${ticket.id}/sendReply`, sent);
		expect(status).toBe(422);
		expect(error).toMatchObject({ errorCode: 'INVALID_DATA', errors: [{ fieldName, errorType }] });
	});

	test('comments: add (attachmentIds required, as the spec says), read, update, delete', async () => {
		expect((await post(`/tickets/${ticket.id}/comments`, { content: 'x' })).body.errors[0].fieldName).toBe('/attachmentIds');
		const added = await post(`/tickets/${ticket.id}/comments`, {
			content: 'zsu[@user:55616589]zsu please check',
			isPublic: false,
			contentType: 'plainText',
			attachmentIds: [],
		});
		expect(added.body).toMatchObject({ isPublic: false, content: 'zsu[@user:55616589]zsu please check' });
		const id = added.body.id;
		const listed = (await desk.get(`/tickets/${ticket.id}/comments?sortBy=-commentedTime&include=plainText,mentions`)).body.data;
		expect(listed[0]).toMatchObject({ id, plainText: 'zsu[@user:55616589]zsu please check' });
		const updated = await desk.request('PATCH', `/tickets/${ticket.id}/comments/${id}`, { body: { content: 'Done' } });
		expect(updated.body.content).toBe('Done');
		expect(updated.body.modifiedTime).not.toBeNull();
		expect((await desk.request('DELETE', `/tickets/${ticket.id}/comments/${id}`)).status).toBe(200);
		expect((await desk.get(`/tickets/${ticket.id}/comments/${id}`)).status).toBe(404);
	});

	test('a thread of another ticket, or an unknown ticket, is 404', async () => {
		expect((await desk.get(`/tickets/${ticket.id}/threads/1`)).status).toBe(404);
		expect((await desk.get('/tickets/42/threads')).status).toBe(404);
	});

	test('writes need Desk.tickets.UPDATE: a read-only token gets SCOPE_MISMATCH, reads still work', async () => {
		const readOnly = deskClient(sim, { scopes: ['Desk.tickets.READ'] });
		expect((await readOnly.get(`/tickets/${ticket.id}/comments`)).status).toBe(200);
		const denied = await readOnly.request('POST', `/tickets/${ticket.id}/comments`, { body: { content: 'x', attachmentIds: [] } });
		expect(denied.status).toBe(403);
		expect(denied.body.errorCode).toBe('SCOPE_MISMATCH');
	});

	test('replies and comments reach webhooks as Ticket_Thread_Add, Ticket_Comment_Add and Ticket_Comment_Update', async () => {
		const receiver = await startReceiver();
		try {
			await post('/webhooks', {
				url: receiver.url,
				subscriptions: { Ticket_Thread_Add: { direction: 'out' }, Ticket_Comment_Add: null, Ticket_Comment_Update: null },
			});
			const reply = await post(`/tickets/${ticket.id}/sendReply`, { channel: 'EMAIL', fromEmailAddress: fromAddress, content: 'Hello' });
			const comment = await post(`/tickets/${ticket.id}/comments`, { content: 'note', attachmentIds: [] });
			await desk.request('PATCH', `/tickets/${ticket.id}/comments/${comment.body.id}`, { body: { content: 'note 2' } });
			await sim.deliveriesSettled();
			const events = receiver.deliveries().flatMap((d) => d.body);
			expect(events.map((e) => [e.eventType, e.payload.id, e.payload.ticketId])).toEqual([
				['Ticket_Thread_Add', reply.body.id, ticket.id],
				['Ticket_Comment_Add', comment.body.id, ticket.id],
				['Ticket_Comment_Update', comment.body.id, ticket.id],
			]);
			expect(events[0].payload.content).toBe('Hello');
		} finally {
			await receiver.close();
		}
	});
});

const { createSpec, specAvailable } = require('./oasSchema');

(specAvailable() ? describe : describe.skip)('conversation answers match the OpenAPI spec', () => {
	let sim;
	let desk;
	let spec;
	beforeAll(async () => {
		sim = await startSimulator({ tickets: 20 });
		desk = deskClient(sim);
		spec = createSpec();
	});
	afterAll(() => sim.stop());

	test('threads list, reply, comments list and comment', async () => {
		const ticket = (await desk.get('/tickets?limit=1')).body.data[0];
		const from = (await desk.get(`/mailReplyAddress?departmentId=${ticket.departmentId}`)).body.data[0].address;
		const check = (file, path, method, body) => expect(spec.validateResponse({ file, path, method, status: 200 }, body)).toEqual([]);
		const reply = await desk.request('POST', `/tickets/${ticket.id}/sendReply`, {
			body: { channel: 'EMAIL', fromEmailAddress: from, cc: 'a@example.org', content: '<p>Hi</p>', contentType: 'html' },
		});
		check('v1.0/Thread.json', '/api/v1/tickets/{ticketId}/sendReply', 'post', reply.body);
		check('v1.0/Thread.json', '/api/v1/tickets/{ticketId}/threads', 'get', (await desk.get(`/tickets/${ticket.id}/threads`)).body);
		const comment = await desk.request('POST', `/tickets/${ticket.id}/comments`, { body: { content: 'x', attachmentIds: [] } });
		check('v1.0/TicketComment.json', '/api/v1/tickets/{ticketId}/comments', 'post', comment.body);
		check('v1.0/TicketComment.json', '/api/v1/tickets/{ticketId}/comments', 'get', (await desk.get(`/tickets/${ticket.id}/comments`)).body);
	});
});
