/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test's watchdog, not node code */
/**
 * The splitting rule of Return All (nodes/core/sync/README.md), on the simulator, without timing: whenever a
 * parallel request is free, it splits the window with the most records left and reads the new part, so requests
 * stay busy whatever the shape of the portal's history, and the splits cost no calls.
 */
import type { IDataObject } from 'n8n-workflow';

import { credentialFor, duplicates, probe, startInterceptor, startSim } from './setup';
import type { Simulator } from './setup';

const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.parse('2024-01-01T00:00:00.000Z');

/** `count` tickets spread evenly over [from, to]. */
function seed(sim: Simulator, count: number, from: number, to: number): string[] {
	const step = (to - from) / count;
	const fields = Array.from({ length: count }, (_, i) => ({ subject: `Ticket ${i}`, createdTime: iso(from + Math.floor(i * step)) }));
	return (sim.createRecord('tickets', fields) as unknown as IDataObject[]).map((ticket) => String(ticket.id));
}

let sim: Simulator;
beforeEach(async () => {
	// Some latency so that requests overlap as they do against Zoho.
	sim = await startSim({ tickets: 0, latencyMs: 60 });
});
afterEach(async () => await sim.stop());

test('a portal whose tickets fill only the first 40 % of its history keeps all three requests busy, at the call floor', async () => {
	// The shape that left one request reading alone when windows were split by time.
	const now = Date.now();
	const ids = seed(sim, 2000, START, START + 0.4 * (now - START));

	const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets', concurrency: 3 });
	const { calls, peakConcurrency } = sim.counters();

	expect(duplicates(result.records)).toEqual([]);
	expect(new Set(result.records.map((record) => String(record.id)))).toEqual(new Set(ids));
	expect(calls).toBeLessThanOrEqual(2000 / 100 + 1);
	expect(peakConcurrency).toBe(3);
	// The first page alone, then two splits by count for the idle requests, then more as windows finished and
	// handed their request to the fullest window (splitting by time once made two splits, one of them empty).
	expect(result.stats.splits).toBeGreaterThanOrEqual(4);
});

test('while one request is stuck, the two free ones split its window and read all the rest: a finishing window hands work on', async () => {
	// 3,000 tickets: the first page splits them into three windows of ~10 pages. The second search request (the first
	// window's next page) is held until 25 more have arrived: the two other windows hold only ~20 pages, so the free
	// requests must, on finishing theirs, split the stuck window and read its new parts. Without the rule they would
	// wait for the stuck one; the hold is then released once nothing has been in flight for 3 s, and the test fails.
	const ids = seed(sim, 3000, START, Date.now() - 1000);
	const HELD = 2;
	const WHILE_HELD = 25;
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let arrivedWhileHeld = 0;
	let starved = false;
	let watchdog: NodeJS.Timeout | undefined;
	const watchWhileHeld = () => {
		let idle = 0;
		watchdog = setInterval(() => {
			idle = sim.settings().inFlight === 0 ? idle + 1 : 0;
			if (idle < 30) return;
			starved = true;
			release();
		}, 100);
	};
	const interceptor = await startInterceptor(sim, /\/tickets\/search/, async (n) => {
		if (n === HELD) {
			watchWhileHeld();
			await held;
			clearInterval(watchdog);
		} else if (n > HELD && arrivedWhileHeld < WHILE_HELD && ++arrivedWhileHeld === WHILE_HELD) {
			release();
		}
	});
	try {
		const result = await probe(credentialFor(sim, { deskUrl: interceptor.url }), { read: 'all', table: 'tickets', concurrency: 3 });

		expect(starved).toBe(false);
		expect(arrivedWhileHeld).toBe(WHILE_HELD);
		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(result.records.map((record) => String(record.id)))).toEqual(new Set(ids));
		// A request stuck mid-read moves where splits land: a few short pages, not more.
		expect(sim.counters().calls).toBeLessThanOrEqual(1.1 * (3000 / 100));
	} finally {
		clearInterval(watchdog);
		release();
		await interceptor.close();
	}
});

test('one request reads one window from end to end: no split, exactly the call floor', async () => {
	seed(sim, 1000, START, Date.now() - 1000);

	const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets', concurrency: 1 });

	expect(result.records).toHaveLength(1000);
	expect(result.stats.splits).toBe(0);
	expect(sim.counters().calls).toBe(10);
	expect(sim.counters().peakConcurrency).toBe(1);
});

test.each([250, 1000, 2500])('%d tickets cost at most the floor plus one call with three requests', async (n) => {
	seed(sim, n, START, Date.now() - 1000);

	const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets', concurrency: 3 });

	expect(result.records).toHaveLength(n);
	expect(sim.counters().calls).toBeLessThanOrEqual(Math.ceil(n / 100) + 1);
});
