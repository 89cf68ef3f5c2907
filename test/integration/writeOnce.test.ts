/**
 * Never write twice, against the simulator: a write whose answer is lost after Zoho applied it (the simulator's
 * `after` faults) leaves exactly one record, and the node either finds it or says the change may have happened.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { N8N_BASE_URL, WEBHOOK_ID, runWebhookMethod } from '../harness';
import type { CredentialStore } from '../harness';
import { credentialFor, startSim } from '../sync/setup';
import type { Simulator } from '../simulator';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deskClient } = require('../simulator/helpers');

let sim: Simulator;
let credentials: CredentialStore;

/** Ground truth, read straight from the simulator. */
async function list(path: string): Promise<IDataObject[]> {
	const { body } = await deskClient(sim).get(path);
	return body?.data ?? [];
}

beforeAll(async () => {
	sim = await startSim({ tickets: 5 });
	credentials = credentialFor(sim);
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	// n8n's webhook URL answers Zoho's validation GET and POST.
	nock(N8N_BASE_URL).persist().get(`/webhook/${WEBHOOK_ID}/webhook`).reply(200).post(`/webhook/${WEBHOOK_ID}/webhook`).reply(200);
});

afterAll(async () => {
	nock.cleanAll();
	nock.enableNetConnect();
	await sim.stop();
});

describe('webhook registration', () => {
	const parameters = { mode: 'automatic', events: ['Ticket_Add', 'Ticket_Update'] };

	test.each([
		['the connection drops after Zoho registered it', { kind: 'drop' }],
		['Zoho registered it and then answered 500', { kind: 'error', status: 500 }],
	])('%s: the trigger adopts that webhook, sent once, and exactly one exists', async (_, fault) => {
		sim.resetCounters();
		sim.addFault({ ...fault, path: '^/api/v1/webhooks$', method: 'POST', after: true });

		const { result, staticData } = await runWebhookMethod({ nodeType: 'zohoDeskTrigger', parameters, credentials, method: 'create' });

		const registered = await list('/webhooks');
		expect(result).toBe(true);
		expect(registered).toHaveLength(1);
		expect(sim.counters().byRoute['POST /api/v1/webhooks']).toBe(1);
		expect(staticData['node:Zoho Desk Trigger']).toEqual({ webhookId: registered[0].id });

		await runWebhookMethod({ nodeType: 'zohoDeskTrigger', parameters, credentials, staticData, method: 'delete' });
		expect(await list('/webhooks')).toHaveLength(0);
	});
});
