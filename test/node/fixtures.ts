import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ORG, TOKEN, selfClient } from '../fixtures';
import { executeNode } from '../harness';
import type { CredentialsByType } from '../harness';

export { ORG, TOKEN, selfClient, recordSleeps, useNock } from '../fixtures';

export const DESK = 'https://desk.zoho.com';
export const ACCOUNTS = 'https://accounts.zoho.com';
export const TICKET_ID = '1892000000042032';

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
