/**
 * ZohoDeskPollTrigger against the simulator, poll after poll as an active workflow: the cursor kept in static data,
 * records sharing its millisecond, snapshot diffs (with deletes), the event filter, the initial snapshot, the
 * manual "Fetch Test Event", and a failed poll that loses nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPoll } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, recordSleeps, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';

const iso = (ms: number) => new Date(ms).toISOString();
const idsOf = (records: unknown) => (records as IDataObject[]).map((record) => String(record.id));

let sim: Simulator;
let credentials: CredentialStore;

beforeAll(async () => {
	sim = await startSim({ tickets: 300 });
	credentials = credentialFor(sim);
});
afterAll(async () => await sim.stop());

/** A trigger that polls with `parameters`, keeping its static data between polls as n8n does. */
function trigger(parameters: INodeParameters) {
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger') {
			const result = await runPoll({ nodeType: 'zohoDeskPollTrigger', parameters, credentials, staticData, mode });
			staticData = result.staticData;
			return result.items.map((item) => item.json);
		},
		state: () => (staticData['node:Zoho Desk Poll Trigger'] as IDataObject | undefined)?.state as IDataObject,
	};
}

describe('tickets', () => {
	test('the first poll only sets the cursor; later polls emit each change once, in the webhook trigger\'s shape', async () => {
		const poller = trigger({ table: 'tickets', event: 'any' });
		expect(await poller.poll()).toEqual([]);
		expect(poller.state().cursor).toEqual(expect.objectContaining({ field: 'modifiedTime', time: expect.any(Number) }));

		const created = idsOf(sim.createRecord('tickets', [{ subject: 'Printer on fire' }, { subject: 'Toner low' }]));
		const [old] = idsOf(sim.createRecord('tickets', [{ subject: 'Old one', createdTime: iso(Date.now() - 86_400_000) }]));
		await poller.poll(); // picks up "Old one" as created
		sim.updateRecord('tickets', old, { status: 'Escalated' });
		const [third] = idsOf(sim.createRecord('tickets', [{ subject: 'Third' }]));

		const changes = await poller.poll();

		expect(changes.map((change) => [change.operation, change.eventType, change.id])).toEqual([
			['update', 'Ticket_Update', old],
			['insert', 'Ticket_Add', third],
		]);
		expect(changes[1]).toEqual({
			table: 'tickets',
			operation: 'insert',
			id: third,
			record: expect.objectContaining({ id: third, subject: 'Third', modifiedTime: expect.any(String) }),
			previous: null,
			changedFields: [],
			eventType: 'Ticket_Add',
			eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
			orgId: sim.orgId,
			webhookId: null,
		});
		expect(created).toHaveLength(2);
		expect(await poller.poll()).toEqual([]);
	});

	test('the Department filter (picked from the list) only lets that department\'s tickets through', async () => {
		const [support, other] = idsOf(sim.createRecord('departments', [{ name: 'Support EU' }, { name: 'Support US' }]));
		const poller = trigger({ table: 'tickets', event: 'created', options: { departmentId: { __rl: true, mode: 'list', value: support } } });
		await poller.poll();
		const [mine] = idsOf(sim.createRecord('tickets', [{ subject: 'For support', departmentId: support }]));
		sim.createRecord('tickets', [{ subject: 'For the others', departmentId: other }]);

		expect((await poller.poll()).map((change) => change.id)).toEqual([mine]);
	});

	test('records sharing the cursor\'s millisecond are emitted once each, across polls', async () => {
		const poller = trigger({ table: 'tickets', event: 'any' });
		await poller.poll();
		const at = Date.now();
		const [first] = idsOf(sim.createRecord('tickets', [{ subject: 'Same ms 1', createdTime: iso(at) }]));
		expect((await poller.poll()).map((change) => change.id)).toEqual([first]);
		expect(poller.state().cursor).toEqual(expect.objectContaining({ time: at, seen: { [first]: at } }));

		// Two more land in the very millisecond the cursor stands on.
		const later = idsOf(sim.createRecord('tickets', [{ subject: 'Same ms 2', createdTime: iso(at) }, { subject: 'Same ms 3', createdTime: iso(at) }]));

		expect((await poller.poll()).map((change) => change.id)).toEqual(later);
		expect(await poller.poll()).toEqual([]);
	});

	test('event "created" emits new tickets only; the cursor then follows createdTime', async () => {
		const poller = trigger({ table: 'tickets', event: 'created' });
		await poller.poll();
		const [someTicket] = idsOf(sim.createRecord('tickets', [{ subject: 'Existing', createdTime: iso(Date.now() - 86_400_000 * 30) }]));
		sim.updateRecord('tickets', someTicket, { status: 'Closed' });
		const [fresh] = idsOf(sim.createRecord('tickets', [{ subject: 'Fresh' }]));

		const changes = await poller.poll();

		expect(changes.map((change) => [change.operation, change.id])).toEqual([['insert', fresh]]);
		expect(poller.state().cursor).toEqual(expect.objectContaining({ field: 'createdTime' }));
	});

	test('"Emit Initial Snapshot" emits every live ticket on the first poll, then only changes', async () => {
		const poller = trigger({ table: 'tickets', event: 'any', options: { emitInitialSnapshot: true } });

		const snapshot = await poller.poll();

		expect(snapshot.length).toBeGreaterThan(290);
		expect(new Set(snapshot.map((change) => change.operation))).toEqual(new Set(['insert']));
		expect(new Set(snapshot.map((change) => change.id)).size).toBe(snapshot.length);
		expect(await poller.poll()).toEqual([]);
	});

	test('a poll that fails in a 429 storm keeps its cursor, so the next poll still emits the changes', async () => {
		recordSleeps();
		try {
			const poller = trigger({ table: 'tickets', event: 'any' });
			await poller.poll();
			const before = poller.state();
			const [ticket] = idsOf(sim.createRecord('tickets', [{ subject: 'During the storm' }]));
			sim.addFault({ kind: 'error', status: 429, path: 'tickets/search', count: null });

			await expect(poller.poll()).rejects.toThrow(/TOO_MANY_REQUESTS/);
			expect(poller.state()).toEqual(before);

			sim.clearFaults();
			expect((await poller.poll()).map((change) => change.id)).toEqual([ticket]);
		} finally {
			sim.clearFaults();
			jest.restoreAllMocks();
		}
	});

	test('"Fetch Test Event" returns the newest ticket as a change and leaves no cursor behind', async () => {
		const [newest] = idsOf(sim.createRecord('tickets', [{ subject: 'Newest' }]));
		const poller = trigger({ table: 'tickets', event: 'any' });

		const changes = await poller.poll('manual');

		expect(changes).toEqual([expect.objectContaining({ table: 'tickets', operation: 'update', id: newest, eventType: 'Ticket_Update' })]);
		expect(poller.state()).toBeUndefined();
	});
});

describe('tables diffed against a snapshot', () => {
	test('departments: created, updated and deleted departments, each once', async () => {
		const poller = trigger({ table: 'departments', event: 'any' });
		expect(await poller.poll()).toEqual([]);

		const [dept] = idsOf(sim.createRecord('departments', [{ name: 'Returns' }]));
		expect((await poller.poll()).map((change) => [change.operation, change.eventType, change.id])).toEqual([
			['insert', 'Department_Add', dept],
		]);

		sim.updateRecord('departments', dept, { description: 'Refunds and returns' });
		const [updated] = await poller.poll();
		expect(updated).toEqual(expect.objectContaining({ operation: 'update', id: dept, record: expect.objectContaining({ description: 'Refunds and returns' }) }));

		sim.deleteRecord('departments', dept);
		expect(await poller.poll()).toEqual([
			expect.objectContaining({ table: 'departments', operation: 'delete', eventType: 'Department_Delete', id: dept, record: null }),
		]);
		expect(await poller.poll()).toEqual([]);
	});

	test('organization fields of one module: a new custom field and its removal; other modules are not watched', async () => {
		const poller = trigger({ table: 'organizationFields', module: 'products', event: 'any' });
		await poller.poll();

		const [field] = idsOf(sim.createRecord('organizationFields', [{ module: 'products', apiName: 'cf_colour', displayLabel: 'Colour', type: 'Text' }]));
		sim.createRecord('organizationFields', [{ module: 'tickets', apiName: 'cf_mood', displayLabel: 'Mood', type: 'Text' }]);
		expect((await poller.poll()).map((change) => [change.operation, change.eventType, change.id])).toEqual([
			['insert', 'OrganizationField_Add', field],
		]);

		sim.deleteRecord('organizationFields', field);
		expect((await poller.poll()).map((change) => [change.operation, change.id])).toEqual([['delete', field]]);
	});

	test('products with "Detect Deletes": an update comes with the full product, a delete as a delete', async () => {
		const poller = trigger({ table: 'products', event: 'any', options: { detectDeletes: true } });
		await poller.poll();
		const [gone, edited] = idsOf(sim.createRecord('products', [{ productName: 'Gone' }, { productName: 'Edited' }]));
		await poller.poll();

		sim.updateRecord('products', edited, { unitPrice: 99 });
		sim.deleteRecord('products', gone);
		const changes = await poller.poll();

		expect(changes.map((change) => [change.operation, change.id])).toEqual([['update', edited], ['delete', gone]]);
		expect(changes[0].record).toEqual(expect.objectContaining({ unitPrice: '99.0', modifiedTime: expect.any(String) }));
	});
});

test.each([
	['contacts', 'Contact', { lastName: 'Hopper', email: 'grace@navy.example' }, { phone: '+1 202 555 0199' }],
	['accounts', 'Account', { accountName: 'Analytical Engines Ltd' }, { phone: '+44 20 7946 0002' }],
])('%s: created, updated and deleted records each once, with Zoho\'s event names', async (table, module, fields, change) => {
	const poller = trigger({ table, event: 'any' });
	expect(await poller.poll()).toEqual([]);

	const [id] = idsOf(sim.createRecord(table, [fields]));
	expect((await poller.poll()).map((event) => [event.operation, event.eventType, event.id])).toEqual([['insert', `${module}_Add`, id]]);

	sim.updateRecord(table, id, change);
	expect((await poller.poll()).map((event) => [event.operation, event.eventType, event.id])).toEqual([['update', `${module}_Update`, id]]);

	sim.deleteRecord(table, id);
	expect((await poller.poll()).map((event) => [event.operation, event.eventType, event.id])).toEqual([['delete', `${module}_Delete`, id]]);
});

describe('lists with a modified time', () => {
	test('contracts: created and updated contracts by modified time, fetched in full', async () => {
		const poller = trigger({ table: 'contracts', event: 'any' });
		await poller.poll();
		const [contract] = idsOf(sim.createRecord('contracts', [{ contractName: 'Support 2027' }]));
		expect((await poller.poll()).map((change) => [change.operation, change.eventType, change.id])).toEqual([
			['insert', 'Contract_Add', contract],
		]);

		sim.updateRecord('contracts', contract, { description: 'Renewed' });
		const [update] = await poller.poll();

		expect(update).toEqual(expect.objectContaining({ operation: 'update', id: contract, record: expect.objectContaining({ description: 'Renewed' }) }));
		expect(await poller.poll()).toEqual([]);
	});
});
