/**
 * Ticket Create, Update, Move, Close and Delete against the simulator, run by n8n's execution engine: what lands in
 * Zoho Desk (read back straight from the simulator), what the node outputs, Zoho's refusals per item, scopes, the
 * resource mapper's columns, and writes whose answer was lost.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { executeNode, resourceMapperColumns } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, startSim } from '../sync/setup';
import type { Simulator } from '../simulator';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deskClient } = require('../simulator/helpers');

let sim: Simulator;
let store: CredentialStore;
let departmentId: string;
let otherDepartmentId: string;
let ticketId: string;

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const byEmail = { contactBy: 'email', contactEmail: 'ada@example.com', contactLastName: 'Lovelace' };
/** Map Each Column Manually; `dueDate` is typed as the mapper types it, so n8n hands the node a DateTime. */
const mapped = (value: IDataObject) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [{ id: 'dueDate', displayName: 'Due Date', type: 'dateTime', required: false, display: true, defaultMatch: false }],
});

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean; credentials?: CredentialStore } = {}) {
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', ...parameters } as INodeParameters,
		credentials: options.credentials ?? store,
		input: options.input?.map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
	});
}

/** Ground truth: the ticket as Zoho Desk holds it now. */
const stored = (id: string) => sim.getRecord('tickets', id);

async function ticketCount(): Promise<number> {
	const { body } = await deskClient(sim).get('/tickets/search?subject=Printer*&limit=1');
	return Number(body?.count ?? 0);
}

beforeAll(async () => {
	sim = await startSim({ tickets: 30, seed: 5 });
	store = credentialFor(sim);
	const { body } = await deskClient(sim).get('/departments?isEnabled=true');
	[departmentId, otherDepartmentId] = body.data.map((d: IDataObject) => String(d.id));
});

afterAll(async () => await sim.stop());

describe('Create', () => {
	test('maps standard and custom fields, dates from n8n DateTime values, and returns the ticket with a string id', async () => {
		const { items, error } = await run({
			operation: 'create',
			department: locator(departmentId),
			...byEmail,
			fields: mapped({
				subject: 'Printer on fire',
				priority: 'High',
				dueDate: "={{ DateTime.fromISO('2026-12-24T09:30:00', { zone: 'Europe/Berlin' }) }}",
				cf_severity: 'S1',
				cf_renewal_date: '2027-01-31T10:00:00Z',
				cf_sla_breach_count: 2,
			}),
		});

		expect(error).toBeUndefined();
		const ticket = items[0].json;
		expect(typeof ticket.id).toBe('string');
		ticketId = String(ticket.id);
		expect(stored(ticketId)).toMatchObject({
			subject: 'Printer on fire',
			priority: 'High',
			departmentId,
			dueDate: '2026-12-24T08:30:00.000Z',
			cf: { cf_severity: 'S1', cf_renewal_date: '2027-01-31', cf_sla_breach_count: '2' },
		});
		expect(stored(ticketId).contactId).toMatch(/^[0-9]+$/);
	});

	test('Map Automatically takes the item keys named like fields and ignores the rest', async () => {
		const { items, error } = await run(
			{ operation: 'create', department: locator(departmentId), ...byEmail, fields: { mappingMode: 'autoMapInputData', value: null } },
			{ input: [{ subject: 'Printer jammed', cf_customer_tier: 'Gold', somethingElse: 'ignored' }] },
		);

		expect(error).toBeUndefined();
		expect(stored(String(items[0].json.id))).toMatchObject({ subject: 'Printer jammed', cf: { cf_customer_tier: 'Gold' } });
	});

	test('continueOnFail: a 422 reports Zoho\'s message and the field at fault, and the next item is created', async () => {
		const { items, error } = await run(
			{
				operation: 'create',
				department: locator(departmentId),
				...byEmail,
				fields: { mappingMode: 'autoMapInputData', value: null },
			},
			{ input: [{ subject: 'Printer A', cf_severity: 'S9' }, { subject: 'Printer B' }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/INVALID_DATA/);
		expect(items[0].json.description).toMatch(/\/cf\/cf_severity: S9 is not a value of Severity/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.subject).toBe('Printer B');
	});

	test('the answer is lost after Zoho created it: exactly one ticket exists and the item says so', async () => {
		const before = await ticketCount();
		sim.addFault({ kind: 'drop', path: '^/api/v1/tickets$', method: 'POST', after: true });

		const { items } = await run(
			{ operation: 'create', department: locator(departmentId), ...byEmail, fields: mapped({ subject: 'Printer lost answer' }) },
			{ continueOnFail: true },
		);

		expect(items[0].json.error).toMatch(/may or may not have been applied/);
		expect((await ticketCount()) - before).toBe(1);
	});

	test('a token without Desk.tickets.CREATE gets an error naming that scope', async () => {
		const readOnly = credentialFor(sim, { scopes: 'Desk.tickets.READ,Desk.basic.READ,Desk.fields.READ' });

		const { error } = await run(
			{ operation: 'create', department: locator(departmentId), ...byEmail, fields: mapped({ subject: 'Printer no scope' }) },
			{ credentials: readOnly },
		);

		expect(error?.message).toMatch(/SCOPE_MISMATCH/);
		expect(error?.description).toMatch(/needs the scope Desk\.tickets\.CREATE/);
	});
});

describe('Update, Move, Close, Delete', () => {
	test('Update changes the mapped fields and bumps modifiedTime', async () => {
		const before = stored(ticketId).modifiedTime as string;

		const { items, error } = await run({
			operation: 'update',
			id: locator(ticketId),
			fields: mapped({ status: 'On Hold', cf_severity: 'S2' }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: ticketId, status: 'On Hold', cf: expect.objectContaining({ cf_severity: 'S2' }) });
		expect(Date.parse(stored(ticketId).modifiedTime as string)).toBeGreaterThanOrEqual(Date.parse(before));
	});

	test('Move puts the ticket in the other department and returns it', async () => {
		const { items, error } = await run({ operation: 'move', id: locator(ticketId), department: locator(otherDepartmentId) });

		expect(error).toBeUndefined();
		expect(items[0].json.departmentId).toBe(otherDepartmentId);
		expect(stored(ticketId).departmentId).toBe(otherDepartmentId);
	});

	test('Close closes several tickets at once, one item per ticket', async () => {
		const second = String((await run({ operation: 'create', department: locator(departmentId), ...byEmail, fields: mapped({ subject: 'Printer two' }) })).items[0].json.id);

		const { items, error } = await run({ operation: 'close', ticketIds: `${ticketId}, ${second}` });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ id: ticketId, closed: true },
			{ id: second, closed: true },
		]);
		expect([stored(ticketId).statusType, stored(second).statusType]).toEqual(['Closed', 'Closed']);
	});

	test('Delete moves the ticket to the trash; a lost answer is checked by reading the ticket', async () => {
		sim.addFault({ kind: 'error', status: 500, path: '^/api/v1/tickets/moveToTrash$', method: 'POST', after: true });

		const { items, error } = await run({ operation: 'delete', id: locator(ticketId) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: ticketId, trashed: true });
		expect(stored(ticketId).isTrashed).toBe(true);
	});

	test('a ticket that does not exist is Zoho\'s 404', async () => {
		const { error } = await run({ operation: 'update', id: locator('1892000000000001'), fields: mapped({ subject: 'x' }) });
		expect(error?.message).toMatch(/URL_NOT_FOUND/);
	});
});

test('the mapper lists standard and custom fields with their types, picklists and mandatory flags; agents and teams are dropdowns', async () => {
	const { fields } = await resourceMapperColumns({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', operation: 'create', department: locator(departmentId) } as INodeParameters,
		credentials: store,
		method: 'getTicketCreateColumns',
	});

	const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
	expect(byId.subject).toMatchObject({ required: true, type: 'string' });
	expect(byId.priority).toMatchObject({ type: 'options', options: expect.arrayContaining([{ name: 'High', value: 'High' }]) });
	expect(byId.dueDate.type).toBe('dateTime');
	expect(byId.cf_severity).toMatchObject({ displayName: 'Severity (cf_severity)', type: 'options' });
	expect(byId.cf_sla_breach_count.type).toBe('number');
	expect(byId.departmentId).toBeUndefined();
	expect(byId.assigneeId?.options?.length ?? 0).toBeGreaterThan(0);
});

test('each write reaches registered webhooks as Ticket_Add / Ticket_Update / Ticket_Delete; ignoreSourceId silences tagged writes', async () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { startReceiver } = require('../simulator/helpers');
	const everyone = await startReceiver();
	const ignoring = await startReceiver();
	const SOURCE = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
	const subscriptions = { Ticket_Add: null, Ticket_Update: null, Ticket_Delete: null };
	const desk = deskClient(sim);
	await desk.request('POST', '/webhooks', { body: { url: everyone.url, name: 'all', subscriptions } });
	await desk.request('POST', '/webhooks', { body: { url: ignoring.url, name: 'ignoring', subscriptions, ignoreSourceId: SOURCE } });
	const tagged = { options: { sourceId: SOURCE } };
	try {
		const created = await run({ operation: 'create', department: locator(departmentId), ...byEmail, fields: mapped({ subject: 'Printer events' }), ...tagged });
		const id = String(created.items[0].json.id);
		await run({ operation: 'update', id: locator(id), fields: mapped({ priority: 'Low' }), ...tagged });
		await run({ operation: 'close', ticketIds: id, ...tagged });
		await run({ operation: 'delete', id: locator(id), ...tagged });
		await sim.deliveriesSettled();

		const events = everyone.deliveries().flatMap((request: { body: IDataObject[] }) => request.body);
		expect(events.map((event: IDataObject) => event.eventType)).toEqual(['Ticket_Add', 'Ticket_Update', 'Ticket_Update', 'Ticket_Delete']);
		expect((events[0].payload as IDataObject).id).toBe(id);
		expect(ignoring.deliveries()).toEqual([]);
	} finally {
		await everyone.close();
		await ignoring.close();
	}
});
