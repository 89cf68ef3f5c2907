/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import nock from 'nock';
import path from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { executeNode } from '../harness';
import type { CredentialsByType } from '../harness';

export const ORG = '649720812';
export const DESK = 'https://desk.zoho.com';
export const ACCOUNTS = 'https://accounts.zoho.com';
export const TICKET_ID = '1892000000042032';
export const TOKEN = 'access-token-1';

/** A Self Client credential that already holds an access token (no exchange unless a test wants one). */
export function selfClient(fields: IDataObject = {}): CredentialsByType {
	return {
		zohoDeskSelfClientApi: {
			dataCenter: 'us',
			orgId: ORG,
			clientId: '1000.CLIENTID',
			clientSecret: 'top-secret-client-secret',
			grantCode: '',
			refreshToken: 'refresh-token-1',
			accessToken: TOKEN,
			...fields,
		},
	};
}

/** nock scope for Desk API calls carrying our auth and orgId headers. */
export function desk(host = DESK, headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${TOKEN}`, orgid: ORG }) {
	return nock(host, { reqheaders: headers });
}

export async function runZohoDesk(parameters: INodeParameters, options: { credentials?: CredentialsByType; input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters,
		credentials: options.credentials ?? selfClient(),
		input: options.input?.map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
	});
}

/** `count` fake tickets with 19-digit string ids starting at `first`. */
export function tickets(count: number, first = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		id: String(1892000000042032n + BigInt(first + i)),
		subject: `Ticket ${first + i}`,
		cf: { cf_region: 'EU' },
	}));
}

/** The delays the transport asked n8n's sleep for (the sleep itself is skipped). */
export function recordSleeps(): number[] {
	const delays: number[] = [];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const utils = require(path.join(path.dirname(require.resolve('n8n-workflow')), 'utils'));
	jest.spyOn(utils, 'sleep').mockImplementation(async (ms: unknown) => {
		delays.push(ms as number);
	});
	return delays;
}

export function useNock() {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		jest.restoreAllMocks();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}
