'use strict';
/** Credits, concurrency, injected faults and counters. */
const { startSimulator } = require('./index');
const { deskClient } = require('./helpers');

const control = (sim, method, path, body) =>
	fetch(`${sim.url}/__sim${path}`, {
		method,
		headers: body ? { 'Content-Type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	}).then((response) => response.json());

describe('limits', () => {
	let sim;
	let desk;

	beforeAll(async () => {
		sim = await startSimulator({ tickets: 300 });
		desk = deskClient(sim);
	});
	afterAll(() => sim.stop());
	afterEach(() => {
		sim.clearFaults();
		sim.configure({ edition: 'enterprise', concurrency: 5, latencyMs: 0 });
	});

	test('range fetches cost 3/5/10/50/100 credits by offset, get-by-id 1; headers say cost and remainder', async () => {
		const weights = [];
		for (const from of [0, 2000, 2001, 10000, 10001, 50000, 50001, 100000, 100001]) {
			const response = await desk.get(`/tickets?from=${from}&limit=100`);
			weights.push(Number(response.headers.get('x-rate-limit-request-weight-v3')));
		}
		expect(weights).toEqual([3, 3, 5, 5, 10, 10, 50, 50, 100]);
		const id = (await desk.get('/tickets?limit=1')).body.data[0].id;
		const single = await desk.get(`/tickets/${id}`);
		expect(single.headers.get('x-rate-limit-request-weight-v3')).toBe('1');
		const before = Number(single.headers.get('x-rate-limit-remaining-v3'));
		const search = await desk.get('/tickets/search?from=999');
		expect(search.headers.get('x-rate-limit-request-weight-v3')).toBe('3');
		expect(Number(search.headers.get('x-rate-limit-remaining-v3'))).toBe(before - 3);
	});

	test('spent daily credits give 429 THRESHOLD_EXCEEDED with Retry-After until the day is over', async () => {
		sim.configure({ dailyCredits: 10 });
		expect((await desk.get('/tickets')).status).toBe(200);
		expect((await desk.get('/tickets')).status).toBe(200);
		expect((await desk.get('/tickets')).status).toBe(200);
		const spent = await desk.get('/tickets');
		expect([spent.status, spent.body.errorCode]).toEqual([429, 'THRESHOLD_EXCEEDED']);
		const retryAfter = Number(spent.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(86000);
		expect(retryAfter).toBeLessThanOrEqual(86400);
		expect((await desk.get('/departments/count')).status).toBe(200); // 1 credit was still left
		sim.configure({ creditsRemaining: 1000 });
		expect((await desk.get('/tickets')).status).toBe(200);
	});

	test('editions set the daily allowance', async () => {
		expect(sim.configure({ edition: 'free' })).toMatchObject({ dailyCredits: 5000, creditsRemaining: 5000 });
		expect((await control(sim, 'PATCH', '/settings', { edition: 'professional' })).dailyCredits).toBe(75000);
	});

	test('more concurrent calls than the limit get 429 TOO_MANY_REQUESTS', async () => {
		sim.configure({ concurrency: 2, latencyMs: 150 });
		sim.resetCounters();
		const statuses = await Promise.all(Array.from({ length: 6 }, () => desk.get('/departments').then((r) => r.status)));
		expect(statuses.filter((s) => s === 200)).toHaveLength(2);
		expect(statuses.filter((s) => s === 429)).toHaveLength(4);
		const counters = sim.counters();
		expect(counters.peakConcurrency).toBe(2);
		expect(counters.concurrencyRejected).toBe(4);
		expect(counters.byStatus).toEqual({ 200: 2, 429: 4 });
	});

	test('faults: 5xx for a path pattern and a count, dropped connections, extra latency', async () => {
		await control(sim, 'POST', '/faults', { path: '^/api/v1/tickets$', status: 503, count: 2 });
		expect((await desk.get('/departments')).status).toBe(200);
		const failed = await desk.get('/tickets');
		expect([failed.status, failed.body.errorCode]).toEqual([503, 'INTERNAL_SERVER_ERROR']);
		expect((await desk.get('/tickets')).status).toBe(503);
		expect((await desk.get('/tickets')).status).toBe(200);

		sim.addFault({ kind: 'drop', path: 'search', skip: 1 });
		expect((await desk.get('/tickets/search')).status).toBe(200);
		await expect(desk.get('/tickets/search')).rejects.toThrow();
		expect((await desk.get('/tickets/search')).status).toBe(200);

		sim.addFault({ kind: 'error', status: 429, retryAfter: 2, count: null, method: 'GET', path: '/products' });
		const limited = await desk.get('/products');
		expect([limited.status, limited.body.errorCode, limited.headers.get('retry-after')]).toEqual([
			429,
			'TOO_MANY_REQUESTS',
			'2',
		]);
		expect((await desk.get('/products')).status).toBe(429);

		sim.addFault({ kind: 'latency', latencyMs: 120, path: '/contracts' });
		const started = Date.now();
		await desk.get('/contracts');
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);

		sim.addFault({ kind: 'error', status: 500, path: '^/oauth/v2/token$' });
		expect((await fetch(`${sim.accountsUrl}/oauth/v2/token`, { method: 'POST' })).status).toBe(500);
	});

	test('counters: calls, credits, per route and status, readable and resettable over HTTP', async () => {
		await control(sim, 'DELETE', '/counters');
		const id = (await desk.get('/tickets?limit=1')).body.data[0].id;
		await desk.get(`/tickets/${id}`);
		await desk.get(`/tickets/${id}`);
		await desk.get('/tickets?limit=101');
		const counters = await control(sim, 'GET', '/counters');
		expect(counters).toMatchObject({
			calls: 4,
			credits: 3 + 1 + 1,
			byRoute: { 'GET /api/v1/tickets': 2, 'GET /api/v1/tickets/{id}': 2 },
			byStatus: { 200: 3, 422: 1 },
		});
	});
});
