import type { IDataObject } from 'n8n-workflow';

import { NODE_DATA, ORG, ZOHO_WEBHOOK_ID, forgetProcessMemory, post, validClaims, zohoEvent, zohoJwt, zohoKey, useNock } from './fixtures';

useNock();

const now = () => Math.floor(Date.now() / 1000);
const ticket = (id = '1892000000093001') => [zohoEvent('Ticket_Add', { id, subject: 'Printer on fire' })];
const signed = (claims: Record<string, unknown>) => ({ 'x-zdesk-jwt': zohoJwt(zohoKey, validClaims(claims)) });

describe('token lifetime: only what Zoho issues (at most 10 minutes, 60 s clock skew)', () => {
	test.each([
		['that expires a year after it was issued', { exp: now() + 365 * 86_400 }],
		['issued 30 days ago that has not expired', { iat: now() - 30 * 86_400, exp: now() + 300 }],
		['valid for 11 minutes', { exp: now() + 660 }],
		['without an issue time', { iat: undefined }],
		['valid for a year, in milliseconds', { iat: Date.now(), exp: Date.now() + 365 * 86_400_000 }],
	])('a token %s is refused with 401', async (_, claims) => {
		const result = await post(ticket(), { headers: signed(claims) });

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test('a token valid for exactly 10 minutes, issued 9 minutes ago, is accepted', async () => {
		const result = await post(ticket(), { headers: signed({ iat: now() - 540, exp: now() + 60 }) });

		expect(result.workflowData?.[0]).toHaveLength(1);
	});
});

describe('replay: the same delivery never starts a second execution', () => {
	test('a repeat gets 200 and no execution; the memory is in static data until the token expires', async () => {
		const headers = signed({});
		const first = await post(ticket(), { headers });
		const repeat = await post(ticket(), { headers, staticData: first.staticData });

		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(repeat.responseStatus).toBe(200);
		expect(repeat.workflowData).toBeUndefined();
		const seen = (first.staticData[NODE_DATA] as IDataObject).zohoDeskDeliveries as IDataObject;
		expect(Object.values(seen)).toEqual([expect.any(Number)]);
		expect(Object.values(seen)[0]).toBeGreaterThanOrEqual(now() + 290);
	});

	test('another webhook process (nothing in its memory) sees the repeat in static data', async () => {
		const headers = signed({});
		const first = await post(ticket(), { headers });
		forgetProcessMemory();
		const repeat = await post(ticket(), { headers, staticData: first.staticData });

		expect(repeat.responseStatus).toBe(200);
		expect(repeat.workflowData).toBeUndefined();
	});

	test('two copies arriving at once in one process (same static data snapshot) start one execution', async () => {
		const headers = signed({});
		const staticData = (await post(ticket('7'))).staticData;

		const results = await Promise.all([post(ticket(), { headers, staticData }), post(ticket(), { headers, staticData })]);

		expect(results.filter((result) => result.workflowData !== undefined)).toHaveLength(1);
		expect(results.map((result) => result.responseStatus)).toEqual([200, 200]);
	});

	test('a process remembers what a concurrent request of its own saved, so a later repeat is caught even if that save was overwritten', async () => {
		const headers = signed({});
		const before = (await post(ticket('7'))).staticData;
		await post(ticket(), { headers, staticData: before });
		// Another request that loaded `before` saves last: the workflow's static data no longer holds the delivery.
		const repeat = await post(ticket(), { headers, staticData: before });

		expect(repeat.workflowData).toBeUndefined();
	});

	test('expired memories are dropped', async () => {
		const staticData = { [NODE_DATA]: { ...((await post(ticket('7'))).staticData[NODE_DATA] as IDataObject), zohoDeskDeliveries: { old: now() - 3600 } } };

		const result = await post(ticket(), { staticData });

		expect((result.staticData[NODE_DATA] as IDataObject).zohoDeskDeliveries).not.toHaveProperty('old');
	});

	test("Zoho's retry, signed anew (another token, the same body), starts nothing", async () => {
		const first = await post(ticket(), { headers: signed({ iat: now() - 5 }) });
		const retry = await post(ticket(), { headers: signed({}), staticData: first.staticData });

		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(retry.responseStatus).toBe(200);
		expect(retry.workflowData).toBeUndefined();
	});

	test('the same token with another body is another delivery (tokens repeat: Zoho signs without a nonce)', async () => {
		const headers = signed({});
		const first = await post(ticket('1'), { headers });
		const second = await post(ticket('2'), { headers, staticData: first.staticData });

		expect(second.workflowData?.[0]).toHaveLength(1);
	});
});

describe('organization: from the verified token, not from the body', () => {
	test('an event naming another organization than the token is a 400', async () => {
		const result = await post([zohoEvent('Ticket_Add', { id: '1' }, { orgId: '111111111' })]);

		expect(result.responseStatus).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});

	test("an event without orgId gets the token's organization", async () => {
		const result = await post([{ eventType: 'Ticket_Add', payload: { id: '1' } }]);

		expect(result.workflowData?.[0][0].json).toMatchObject({ orgId: ORG, webhookId: ZOHO_WEBHOOK_ID });
	});
});
