/**
 * Return All against the simulator: every record exactly once, at the credit floor, while records are created,
 * changed and deleted under the read, through 429 storms, with shared timestamps, and without the search scope.
 */
import type { IDataObject } from 'n8n-workflow';

import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, creditFloor, duplicates, recordSleeps, liveIds, probe, startInterceptor, startSim } from './setup';
import type { Simulator } from './setup';

const ids = (records: IDataObject[]) => records.map((record) => String(record.id));
const iso = (ms: number) => new Date(ms).toISOString();

/** `count` tickets created `stepMs` apart from `start`, through the simulator's control API. */
function createTickets(sim: Simulator, start: number, count: number, stepMs = 1000): string[] {
	const fields = Array.from({ length: count }, (_, i) => ({ subject: `Ticket ${i}`, createdTime: iso(start + i * stepMs) }));
	return ids(sim.createRecord('tickets', fields) as unknown as IDataObject[]);
}

describe('Return All of 10,000 seeded tickets through the action node', () => {
	let sim: Simulator;
	let credentials: CredentialStore;
	let truth: string[];

	beforeAll(async () => {
		sim = await startSim({ tickets: 10_000 });
		credentials = credentialFor(sim);
		truth = await liveIds(sim);
	});
	afterAll(async () => await sim.stop());

	test('returns every live ticket exactly once, within 1.1× the credit floor, never more than 3 requests at a time', async () => {
		const { items, error } = await executeNode({
			nodeType: 'zohoDesk',
			parameters: { resource: 'ticket', operation: 'getMany', returnAll: true },
			credentials,
		});
		const counters = sim.counters();

		expect(error).toBeUndefined();
		expect(duplicates(items.map((item) => item.json))).toEqual([]);
		expect(new Set(ids(items.map((item) => item.json)))).toEqual(new Set(truth));
		// Seeded data has ~3% of tickets sharing a createdTime millisecond with a neighbour: none lost, none twice.
		expect(counters.credits).toBeLessThanOrEqual(1.1 * creditFloor(truth.length));
		expect(counters.calls).toBeLessThanOrEqual(Math.ceil(truth.length / 100) + 3);
		expect(counters.byRoute).toEqual({ 'GET /api/v1/tickets/search': counters.calls });
		expect(counters.peakConcurrency).toBeLessThanOrEqual(3);
		// Oldest first, as Zoho's default list order.
		const times = items.map((item) => Date.parse(String(item.json.createdTime)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
	});

	test('with Sort Descending by created time the same tickets come newest first', async () => {
		const { items } = await executeNode({
			nodeType: 'zohoDesk',
			parameters: { resource: 'ticket', operation: 'getMany', returnAll: true, options: { sortBy: 'createdTime', sortOrder: 'desc' } },
			credentials,
		});
		const times = items.map((item) => Date.parse(String(item.json.createdTime)));
		expect(items).toHaveLength(truth.length);
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});
});

describe('records changing under the read', () => {
	let sim: Simulator;

	beforeEach(async () => {
		sim = await startSim({ tickets: 0 });
	});
	afterEach(async () => await sim.stop());

	test('created, changed and deleted mid-read: each ticket that lives through the read comes exactly once, new ones wait for the next read', async () => {
		const start = Date.parse('2025-01-01T00:00:00.000Z');
		const before = createTickets(sim, start, 1000);
		const changed = [before[5], before[480], before[990]];
		const deleted = [before[3], before[500], before[995]];
		let created: string[] = [];
		const interceptor = await startInterceptor(sim, /\/tickets\/search/, (n) => {
			if (n !== 4) return;
			created = ids(sim.createRecord('tickets', [{ subject: 'New 1' }, { subject: 'New 2' }]) as unknown as IDataObject[]);
			for (const id of changed) sim.updateRecord('tickets', id, { status: 'Escalated' });
			for (const id of deleted) sim.deleteRecord('tickets', id);
		});
		try {
			const result = await probe(credentialFor(sim, { deskUrl: interceptor.url }), { read: 'all', table: 'tickets' });
			const got = ids(result.records);

			expect(duplicates(result.records)).toEqual([]);
			expect(created.length).toBe(2);
			expect(got.filter((id) => created.includes(id))).toEqual([]);
			const survivors = before.filter((id) => !deleted.includes(id));
			expect(survivors.filter((id) => !got.includes(id))).toEqual([]);
			expect(got.every((id) => before.includes(id))).toBe(true);
			// Records read after the change carry it.
			expect(result.records.filter((r) => changed.includes(String(r.id)) && r.status === 'Escalated').length).toBeGreaterThan(0);
		} finally {
			await interceptor.close();
		}
	});

	test('a record deleted from the millisecond the next page starts in does not make the read skip its neighbour', async () => {
		// 95 tickets a second apart, then 10 sharing one millisecond (the first page ends 5 records into them).
		const start = Date.parse('2025-01-01T00:00:00.000Z');
		const early = createTickets(sim, start, 95);
		const tied = createTickets(sim, start + 200_000, 10, 0);
		const late = createTickets(sim, start + 300_000, 45);
		const interceptor = await startInterceptor(sim, /\/tickets\/search/, (n) => {
			if (n === 2) sim.deleteRecord('tickets', tied[0]);
		});
		try {
			const result = await probe(credentialFor(sim, { deskUrl: interceptor.url }), { read: 'all', table: 'tickets', concurrency: 1 });

			// The deleted one was read before it went; its neighbours all come, once.
			expect(duplicates(result.records)).toEqual([]);
			expect(new Set(ids(result.records))).toEqual(new Set([...early, ...tied, ...late]));
			expect(result.stats.repairs).toBe(1);
		} finally {
			await interceptor.close();
		}
	});

	test('more tickets in one millisecond than search can page through (1,200) are all read, once', async () => {
		const start = Date.parse('2025-01-01T00:00:00.000Z');
		const before = createTickets(sim, start, 30);
		const burst = createTickets(sim, start + 100_000, 1200, 0);
		const after = createTickets(sim, start + 200_000, 30);

		const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets' });

		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(ids(result.records))).toEqual(new Set([...before, ...burst, ...after]));
		// Search reached 1,099 of the burst; the list, sorted by created time, gave the rest.
		expect(sim.counters().byRoute['GET /api/v1/tickets']).toBeGreaterThan(0);
	});
});

describe('bulk imports: more tickets in one millisecond than search can page through', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSim({ tickets: 0 });
	});
	afterEach(async () => await sim.stop());

	const start = Date.parse('2025-01-01T00:00:00.000Z');
	/** 300 tickets a second apart, 1,500 created in one millisecond but modified apart (as an import that set the created time), 300 more. */
	function seedImport() {
		const before = createTickets(sim, start, 300);
		const created = start + 400_000;
		const fields = Array.from({ length: 1500 }, (_, i) => ({ subject: `Imported ${i}`, createdTime: iso(created), modifiedTime: iso(created + 1000 + i * 10) }));
		const burst = ids(sim.createRecord('tickets', fields) as unknown as IDataObject[]);
		const after = createTickets(sim, start + 500_000, 300);
		return { before, burst, after };
	}

	test('are read by search in modified-time order within that millisecond, all at 3 credits a call, once each, near the call floor', async () => {
		const { before, burst, after } = seedImport();

		const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets' });

		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(ids(result.records))).toEqual(new Set([...before, ...burst, ...after]));
		const { calls, credits, byRoute } = sim.counters();
		// No list call at a deep (dearer) offset: the floor's credits per call.
		expect(Object.keys(byRoute)).toEqual(['GET /api/v1/tickets/search']);
		expect(credits).toBe(3 * calls);
		// The floor (21 pages), plus the pages of that millisecond read before its size was known (the reader's, and
		// split pages that landed in it), and the check for tickets modified meanwhile.
		expect(calls).toBeLessThanOrEqual(2100 / 100 + 6);
	});

	test('tickets of the import modified or deleted while it is read are neither lost nor read twice', async () => {
		const { before, burst, after } = seedImport();
		const modified = [burst[10], burst[700], burst[1499]];
		const deleted = [burst[20], burst[900]];
		// The import's own keyset pages ask for sortBy=modifiedTime (the passes after it, -modifiedTime).
		const interceptor = await startInterceptor(sim, /sortBy=modifiedTime/, (n) => {
			if (n !== 3) return;
			for (const id of modified) sim.updateRecord('tickets', id, { status: 'Escalated' });
			for (const id of deleted) sim.deleteRecord('tickets', id);
		});
		try {
			const result = await probe(credentialFor(sim, { deskUrl: interceptor.url }), { read: 'all', table: 'tickets' });

			expect(interceptor.seen()).toBeGreaterThan(3);
			expect(duplicates(result.records)).toEqual([]);
			const got = new Set(ids(result.records));
			const survivors = [...before, ...burst, ...after].filter((id) => !deleted.includes(id));
			expect(survivors.filter((id) => !got.has(id))).toEqual([]);
			// Modified after the keyset passed them or before it got there: either way read in their latest version.
			expect(result.records.filter((record) => modified.includes(String(record.id))).map((record) => record.status)).toEqual([
				'Escalated',
				'Escalated',
				'Escalated',
			]);
		} finally {
			await interceptor.close();
		}
	});
});

describe('429 storms and missing scopes', () => {
	let sim: Simulator;
	let truth: string[];

	beforeAll(async () => {
		sim = await startSim({ tickets: 2000 });
		truth = await liveIds(sim);
		recordSleeps();
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await sim.stop();
	});
	afterEach(() => {
		sim.clearFaults();
		sim.resetCounters();
	});

	test('429s, a 500 and a dropped connection mid-read are retried and lose nothing', async () => {
		sim.addFault({ kind: 'error', status: 429, path: 'tickets/search', count: 5, skip: 4 });
		// Faults take turns: each one's `skip` counts from when the one before it is used up.
		sim.addFault({ kind: 'error', status: 500, path: 'tickets/search', count: 1, skip: 2 });
		sim.addFault({ kind: 'drop', path: 'tickets/search', count: 1, skip: 2 });

		const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets' });

		expect(sim.counters().faultsInjected).toBe(7);
		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(ids(result.records))).toEqual(new Set(truth));
	});

	test('a storm longer than the retries fails the read with Zoho\'s code instead of returning part of the tickets', async () => {
		sim.addFault({ kind: 'error', status: 429, path: 'tickets/search', count: null, skip: 3 });

		const { items, error } = await executeNode({
			nodeType: 'zohoDesk',
			parameters: { resource: 'ticket', operation: 'getMany', returnAll: true },
			credentials: credentialFor(sim),
		});

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/TOO_MANY_REQUESTS/);
	});

	test('without Desk.search.READ the tickets are read from the list (both ends), each once, with a warning', async () => {
		const credentials = credentialFor(sim, { scopes: 'Desk.tickets.READ,Desk.basic.READ' });

		const result = await probe(credentials, { read: 'all', table: 'tickets' });

		expect(result.method).toBe('listFromBothEnds');
		expect(result.warnings.join(' ')).toMatch(/Desk\.search\.READ/);
		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(ids(result.records))).toEqual(new Set(truth));
		// 2,000 tickets: the list stays in the cheapest tier.
		expect(result.stats.credits).toBe(3 * result.stats.calls);
	});

	test('a filter search cannot express (a team) reads the list, each ticket once', async () => {
		const teamId = String((await probe(credentialFor(sim), { read: 'all', table: 'tickets', qs: { fields: 'teamId' } })).records.find((r) => r.teamId)?.teamId);
		const truthForTeam = await liveIds(sim, `/tickets?teamIds=${teamId}`);

		const result = await probe(credentialFor(sim), { read: 'all', table: 'tickets', qs: { teamIds: teamId } });

		expect(result.method).toBe('listFromBothEnds');
		expect(ids(result.records).sort()).toEqual([...truthForTeam].sort());
	});
});

describe('other tables', () => {
	test('4,000 products are read from both ends of the list, all in the cheapest credit tier, each once', async () => {
		const sim = await startSim({ tickets: 0 });
		try {
			sim.createRecord('products', Array.from({ length: 4000 }, (_, i) => ({ productName: `Product ${i}` })));
			const truth = await liveIds(sim, '/products?departmentId=0');

			const result = await probe(credentialFor(sim), { read: 'all', table: 'products', qs: { departmentId: '0' } });

			expect(result.method).toBe('listFromBothEnds');
			expect(duplicates(result.records)).toEqual([]);
			expect(new Set(ids(result.records))).toEqual(new Set(truth));
			expect(sim.counters().credits).toBe(3 * sim.counters().calls);
			// One record of overlap per page to notice shifts: 99 new records a page.
			expect(sim.counters().calls).toBeLessThanOrEqual(Math.ceil(truth.length / 99) + 2);
		} finally {
			await sim.stop();
		}
	});
});
