/**
 * Simplify keeps the most used ticket fields (tables.ts simpleFields) in every ticket read, and Return All with chosen
 * Fields still reads by search (which has no `fields`), trimming each ticket as it arrives.
 */
import { TABLES } from '../../nodes/core/tables';
import { credentialFor, startSim } from '../sync/setup';
import type { Simulator } from '../sync/setup';
import { executeNode } from '../harness';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSim({ tickets: 300 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.resetCounters());

const simple = TABLES.tickets.simpleFields!;

async function run(parameters: Record<string, unknown>) {
	const { items, error } = await executeNode({ nodeType: 'zohoDesk', parameters: { resource: 'ticket', ...parameters }, credentials: credentialFor(sim) });
	if (error) throw error;
	return items.map((item) => item.json);
}

test('Get Many with Simplify: only the simple fields, at the same calls', async () => {
	const full = await run({ operation: 'getMany', limit: 150 });
	const calls = sim.counters().calls;
	sim.resetCounters();

	const simplified = await run({ operation: 'getMany', limit: 150, simplify: true });

	expect(simplified.map((ticket) => ticket.id)).toEqual(full.map((ticket) => ticket.id));
	for (const ticket of simplified) expect(Object.keys(ticket).every((name) => simple.includes(name))).toBe(true);
	expect(Object.keys(full[0]).length).toBeGreaterThan(Object.keys(simplified[0]).length);
	expect(sim.counters().calls).toBe(calls);
});

test('Return All with Simplify reads by search at the floor and keeps only the simple fields', async () => {
	const tickets = await run({ operation: 'getMany', returnAll: true, simplify: true });

	expect(tickets.length).toBeGreaterThan(250);
	for (const ticket of tickets) expect(Object.keys(ticket).every((name) => simple.includes(name))).toBe(true);
	expect(tickets[0]).toEqual(expect.objectContaining({ id: expect.any(String), subject: expect.any(String), createdTime: expect.any(String) }));
	expect(Object.keys(sim.counters().byRoute)).toEqual(['GET /api/v1/tickets/search']);
	expect(sim.counters().calls).toBeLessThanOrEqual(Math.ceil(tickets.length / 100) + 1);
});

test('Return All with chosen Fields still reads by search, and returns the id and those fields', async () => {
	const tickets = await run({ operation: 'getMany', returnAll: true, options: { fields: 'subject,status' } });

	expect(Object.keys(sim.counters().byRoute)).toEqual(['GET /api/v1/tickets/search']);
	for (const ticket of tickets) expect(Object.keys(ticket).sort()).toEqual(['id', 'status', 'subject']);
});

test('Get with Simplify trims the one ticket', async () => {
	const [first] = await run({ operation: 'getMany', limit: 1 });

	const [ticket] = await run({ operation: 'get', id: { __rl: true, mode: 'id', value: first.id }, simplify: true });

	expect(ticket.id).toBe(first.id);
	expect(Object.keys(ticket).every((name) => simple.includes(name))).toBe(true);
});
