/**
 * n8n's cron starts a poll on every tick without waiting for the previous one, on the same workflow (one static
 * data object in the leader's memory). A poll slower than the interval must not run beside the next one: both
 * would read the same cursor and emit the same changes.
 */
import type { IDataObject } from 'n8n-workflow';

import { activePoller } from '../harness';
import { credentialFor, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSim({ tickets: 50 });
});
afterAll(async () => await sim.stop());

test('overlapping polls emit every change once', async () => {
	const poller = activePoller({
		nodeType: 'zohoDeskPollTrigger',
		parameters: { table: 'tickets', event: 'any' },
		credentials: credentialFor(sim),
	});
	await poller.poll();
	const created = (sim.createRecord('tickets', [{ subject: 'One' }, { subject: 'Two' }, { subject: 'Three' }]) as IDataObject[]).map(
		(record) => String(record.id),
	);

	const overlapping = await Promise.all([poller.poll(), poller.poll(), poller.poll()]);
	const later = await poller.poll();

	const emitted = [...overlapping.flat(), ...later].map((item) => String(item.json.id));
	expect(emitted.sort()).toEqual([...created].sort());
	expect(overlapping.filter((items) => items.length === 0)).toHaveLength(2);
});

test('a poll left running by a process that died does not block polling for ever', async () => {
	const poller = activePoller({
		nodeType: 'zohoDeskPollTrigger',
		parameters: { table: 'tickets', event: 'any' },
		credentials: credentialFor(sim),
		staticData: { 'node:Zoho Desk Poll Trigger': { pollStartedAt: Date.now() - 2 * 60 * 60_000 } },
	});
	await poller.poll();
	const [created] = (sim.createRecord('tickets', [{ subject: 'After the crash' }]) as IDataObject[]).map((record) => String(record.id));

	expect((await poller.poll()).map((item) => String(item.json.id))).toEqual([created]);
	expect(poller.staticData()['node:Zoho Desk Poll Trigger']).not.toHaveProperty('pollStartedAt');
});
