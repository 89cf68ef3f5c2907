/**
 * What a user sees while a long Return All runs and when it ends, through n8n's execution engine (a manual run, as
 * "Execute step" in the editor): every 5,000 tickets a line in the editor's browser console and in n8n's log with the
 * records read, calls and credits so far and what is left; at the end an execution hint with the totals. A short
 * read stays quiet. No timings are checked: the time estimate is only required to be there.
 */
import { credentialFor, startSim } from '../sync/setup';
import type { Simulator } from '../sync/setup';
import { executeNode } from '../harness';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSim({ tickets: 11_000 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.resetCounters());

const returnAll = { resource: 'ticket', operation: 'getMany', returnAll: true };
const plain = (text: string) => Number(text.replace(/,/g, ''));
const PROGRESS = /^Zoho Desk: ([\d,]+) of about ([\d,]+) tickets read \(([\d,]+) calls, ([\d,]+) credits so far\); about ([\d,]+) to go, ~[\d,]+ s$/;

test('a Return All of 11,000 tickets reports its progress every 5,000 records, then its totals as a hint', async () => {
	const { items, error, consoleMessages, logs, hints } = await executeNode({
		nodeType: 'zohoDesk',
		parameters: returnAll,
		credentials: credentialFor(sim),
	});
	expect(error).toBeUndefined();
	const total = items.length;
	const { calls, credits } = sim.counters();
	expect(total).toBeGreaterThan(10_000); // two progress lines

	// The editor's console: one message per line, from this node, two of them (at 5,000 and 10,000 records).
	expect(consoleMessages).toHaveLength(2);
	const lines = consoleMessages.map((messages) => {
		expect(messages).toHaveLength(1);
		return String(messages[0]);
	});
	const progress = lines.map((line) => {
		const match = PROGRESS.exec(line);
		expect(match).not.toBeNull();
		const [records, counted, callsSoFar, creditsSoFar, left] = match!.slice(1, 6).map(plain);
		return { records, counted, callsSoFar, creditsSoFar, left };
	});
	for (const [i, step] of progress.entries()) {
		// Search counted every live ticket up front; what is left adds up to it.
		expect(step.counted).toBe(total);
		expect(step.records + step.left).toBe(total);
		expect(step.records).toBeGreaterThanOrEqual(5_000 * (i + 1));
		expect(step.records).toBeLessThan(total);
		// Calls and credits so far: what the portal was charged by then (3 credits a page, none deep).
		expect(step.callsSoFar).toBeLessThan(calls);
		expect(step.creditsSoFar).toBe(3 * step.callsSoFar);
	}
	expect(progress[1].records - progress[0].records).toBeGreaterThanOrEqual(5_000);

	// The same lines in n8n's log, at info.
	expect(logs.filter(({ message }) => message.startsWith('Zoho Desk:'))).toEqual(lines.map((message) => ({ level: 'info', message })));

	// At the end, in the output pane: the totals the portal was charged.
	expect(hints).toEqual([
		{
			message: `Read ${total.toLocaleString('en-US')} tickets in ${calls} calls (${credits} of the portal's daily API credits)`,
			type: 'info',
			location: 'outputPane',
		},
	]);
}, 180_000); // ~11,000 tickets through n8n's engine: a minute or more on a busy machine

test('a Return All of fewer than 5,000 tickets says nothing besides its items', async () => {
	// The simulator's tickets were created over the two years before 2026-10-01: this is the last ~2 months.
	const createdSince = '2026-08-01T00:00:00.000Z';
	const { items, consoleMessages, logs, hints } = await executeNode({
		nodeType: 'zohoDesk',
		parameters: { ...returnAll, filters: { createdSince } },
		credentials: credentialFor(sim),
	});

	expect(items.length).toBeGreaterThan(100);
	expect(items.length).toBeLessThan(5_000);
	expect(consoleMessages).toEqual([]);
	expect(hints).toEqual([]);
	expect(logs.filter(({ level }) => level === 'info' || level === 'warn')).toEqual([]);
});
