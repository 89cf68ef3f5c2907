/**
 * The Zoho Desk node's conversation operations against the simulator: replies arrive as the simulator's threads,
 * comments round-trip, Get Threads reads the content back, 422s and missing scopes name what is wrong.
 */
import type { IDataObject } from 'n8n-workflow';

import { executeNode, listSearch } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';

let sim: Simulator;
let store: CredentialStore;
let ticketId: string;

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean; credentials?: CredentialStore } = {}) {
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', ticketId: locator(ticketId), ...parameters } as never,
		credentials: options.credentials ?? store,
		input: options.input?.map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
	});
}

async function fromAddress(): Promise<string> {
	const { results } = await listSearch({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', operation: 'sendReply', ticketId: locator(ticketId) },
		credentials: store,
		method: 'searchFromAddresses',
	});
	return String(results[0].value);
}

beforeAll(async () => {
	sim = await startSim({ tickets: 30, seed: 5 });
	store = credentialFor(sim);
	const ticket = sim.createRecord('tickets', { subject: 'Printer on fire' });
	ticketId = String(ticket.id);
});

afterAll(async () => await sim.stop());

test("the From Address picker offers the ticket's department's address", async () => {
	expect(await fromAddress()).toMatch(/@.+\.example\.com$/);
});

test('a reply with cc and HTML arrives as the simulator\'s thread (content, cc, contentType) and closes the ticket', async () => {
	const from = await fromAddress();
	const { items, error } = await run({
		operation: 'sendReply',
		fromEmailAddress: { __rl: true, mode: 'list', value: from },
		content: '<p>It is <b>fixed</b>.</p>',
		contentType: 'html',
		to: 'carol@example.org',
		options: { cc: 'boss@example.org, audit@example.org', ticketStatus: 'Closed' },
	});
	expect(error).toBeUndefined();
	const sent = items[0].json;
	expect(sent.id).toMatch(/^[0-9]{19}$/);

	const stored = sim.conversation(ticketId).threads.find((thread) => thread.id === sent.id);
	expect(stored).toMatchObject({
		content: '<p>It is <b>fixed</b>.</p>',
		contentType: 'text/html',
		cc: 'boss@example.org, audit@example.org',
		to: 'carol@example.org',
		fromEmailAddress: from,
		direction: 'out',
		status: 'SUCCESS',
	});
	expect(sim.getRecord('tickets', ticketId).status).toBe('Closed');
});

test('Get Threads with Include Content returns every thread with its content, one extra call per thread', async () => {
	sim.resetCounters();
	const { items, error } = await run({ operation: 'getThreads', returnAll: true, options: { includeContent: true, oldestFirst: true } });
	expect(error).toBeUndefined();
	const threads = items.map((item) => item.json);
	expect(threads.map((thread) => thread.id)).toEqual(sim.conversation(ticketId).threads.map((thread) => thread.id));
	expect(threads[0].isDescriptionThread).toBe(true);
	expect(threads.at(-1)).toMatchObject({ content: '<p>It is <b>fixed</b>.</p>', plainText: 'It is fixed.', cc: 'boss@example.org, audit@example.org' });
	const { byRoute } = sim.counters();
	expect(byRoute['GET /api/v1/tickets/{id}/threads']).toBe(1);
	expect(byRoute['GET /api/v1/tickets/{id}/threads/{id}']).toBe(threads.length);
});

test('comment round trip: add a private comment with a mention, read it, change it, delete it', async () => {
	const content = 'zsu[@user:55616589]zsu please call the customer';
	const added = (await run({ operation: 'addComment', content })).items[0].json;
	expect(added).toMatchObject({ content, isPublic: false });
	const commentId = String(added.id);

	const listed = (await run({ operation: 'getComments', returnAll: true, options: { include: ['plainText'], newestFirst: true } })).items;
	expect(listed[0].json).toMatchObject({ id: commentId, plainText: content, isPublic: false });

	const updated = (await run({ operation: 'updateComment', commentId: locator(commentId), content: 'Called: fixed' })).items[0].json;
	expect(updated).toMatchObject({ id: commentId, content: 'Called: fixed' });
	expect(sim.conversation(ticketId).comments.find((c) => c.id === commentId)?.content).toBe('Called: fixed');

	const deleted = (await run({ operation: 'deleteComment', commentId: locator(commentId) })).items[0].json;
	expect(deleted).toEqual({ deleted: true, ticketId, commentId });
	expect(sim.conversation(ticketId).comments.some((c) => c.id === commentId)).toBe(false);
});

test('a draft is stored as a DRAFT thread and not sent', async () => {
	const from = await fromAddress();
	const { items } = await run({ operation: 'saveDraftReply', fromEmailAddress: { __rl: true, mode: 'address', value: from }, content: 'Draft' });
	expect(items[0].json).toMatchObject({ status: 'DRAFT', contentType: 'text/plain' });
	expect(sim.conversation(ticketId).threads.at(-1)).toMatchObject({ status: 'DRAFT', content: 'Draft' });
});

test('under Continue On Fail a 422 names the field, and the next item is still replied to', async () => {
	const from = await fromAddress();
	const before = sim.conversation(ticketId).threads.length;
	const { items, error } = await run(
		{ operation: 'sendReply', fromEmailAddress: { __rl: true, mode: 'address', value: '={{ $json.from }}' }, content: 'Hello' },
		{ input: [{ from: 'nobody@elsewhere.org' }, { from }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items[0].json.error).toMatch(/INVALID_DATA/);
	expect(items[0].json.description).toMatch(/\/fromEmailAddress: The from address is not configured/);
	expect(items[1].json).toMatchObject({ status: 'SUCCESS', fromEmailAddress: from });
	expect(sim.conversation(ticketId).threads.length).toBe(before + 1);
});

test('a token without Desk.tickets.UPDATE gets SCOPE_MISMATCH naming that scope, and nothing is written', async () => {
	const readOnly = credentialFor(sim, { scopes: 'Desk.tickets.READ,Desk.basic.READ' });
	const before = sim.conversation(ticketId).comments.length;
	const { error } = await run({ operation: 'addComment', content: 'x' }, { credentials: readOnly });
	expect(error?.message).toMatch(/SCOPE_MISMATCH/);
	expect(error?.description).toMatch(/needs the scope Desk\.tickets\.UPDATE/);
	expect(sim.conversation(ticketId).comments.length).toBe(before);
});

test('replies and comments reach webhooks as thread and comment events; a Source ID silences them for the trigger ignoring it', async () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { deskClient, startReceiver } = require('../simulator/helpers');
	const everyone = await startReceiver();
	const ignoring = await startReceiver();
	const SOURCE = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
	const subscriptions = { Ticket_Thread_Add: null, Ticket_Comment_Add: null, Ticket_Comment_Update: null };
	const desk = deskClient(sim);
	await desk.request('POST', '/webhooks', { body: { url: everyone.url, name: 'all', subscriptions } });
	await desk.request('POST', '/webhooks', { body: { url: ignoring.url, name: 'ignoring', subscriptions, ignoreSourceId: SOURCE } });
	try {
		const from = await fromAddress();
		const tagged = { sourceId: SOURCE };
		const reply = (await run({ operation: 'sendReply', fromEmailAddress: { __rl: true, mode: 'address', value: from }, content: 'Tagged', options: tagged })).items[0].json;
		const comment = (await run({ operation: 'addComment', content: 'Tagged', options: tagged })).items[0].json;
		await run({ operation: 'updateComment', commentId: locator(String(comment.id)), content: 'Tagged again', options: tagged });
		await sim.deliveriesSettled();

		const events = everyone.deliveries().flatMap((request: { body: IDataObject[] }) => request.body);
		expect(events.map((event: IDataObject) => [event.eventType, (event.payload as IDataObject).id])).toEqual([
			['Ticket_Thread_Add', reply.id],
			['Ticket_Comment_Add', comment.id],
			['Ticket_Comment_Update', comment.id],
		]);
		expect(ignoring.deliveries()).toEqual([]);
	} finally {
		await everyone.close();
		await ignoring.close();
		for (const webhook of (await desk.get('/webhooks')).body?.data ?? []) await desk.request('DELETE', `/webhooks/${webhook.id}`);
	}
});

describe('never write twice: the answer is lost after Zoho applied the write', () => {
	test.each([
		['Send Reply, connection dropped', 'sendReply', { kind: 'drop' }, '/sendReply$'],
		['Send Reply, Zoho answered 500', 'sendReply', { kind: 'error', status: 500 }, '/sendReply$'],
		['Add Comment, connection dropped', 'addComment', { kind: 'drop' }, '/comments$'],
		['Add Comment, Zoho answered 500', 'addComment', { kind: 'error', status: 500 }, '/comments$'],
	])('%s: exactly one is made, sent once, and the item says it may or may not have been applied', async (_, operation, fault, path) => {
		const from = await fromAddress();
		const before = sim.conversation(ticketId);
		sim.resetCounters();
		sim.addFault({ ...fault, path, method: 'POST', after: true });
		const parameters =
			operation === 'sendReply'
				? { operation, fromEmailAddress: { __rl: true, mode: 'address', value: from }, content: `Lost answer ${path}` }
				: { operation, content: `Lost answer ${path}` };

		const { items, error } = await run(parameters, { continueOnFail: true });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/may or may not have been applied/);
		const after = sim.conversation(ticketId);
		const made = operation === 'sendReply' ? after.threads.length - before.threads.length : after.comments.length - before.comments.length;
		expect(made).toBe(1);
		expect(sim.counters().byRoute[`POST /api/v1/tickets/{id}/${operation === 'sendReply' ? 'sendReply' : 'comments'}`]).toBe(1);
	});
});
