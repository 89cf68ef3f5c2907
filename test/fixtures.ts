/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/** What every nock-based test shares: the portal, a Self Client credential, the nock guard and skipped retry waits. */
import nock from 'nock';
import path from 'path';
import type { IDataObject } from 'n8n-workflow';

import { CredentialStore } from './harness';
import type { CredentialsByType } from './harness';
import { startSimulator } from './simulator';
import type { Counters, Simulator } from './simulator';

export type { Counters, Simulator };

export const ORG = '649720812';
export const TOKEN = 'access-token-1';
export const CLIENT_SECRET = 'top-secret-client-secret';

/** A Self Client credential (US data centre unless given) that already holds an access token, so no exchange is made. */
export function selfClient(fields: IDataObject = {}): CredentialsByType {
	return {
		zohoDeskSelfClientApi: {
			dataCenter: 'us',
			orgId: ORG,
			clientId: '1000.CLIENTID',
			clientSecret: CLIENT_SECRET,
			grantCode: '',
			refreshToken: 'refresh-token-1',
			accessToken: TOKEN,
			...fields,
		},
	};
}

/** No test reaches the network, every HTTP call a test expects has been made, and spies are undone after each test. */
export function useNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		// A timed-out request leaves its reply's .delay() timer running, which would keep jest from exiting.
		nock.abortPendingRequests();
		nock.cleanAll();
		jest.restoreAllMocks();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}

/**
 * Retries without their waits: n8n's sleep, which the transport waits with, returns at once and records the delay
 * it was asked for. Undone by jest.restoreAllMocks() (useNock does it after each test).
 */
export function recordSleeps(): number[] {
	const delays: number[] = [];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const utils = require(path.join(path.dirname(require.resolve('n8n-workflow')), 'utils'));
	jest.spyOn(utils, 'sleep').mockImplementation(async (ms: unknown) => {
		delays.push(ms as number);
	});
	return delays;
}

export async function startSim(options: IDataObject = {}): Promise<Simulator> {
	return await startSimulator({ webhookRetries: 0, ...options });
}

/** A Self Client credential for the simulator; `deskUrl` may point at an interceptor in front of it. */
export function credentialFor(sim: Simulator, options: { deskUrl?: string; scopes?: string } = {}): CredentialStore {
	return new CredentialStore({
		zohoDeskSelfClientApi: {
			dataCenter: 'custom',
			customAccountsUrl: sim.url,
			customDeskUrl: options.deskUrl ?? sim.url,
			orgId: sim.orgId,
			clientId: sim.selfClient.clientId,
			clientSecret: sim.selfClient.clientSecret,
			grantCode: sim.issueGrantCode(options.scopes ? { scopes: options.scopes } : {}).code,
		},
	});
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deskClient } = require('./simulator/helpers') as {
	deskClient: (sim: Simulator) => { get: (path: string) => Promise<{ status: number; body?: { data?: IDataObject[] } }> };
};

/**
 * Ground truth: the ids of every live record of a list, read page by page straight from the simulator (counters reset
 * after). `firstFrom`: the `from` of the first record (1 for accounts).
 */
export async function liveIds(sim: Simulator, path = '/tickets', pageSize = 100, firstFrom = 0): Promise<string[]> {
	const client = deskClient(sim);
	const ids: string[] = [];
	for (let from = firstFrom; ; from += pageSize) {
		const { body } = await client.get(`${path}${path.includes('?') ? '&' : '?'}from=${from}&limit=${pageSize}`);
		const rows = body?.data ?? [];
		ids.push(...rows.map((row) => String(row.id)));
		if (rows.length < pageSize) break;
	}
	sim.resetCounters();
	return ids;
}
