import nock from 'nock';

import { DESK, desk, recordSleeps, runZohoDesk, tickets, useNock } from './fixtures';

useNock();

const listTickets = (extra = {}) => ({ resource: 'ticket', operation: 'getMany', ...extra });

// Return All reads through nodes/core/sync (test/sync); a Limit reads with the transport's offset paging.
describe('pagination', () => {
	test('250 tickets with a Limit of 1000: exactly 3 calls of 100, 100, 100 (the short page ends it)', async () => {
		const scope = desk();
		scope.get('/api/v1/tickets').query({ from: 0, limit: 100 }).reply(200, { data: tickets(100) });
		scope.get('/api/v1/tickets').query({ from: 100, limit: 100 }).reply(200, { data: tickets(100, 100) });
		scope.get('/api/v1/tickets').query({ from: 200, limit: 100 }).reply(200, { data: tickets(50, 200) });

		const { items } = await runZohoDesk(listTickets({ limit: 1000 }));

		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(250);
	});

	test('Limit 150: 2 calls (100, then only the 50 still needed)', async () => {
		const scope = desk();
		scope.get('/api/v1/tickets').query({ from: 0, limit: 100 }).reply(200, { data: tickets(100) });
		scope.get('/api/v1/tickets').query({ from: 100, limit: 50 }).reply(200, { data: tickets(50, 100) });

		const { items } = await runZohoDesk(listTickets({ limit: 150 }));

		expect(items).toHaveLength(150);
	});

	test('a full last page is followed by one 204 (Zoho\'s empty list) and no crash', async () => {
		const scope = desk();
		scope.get('/api/v1/tickets').query({ from: 0, limit: 100 }).reply(200, { data: tickets(100) });
		scope.get('/api/v1/tickets').query({ from: 100, limit: 100 }).reply(204);

		const { items, error } = await runZohoDesk(listTickets({ limit: 1000 }));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(100);
	});

	test('an empty table (204 on the first page) gives no items and no error', async () => {
		desk().get('/api/v1/tickets').query({ from: 0, limit: 100 }).reply(204);
		const { items, error } = await runZohoDesk(listTickets({ limit: 1000 }));
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('a record that shifts into the next page is not returned twice', async () => {
		const scope = desk();
		const all = tickets(150);
		scope.get('/api/v1/tickets').query({ from: 0, limit: 100 }).reply(200, { data: all.slice(0, 100) });
		// a record was created meanwhile: the second page starts one record earlier than before
		scope.get('/api/v1/tickets').query({ from: 100, limit: 100 }).reply(200, { data: all.slice(99) });

		const { items } = await runZohoDesk(listTickets({ limit: 1000 }));

		expect(items.map((i) => i.json.id)).toEqual(all.map((t) => t.id));
	});
});

describe('retries', () => {
	test('429 TOO_MANY_REQUESTS with Retry-After waits that long and retries', async () => {
		const sleeps = recordSleeps();
		const scope = desk();
		scope
			.get('/api/v1/tickets')
			.query(true)
			.reply(429, { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests' }, { 'Retry-After': '7' });
		scope.get('/api/v1/tickets').query(true).reply(200, { data: tickets(1) });

		const { items } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(items).toHaveLength(1);
		expect(sleeps).toEqual([7000]);
	});

	test('429 without Retry-After backs off exponentially', async () => {
		const sleeps = recordSleeps();
		const scope = desk();
		scope.get('/api/v1/tickets').query(true).times(2).reply(429, { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests' });
		scope.get('/api/v1/tickets').query(true).reply(200, { data: tickets(1) });

		const { items } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(items).toHaveLength(1);
		expect(sleeps).toEqual([1000, 2000]);
	});

	test('a 500 and a dropped connection are retried', async () => {
		const sleeps = recordSleeps();
		const scope = desk();
		scope.get('/api/v1/tickets').query(true).reply(500, { errorCode: 'INTERNAL_SERVER_ERROR', message: 'boom' });
		scope.get('/api/v1/tickets').query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		scope.get('/api/v1/tickets').query(true).reply(200, { data: tickets(1) });

		const { items, error } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(sleeps).toHaveLength(2);
	});

	test('retries are bounded: a portal that keeps failing gives an error after 6 attempts', async () => {
		const sleeps = recordSleeps();
		desk().get('/api/v1/tickets').query(true).times(6).reply(503, { errorCode: 'INTERNAL_SERVER_ERROR', message: 'down' });

		const { error } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(error?.message).toMatch(/INTERNAL_SERVER_ERROR/);
		expect(sleeps).toHaveLength(5);
	});

	test('THRESHOLD_EXCEEDED (daily credits gone) fails at once and says when credits return', async () => {
		const sleeps = recordSleeps();
		desk()
			.get('/api/v1/tickets')
			.query(true)
			.reply(429, { errorCode: 'THRESHOLD_EXCEEDED', message: 'API credits exhausted' }, { 'Retry-After': '5400' });

		const { error } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(sleeps).toEqual([]);
		expect(error?.message).toMatch(/THRESHOLD_EXCEEDED/);
		expect(error?.description).toMatch(/daily API credits.*90 minutes/);
	});

	test('a 4xx Zoho error is not retried and names the code and what to do', async () => {
		const sleeps = recordSleeps();
		desk()
			.get('/api/v1/tickets')
			.query(true)
			.reply(401, { errorCode: 'OAUTH_ORG_MISMATCH', message: 'The OAuth Token does not belong to this org' });
		// n8n refreshes the token once on a 401 before giving up
		nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: 'access-token-1' });
		desk().get('/api/v1/tickets').query(true).reply(401, { errorCode: 'OAUTH_ORG_MISMATCH', message: 'The OAuth Token does not belong to this org' });

		const { error } = await runZohoDesk(listTickets({ limit: 1 }));

		expect(sleeps).toEqual([]);
		expect(error?.message).toBe('Zoho Desk error OAUTH_ORG_MISMATCH: The OAuth Token does not belong to this org');
		expect(error?.description).toMatch(/Organization ID/);
	});

	test('an HTML page instead of JSON says the data center is probably wrong', async () => {
		desk().get('/api/v1/tickets').query(true).reply(200, '<!DOCTYPE html><html><body>Zoho</body></html>', { 'Content-Type': 'text/html' });
		const { error } = await runZohoDesk(listTickets({ limit: 1 }));
		expect(error?.description).toMatch(new RegExp(`${DESK}.*data center`));
	});
});

describe('items', () => {
	test('continueOnFail reports the failed item and goes on; every item is paired with its input', async () => {
		desk().get('/api/v1/tickets/111').reply(404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' });
		desk().get('/api/v1/tickets/222').reply(200, { id: '222' });

		const { items, error } = await runZohoDesk(
			{ resource: 'ticket', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input: [{ id: '111' }, { id: '222' }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/URL_NOT_FOUND/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toEqual({ id: '222' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('each record of a Get Many is its own item, paired with the input that asked for it', async () => {
		desk().get('/api/v1/departments').query({ from: 0, limit: 2 }).reply(200, { data: [{ id: '1' }, { id: '2' }] });
		desk().get('/api/v1/departments').query({ from: 0, limit: 1 }).reply(200, { data: [{ id: '3' }] });

		const { items } = await runZohoDesk(
			{ resource: 'department', operation: 'getMany', limit: '={{ $json.n }}' },
			{ input: [{ n: 2 }, { n: 1 }] },
		);

		expect(items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['1', { item: 0 }],
			['2', { item: 0 }],
			['3', { item: 1 }],
		]);
	});
});
