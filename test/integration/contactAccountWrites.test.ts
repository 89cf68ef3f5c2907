/**
 * Contact and account Create, Update and Delete against the simulator, run by n8n's execution engine: what lands in
 * Zoho Desk (read straight from the simulator), what the node outputs, the resource mapper's columns, Zoho's
 * refusals per item, scopes, and a delete whose answer was lost.
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

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

async function run(
	resource: string,
	parameters: IDataObject,
	options: { input?: IDataObject[]; continueOnFail?: boolean; credentials?: CredentialStore } = {},
) {
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters: { resource, ...parameters } as INodeParameters,
		credentials: options.credentials ?? store,
		input: options.input?.map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
	});
}

/** Ground truth: how Zoho Desk answers a get of the record now (404 once it is in the trash). */
async function zohoGet(path: string): Promise<{ status: number; body?: IDataObject }> {
	return await deskClient(sim).get(path);
}

beforeAll(async () => {
	sim = await startSim({ tickets: 5, seed: 11 });
	store = credentialFor(sim);
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.resetCounters());

describe('the field mapper', () => {
	test.each([
		['getContactCreateColumns', 'lastName', true],
		['getContactUpdateColumns', 'lastName', false],
		['getAccountCreateColumns', 'accountName', true],
		['getAccountUpdateColumns', 'accountName', false],
	])('%s: Zoho\'s fields, %s required on create only, custom fields by API name, owners from the agents', async (method, mandatory, required) => {
		const { fields } = await resourceMapperColumns({ nodeType: 'zohoDesk', parameters: { resource: 'contact' }, credentials: store, method });

		expect(fields.find((field) => field.id === mandatory)?.required).toBe(required);
		expect(fields.some((field) => field.id.startsWith('cf_') && field.displayName.endsWith(`(${field.id})`))).toBe(true);
		const owner = fields.find((field) => field.id === 'ownerId');
		expect(owner?.type).toBe('options');
		expect(owner?.options?.length).toBeGreaterThan(0);
	});
});

describe('Account', () => {
	let accountId: string;

	test('Create maps standard and custom fields and returns the account with a string id', async () => {
		const { items, error } = await run('account', {
			operation: 'create',
			fields: mapped({ accountName: 'Analytical Engines Ltd', website: 'https://engines.example.com', industry: 'Manufacturing', cf_account_tier: 'Strategic' }),
		});

		expect(error).toBeUndefined();
		accountId = String(items[0].json.id);
		expect(items[0].json.id).toMatch(/^[0-9]{19}$/);
		expect((await zohoGet(`/accounts/${accountId}`)).body).toMatchObject({
			accountName: 'Analytical Engines Ltd',
			industry: 'Manufacturing',
			cf: { cf_account_tier: 'Strategic' },
		});
		expect(sim.counters().byRoute['POST /api/v1/accounts']).toBe(1);
	});

	test('Update changes only the mapped fields', async () => {
		const { items, error } = await run('account', { operation: 'update', id: locator(accountId), fields: mapped({ city: 'London' }) });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: accountId, city: 'London', accountName: 'Analytical Engines Ltd' });
	});

	test('Delete moves the account to the trash', async () => {
		const { items, error } = await run('account', { operation: 'delete', id: locator(accountId) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: accountId, trashed: true });
		expect((await zohoGet(`/accounts/${accountId}`)).status).toBe(404);
	});
});

describe('Contact', () => {
	let contactId: string;

	test('Create maps standard and custom fields (a date from an n8n DateTime) and returns the contact with a string id', async () => {
		const { items, error } = await run('contact', {
			operation: 'create',
			fields: mapped({
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@engines.example.com',
				phone: '+44 20 7946 0018',
				cf_preferred_channel: 'Email',
				cf_customer_since: "={{ DateTime.fromISO('2026-03-01T10:00:00Z') }}",
			}),
		});

		expect(error).toBeUndefined();
		contactId = String(items[0].json.id);
		expect(items[0].json.id).toMatch(/^[0-9]{19}$/);
		expect((await zohoGet(`/contacts/${contactId}`)).body).toMatchObject({
			lastName: 'Lovelace',
			email: 'ada@engines.example.com',
			accountId: null,
			cf: { cf_preferred_channel: 'Email', cf_customer_since: '2026-03-01' },
		});
	});

	test('Update changes only the mapped fields', async () => {
		const { items, error } = await run('contact', { operation: 'update', id: locator(contactId), fields: mapped({ title: 'Countess' }) });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: contactId, title: 'Countess', lastName: 'Lovelace' });
	});

	test('Update with nothing mapped fails before calling Zoho', async () => {
		const { error } = await run('contact', { operation: 'update', id: locator(contactId), fields: mapped({}) });

		expect(error?.message).toMatch(/No field to update/);
		expect(sim.counters().byRoute['PATCH /api/v1/contacts/{id}'] ?? 0).toBe(0);
	});

	test('continueOnFail with Map Automatically: a 422 names the field at fault, the next item is created, each paired to its input', async () => {
		const { items, error } = await run(
			'contact',
			{ operation: 'create', fields: { mappingMode: 'autoMapInputData', value: null } },
			{ input: [{ lastName: 'Faxed', cf_preferred_channel: 'Fax' }, { lastName: 'Babbage', somethingElse: 'ignored' }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/INVALID_DATA/);
		expect(items[0].json.description).toMatch(/\/cf\/cf_preferred_channel: Fax is not a value of Preferred Channel/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ lastName: 'Babbage' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('Delete moves the contact to the trash; lists and search stop showing it', async () => {
		const { items, error } = await run('contact', { operation: 'delete', id: locator(contactId) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: contactId, trashed: true });
		expect((await zohoGet(`/contacts/${contactId}`)).status).toBe(404);
		expect((await zohoGet('/contacts/search?email=ada@engines.example.com')).status).toBe(204);
	});

	test('Delete whose answer is lost after Zoho trashed it: the contact is read back, the item succeeds, sent once', async () => {
		const created = sim.createRecord('contacts', { lastName: 'Lost Answer' });
		sim.resetCounters();
		sim.addFault({ kind: 'drop', path: '^/api/v1/contacts/moveToTrash$', method: 'POST', after: true });

		const { items, error } = await run('contact', { operation: 'delete', id: locator(String(created.id)) });

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: created.id, trashed: true });
		expect(sim.counters().byRoute['POST /api/v1/contacts/moveToTrash']).toBe(1);
	});

	test('a token without Desk.contacts.CREATE gets SCOPE_MISMATCH naming that scope, and nothing is written', async () => {
		const readOnly = credentialFor(sim, { scopes: 'Desk.contacts.READ,Desk.basic.READ,Desk.fields.READ' });
		sim.resetCounters();

		const { error } = await run('contact', { operation: 'create', fields: mapped({ lastName: 'No Scope' }) }, { credentials: readOnly });

		expect(error?.message).toMatch(/SCOPE_MISMATCH/);
		expect(error?.description).toMatch(/needs the scope Desk\.contacts\.CREATE/);
		expect(sim.counters().byStatus['200'] ?? 0).toBe(1); // the field metadata only
	});
});
