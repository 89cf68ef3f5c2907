/**
 * Get Many's Created Since / Modified Since against the simulator: only what changed, each record once, oldest
 * first, records at exactly the given time included, and changes made during the read never lost.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, duplicates, probe, startInterceptor, startSim } from './setup';
import type { Simulator } from './setup';

const ids = (records: IDataObject[]) => records.map((record) => String(record.id));
const iso = (ms: number) => new Date(ms).toISOString();

let sim: Simulator;
let credentials: CredentialStore;
/** Each test changes records in its own ten seconds of the last hour, so tests never see each other's changes. */
let nextWindow = Date.now() - 3_600_000;
const freshSince = () => (nextWindow += 10_000);

beforeAll(async () => {
	sim = await startSim({ tickets: 3000 });
	credentials = credentialFor(sim);
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.resetCounters());

async function getMany(parameters: INodeParameters) {
	const { items, error } = await executeNode({ nodeType: 'zohoDesk', parameters: { operation: 'getMany', ...parameters }, credentials });
	if (error) throw error;
	return items.map((item) => item.json);
}

/** Some seeded ticket ids, spread over the table. */
async function seededTicketIds(count: number): Promise<string[]> {
	const { records } = await probe(credentials, { read: 'all', table: 'tickets' });
	sim.resetCounters();
	const step = Math.floor(records.length / count);
	return Array.from({ length: count }, (_, i) => String(records[i * step].id));
}

test('Ticket Modified Since returns exactly the tickets changed at or after that time, oldest first, in one call', async () => {
	const since = freshSince();
	const picked = await seededTicketIds(30);
	// Ten share the `since` millisecond exactly (inclusive bound); the others follow, some sharing a millisecond too.
	picked.forEach((id, i) => sim.updateRecord('tickets', id, { modifiedTime: iso(since + Math.floor(i / 10) * 5) }));

	const records = await getMany({ resource: 'ticket', returnAll: true, filters: { modifiedSince: iso(since) } });

	expect(new Set(ids(records))).toEqual(new Set(picked));
	expect(duplicates(records)).toEqual([]);
	const times = records.map((record) => Date.parse(String(record.modifiedTime)));
	expect(times).toEqual([...times].sort((a, b) => a - b));
	expect(sim.counters().calls).toBe(1);
});

test('Ticket Modified Since during a busy read: every changed ticket comes once, in its latest version', async () => {
	const since = freshSince();
	const picked = await seededTicketIds(450);
	picked.forEach((id, i) => sim.updateRecord('tickets', id, { modifiedTime: iso(since + i) }));
	// On the third page: a ticket already read and one not yet read are changed again.
	const reread = [picked[10], picked[400]];
	const interceptor = await startInterceptor(sim, /\/tickets\/search/, (n) => {
		if (n === 3) for (const id of reread) sim.updateRecord('tickets', id, { modifiedTime: iso(since + 1000), status: 'Escalated' });
	});
	try {
		const result = await probe(credentialFor(sim, { deskUrl: interceptor.url }), {
			read: 'changed',
			table: 'tickets',
			field: 'modifiedTime',
			since,
			concurrency: 1,
		});

		expect(duplicates(result.records)).toEqual([]);
		expect(new Set(ids(result.records))).toEqual(new Set(picked));
		// Both moved to the end of the range: the one already read is read again there and replaces its old copy.
		const latest = result.records.filter((record) => reread.includes(String(record.id)));
		expect(latest.map((record) => record.status)).toEqual(['Escalated', 'Escalated']);
	} finally {
		await interceptor.close();
	}
});

test('Ticket Created Since reads a bulk import of 1,500 tickets in one millisecond, each once, by search at 3 credits a call', async () => {
	const since = freshSince();
	const created = since + 1000;
	const fields = Array.from({ length: 1500 }, (_, i) => ({ subject: `Imported ${i}`, createdTime: iso(created), modifiedTime: iso(created + 10 * i) }));
	const imported = ids(sim.createRecord('tickets', fields) as unknown as IDataObject[]);

	const records = await getMany({ resource: 'ticket', returnAll: true, filters: { createdSince: iso(since) } });

	expect(duplicates(records)).toEqual([]);
	expect(new Set(ids(records))).toEqual(new Set(imported));
	const { calls, credits } = sim.counters();
	expect(credits).toBe(3 * calls);
	// The first page, the split pages sent before the tie was known, the import (15 pages) and the check for
	// tickets modified meanwhile.
	expect(calls).toBeLessThanOrEqual(1500 / 100 + 5);
});

test('Product Modified Since finds changes by time, then returns each changed product in full', async () => {
	const since = freshSince();
	const products = ids(await getMany({ resource: 'product', returnAll: true }));
	const changed = [products[0], products[7], products[20]];
	changed.forEach((id, i) => sim.updateRecord('products', id, { unitPrice: 42 + i, modifiedTime: iso(since + i) }));
	sim.resetCounters();

	const records = await getMany({ resource: 'product', returnAll: true, filters: { modifiedSince: iso(since) } });

	expect(ids(records)).toEqual(changed);
	expect(records.map((record) => record.unitPrice)).toEqual(['42.0', '43.0', '44.0']);
	// The full record: fields the list does not carry.
	expect(records[0]).toEqual(expect.objectContaining({ modifiedTime: iso(since), description: expect.anything(), cf: expect.any(Object) }));
	// One list page (ids and times) and one get-by-id per changed product.
	expect(sim.counters().byRoute['GET /api/v1/products']).toBe(1);
	expect(sim.counters().calls).toBe(1 + changed.length);
});

test('Product Modified Since with a Limit fetches only the oldest changes it returns', async () => {
	const since = freshSince();
	const products = ids(await getMany({ resource: 'product', returnAll: true }));
	const changed = [products[3], products[9], products[15], products[21]];
	changed.forEach((id, i) => sim.updateRecord('products', id, { unitPrice: 7 + i, modifiedTime: iso(since + i) }));
	sim.resetCounters();

	const records = await getMany({ resource: 'product', limit: 2, filters: { modifiedSince: iso(since) } });

	expect(ids(records)).toEqual(changed.slice(0, 2));
	// One list page, then a get-by-id only for the two records returned.
	expect(sim.counters().calls).toBe(1 + 2);
});

test('Contract Created Since with chosen Fields returns those fields and the times, without fetching each contract', async () => {
	const since = freshSince();
	const created = ids(sim.createRecord('contracts', [
		{ contractName: 'Alpha', createdTime: iso(since) },
		{ contractName: 'Beta', createdTime: iso(since + 1) },
	]) as unknown as IDataObject[]);

	const records = await getMany({
		resource: 'contract',
		returnAll: true,
		filters: { createdSince: iso(since) },
		options: { fields: 'contractName' },
	});

	expect(records.map((record) => [record.id, record.contractName])).toEqual([[created[0], 'Alpha'], [created[1], 'Beta']]);
	expect(Object.keys(sim.counters().byRoute)).toEqual(['GET /api/v1/contracts']);
});

test('Department Created Since filters the (small, unsortable) department list', async () => {
	const since = freshSince();
	const [created] = ids(sim.createRecord('departments', [{ name: 'Returns', createdTime: iso(since) }]) as unknown as IDataObject[]);

	const records = await getMany({ resource: 'department', returnAll: true, filters: { createdSince: iso(since) } });

	expect(ids(records)).toEqual([created]);
});

test('Ticket Modified Since without the search scope says what to add instead of reading every ticket', async () => {
	const { error } = await executeNode({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', operation: 'getMany', returnAll: true, filters: { modifiedSince: iso(Date.now()) } },
		credentials: credentialFor(sim, { scopes: 'Desk.tickets.READ,Desk.basic.READ' }),
	});

	expect(error?.message).toMatch(/only with its search/);
	expect(error?.description).toMatch(/Desk\.search\.READ/);
	expect(sim.counters().byRoute['GET /api/v1/tickets']).toBeUndefined();
});
