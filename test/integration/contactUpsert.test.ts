/**
 * Contact → Create or Update against the simulator, with Zoho's search index trailing its database by a minute
 * (`searchLagMs`): re-runs, several items, lost answers and phone matches never make a second contact. The counts are
 * ground truth, read from every contact the simulator holds.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, startSim } from '../sync/setup';
import type { Simulator } from '../simulator';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deskClient } = require('../simulator/helpers');

let sim: Simulator;
let store: CredentialStore;

const SEARCH_LAG_MS = 60_000;
const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

async function upsert(values: IDataObject | IDataObject[], options: { continueOnFail?: boolean } = {}) {
	const many = Array.isArray(values);
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			fields: many ? { mappingMode: 'autoMapInputData', value: null } : mapped(values),
		} as INodeParameters,
		credentials: store,
		input: many ? values.map((json) => ({ json })) : undefined,
		continueOnFail: options.continueOnFail,
	});
}

/** Ground truth: every live contact, read page by page from the list (which, unlike search, has no lag). */
async function allContacts(): Promise<IDataObject[]> {
	const contacts: IDataObject[] = [];
	for (let from = 0; ; from += 99) {
		const { body } = await deskClient(sim).get(`/contacts?from=${from}&limit=99`);
		contacts.push(...(body?.data ?? []));
		if ((body?.data ?? []).length < 99) return contacts;
	}
}
const withEmail = async (email: string) => (await allContacts()).filter((contact) => contact.email === email);
const posts = () => sim.counters().byRoute['POST /api/v1/contacts'] ?? 0;

beforeAll(async () => {
	sim = await startSim({ tickets: 5, seed: 12, searchLagMs: SEARCH_LAG_MS });
	store = credentialFor(sim);
});
afterAll(async () => await sim.stop());
beforeEach(() => {
	sim.clearFaults();
	sim.resetCounters();
});

test('twice with the same email, seconds apart (search does not see the first yet): one contact, updated by the second run', async () => {
	const first = await upsert({ lastName: 'Hopper', email: 'grace@navy.example.com', title: 'Lieutenant' });
	const second = await upsert({ lastName: 'Hopper', email: 'grace@navy.example.com', title: 'Rear Admiral' });

	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	expect(second.items[0].json.id).toBe(first.items[0].json.id);
	expect(typeof second.items[0].json.id).toBe('string');
	const contacts = await withEmail('grace@navy.example.com');
	expect(contacts).toHaveLength(1);
	expect(second.items[0].json.title).toBe('Rear Admiral');
	expect(posts()).toBe(1);
	// Zoho's search alone would have missed it: the index has not caught up.
	expect((await deskClient(sim).get('/contacts/search?email=grace@navy.example.com')).status).toBe(204);
});

test('the email matches whatever its case; several items with one email in one run make one contact, each item paired', async () => {
	const { items, error } = await upsert([
		{ lastName: 'Lamarr', email: 'hedy@films.example.com' },
		{ lastName: 'Lamarr', email: 'Hedy@Films.example.com', firstName: 'Hedy' },
		{ lastName: 'Lamarr', email: 'hedy@films.example.com', title: 'Inventor' },
	]);

	expect(error).toBeUndefined();
	expect(new Set(items.map((item) => item.json.id)).size).toBe(1);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(await withEmail('hedy@films.example.com')).toHaveLength(1);
	expect(posts()).toBe(1);
});

test.each([
	['the connection drops after Zoho created it', { kind: 'drop' }],
	['Zoho created it and then answered 500', { kind: 'error', status: 500 }],
])('%s: the contact is found instead of created again, and a re-run still leaves one', async (_, fault) => {
	const email = `lost.${String(fault.kind)}@answers.example.com`;
	sim.addFault({ ...fault, path: '^/api/v1/contacts$', method: 'POST', after: true });

	const lost = await upsert({ lastName: 'Answer', email });
	const rerun = await upsert({ lastName: 'Answer', email, title: 'Found' });

	expect(lost.error).toBeUndefined();
	expect(lost.items[0].json.email).toBe(email);
	expect(rerun.items[0].json.id).toBe(lost.items[0].json.id);
	expect(await withEmail(email)).toHaveLength(1);
	expect(posts()).toBe(1);
});

test('the create failed before Zoho applied it: nothing is found, so it is sent again and one contact exists', async () => {
	sim.addFault({ kind: 'error', status: 500, path: '^/api/v1/contacts$', method: 'POST' });

	const { items, error } = await upsert({ lastName: 'Retry', email: 'retry@answers.example.com' });

	expect(error).toBeUndefined();
	expect(items[0].json.email).toBe('retry@answers.example.com');
	expect(await withEmail('retry@answers.example.com')).toHaveLength(1);
	expect(posts()).toBe(2);
});

test('without an email it matches by phone, also a contact long in the index and written differently', async () => {
	const old = sim.createRecord('contacts', { lastName: 'Turing', phone: '+44 161 496 0000', createdTime: '2026-01-02T00:00:00Z' });
	const fresh = sim.createRecord('contacts', { lastName: 'Franklin', phone: '+44 20 7946 0999' });

	const byOldPhone = await upsert({ lastName: 'Turing', phone: '+44 161 496 0000', title: 'Dr' });
	const byFreshPhone = await upsert({ lastName: 'Franklin', phone: '+44 (20) 7946-0999' });

	expect(byOldPhone.items[0].json).toMatchObject({ id: old.id, title: 'Dr' });
	expect(byFreshPhone.items[0].json.id).toBe(fresh.id);
	expect(posts()).toBe(0);
});

test("with an email, a phone match counts only for a contact without another email (a colleague's shared line does not)", async () => {
	const colleague = sim.createRecord('contacts', { lastName: 'Colleague', email: 'colleague@office.example.com', phone: '+1 555 0177' });
	const phoneOnly = sim.createRecord('contacts', { lastName: 'Phone Only', phone: '+1 555 0188' });

	const newcomer = await upsert({ lastName: 'Newcomer', email: 'newcomer@office.example.com', phone: '+1 555 0177' });
	const known = await upsert({ lastName: 'Phone Only', email: 'phoneonly@office.example.com', phone: '+1 555 0188' });

	expect(newcomer.items[0].json.id).not.toBe(colleague.id);
	expect(known.items[0].json).toMatchObject({ id: phoneOnly.id, email: 'phoneonly@office.example.com' });
	expect(posts()).toBe(1);
});

test('continueOnFail: an item with neither email nor phone fails before calling Zoho, the next item goes on', async () => {
	const { items } = await upsert([{ lastName: 'Nobody' }, { lastName: 'Somebody', email: 'somebody@office.example.com' }], { continueOnFail: true });

	expect(items[0].json.error).toMatch(/needs an Email or a Phone/);
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[1].json.email).toBe('somebody@office.example.com');
	expect(items[1].pairedItem).toEqual({ item: 1 });
});
