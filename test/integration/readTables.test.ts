/**
 * The Zoho Desk node against the simulator: a real Self Client code exchange, then every table read in full
 * and compared with what a plain, independent page-by-page read of the same portal returns.
 */
import type { IDataObject } from 'n8n-workflow';

import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, liveIds, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deskClient } = require('../simulator/helpers');

type Desk = { get: (path: string) => Promise<{ status: number; body?: { data?: IDataObject[]; count?: number } }> };

let sim: Simulator;
let desk: Desk;
let store: CredentialStore;

async function run(parameters: IDataObject) {
	const result = await executeNode({ nodeType: 'zohoDesk', parameters: parameters as never, credentials: store });
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

beforeAll(async () => {
	sim = await startSim({ tickets: 250, seed: 11 });
	desk = deskClient(sim);
	store = credentialFor(sim);
});

afterAll(async () => await sim.stop());

test('the generated code is exchanged with the simulator; the refresh token is kept and the code cleared', async () => {
	const organizations = await run({ resource: 'organization', operation: 'getMany', returnAll: true });
	expect(organizations.map((org) => org.id)).toContain(sim.orgId);
	expect(store.read('zohoDeskSelfClientApi')).toMatchObject({ grantCode: '', refreshToken: expect.stringMatching(/.+/) });
});

test.each([
	['ticket', '/tickets', 100],
	['department', '/departments', 200],
	['product', '/products?departmentId=0', 100],
	['contract', '/contracts', 100],
])('%s: Get Many with Return All returns every record once, ids as 19-digit strings', async (resource, path, pageSize) => {
	const records = await run({ resource, operation: 'getMany', returnAll: true });
	const ids = records.map((record) => record.id as string);

	expect(new Set(ids).size).toBe(ids.length);
	expect([...ids].sort()).toEqual((await liveIds(sim, path, pageSize)).sort());
	for (const id of ids) expect(id).toMatch(/^[0-9]{19}$/);
});

test('organization fields of every module', async () => {
	for (const module of ['tickets', 'contacts', 'accounts', 'tasks', 'calls', 'events', 'contracts', 'products']) {
		const fields = await run({ resource: 'organizationField', operation: 'getMany', module, returnAll: true });
		const reference = (await desk.get(`/organizationFields?module=${module}`)).body?.data ?? [];
		expect(fields.map((field) => field.apiName)).toEqual(reference.map((field) => field.apiName));
	}
});

test('Get returns the record the list showed, custom fields included', async () => {
	const [first] = await run({ resource: 'ticket', operation: 'getMany', limit: 1 });
	const [ticket] = await run({ resource: 'ticket', operation: 'get', id: { __rl: true, mode: 'id', value: first.id } });
	expect(ticket.id).toBe(first.id);
	expect(ticket.cf).toEqual(expect.any(Object));
});

test('Count agrees with search, and an expired access token is refreshed without the code', async () => {
	sim.expireAccessTokens();
	const [{ count }] = await run({ resource: 'ticket', operation: 'count', filters: { status: 'Open' } });
	const reference = await (deskClient(sim) as Desk).get('/tickets/search?status=Open&limit=1');
	expect(count).toBe(Number(reference.body?.count ?? 0));
	expect(count).toBeGreaterThan(0);
});
