import nock from 'nock';

import { deliverWebhook } from '../harness';
import type { IDataObject } from 'n8n-workflow';
import {
	DESK,
	NODE_DATA,
	ORG,
	ZOHO_WEBHOOK_ID,
	credentials,
	jwks,
	signingKey,
	validClaims,
	zohoEvent,
	zohoJwt,
	useNock,
} from './fixtures';

const current = signingKey('zoho-key-1');
const rotated = signingKey('zoho-key-2');
const stranger = signingKey('zoho-key-1'); // same kid as Zoho's key, different key pair

const ticket = zohoEvent('Ticket_Add', { id: '1892000000093001', subject: 'Printer on fire' });
const longAgo = Date.now() - 2 * 60 * 60_000;

/** Static data of an activated trigger: its Zoho webhook id, plus Zoho's keys when already cached. */
const registered = (cachedKeys?: IDataObject): IDataObject => ({
	[NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID, ...(cachedKeys ? { zohoDeskJwks: cachedKeys } : {}) },
});

function deliver(headers: Record<string, string>, staticData: IDataObject = registered(), extra: IDataObject = {}, body: unknown = [ticket]) {
	return deliverWebhook({
		nodeType: 'zohoDeskTrigger',
		parameters: { mode: 'automatic', events: ['Ticket_Add'], ...extra },
		credentials: credentials(),
		staticData,
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
	});
}

const signed = (token: string) => ({ 'x-zdesk-jwt': token });

useNock();

describe('X-ZDesk-JWT', () => {
	test('a valid token starts the workflow; the keys are fetched once, then cached in static data', async () => {
		const keyServer = nock(DESK).get('/.well-known/jwks.json').once().reply(200, jwks(current));

		const first = await deliver(signed(zohoJwt(current, validClaims())));
		expect(first.responseStatus).toBe(200);
		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(keyServer.isDone()).toBe(true);

		// No interceptor is left: a second HTTP call for the keys would fail the delivery.
		const next = [zohoEvent('Ticket_Add', { id: '1892000000093002', subject: 'Toner low' })];
		const second = await deliver(signed(zohoJwt(current, validClaims())), first.staticData, {}, next);
		expect(second.workflowData?.[0][0].json).toMatchObject({ webhookId: ZOHO_WEBHOOK_ID, orgId: ORG });
		expect((second.staticData[NODE_DATA] as IDataObject).zohoDeskJwks).toMatchObject({ keys: [current.jwk] });
	});

	test('a token signed with another key (same kid) is refused with 401 and starts nothing', async () => {
		const result = await deliver(signed(zohoJwt(stranger, validClaims())), registered({ keys: [current.jwk], fetchedAt: Date.now() }));

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test('an unknown kid refetches the keys exactly once and accepts a rotated key', async () => {
		let fetches = 0;
		nock(DESK)
			.get('/.well-known/jwks.json')
			.times(2)
			.reply(200, () => (fetches++, jwks(current, rotated)));

		const result = await deliver(signed(zohoJwt(rotated, validClaims())), registered({ keys: [current.jwk], fetchedAt: longAgo }));

		expect(result.responseStatus).toBe(200);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(fetches).toBe(1);
		nock.cleanAll();
	});

	test('a kid Zoho does not publish even after the refetch is refused after exactly one fetch', async () => {
		let fetches = 0;
		nock(DESK)
			.get('/.well-known/jwks.json')
			.times(2)
			.reply(200, () => (fetches++, jwks(current)));
		const forged = signingKey('made-up-kid');

		const result = await deliver(signed(zohoJwt(forged, validClaims())), registered({ keys: [current.jwk], fetchedAt: longAgo }));

		expect(result.responseStatus).toBe(401);
		expect(fetches).toBe(1);
		nock.cleanAll();
	});

	test('unknown kids do not refetch the keys more than once a minute', async () => {
		const forged = signingKey('made-up-kid');
		const result = await deliver(signed(zohoJwt(forged, validClaims())), registered({ keys: [current.jwk], fetchedAt: Date.now() - 5000 }));

		expect(result.responseStatus).toBe(401);
	});

	test.each([
		['expired (seconds)', validClaims({ exp: Math.floor(Date.now() / 1000) - 120 })],
		['expired (milliseconds)', validClaims({ exp: Date.now() - 120_000 })],
		['another organization', validClaims({ iss: 'orgId:111111111' })],
		['another webhook', validClaims({ aud: 'webhookId:1892000000000000000' })],
		['no expiry', validClaims({ exp: undefined })],
		['issued in the future', validClaims({ iat: Math.floor(Date.now() / 1000) + 600, exp: Math.floor(Date.now() / 1000) + 900 })],
	])('a token for %s is refused with 401', async (_, claims) => {
		const result = await deliver(signed(zohoJwt(current, claims)), registered({ keys: [current.jwk], fetchedAt: Date.now() }));

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test.each([
		['milliseconds', { iat: Date.now(), exp: Date.now() + 300_000 }],
		['expired 30 s ago, within the clock skew', { exp: Math.floor(Date.now() / 1000) - 30 }],
		['an audience list', { aud: ['webhookId:1', `webhookId:${ZOHO_WEBHOOK_ID}`] }],
	])('a token with %s is accepted', async (_, overrides) => {
		const result = await deliver(signed(zohoJwt(current, validClaims(overrides))), registered({ keys: [current.jwk], fetchedAt: Date.now() }));

		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	test.each([
		['no token', {}],
		['a token that is not a JWT', signed('not-a-jwt')],
		['an unsigned token (alg none)', signed(`${zohoJwt(current, validClaims(), { alg: 'none' }).split('.').slice(0, 2).join('.')}.`)],
		['an HS256 token', signed(zohoJwt(current, validClaims(), { alg: 'HS256' }))],
	])('%s is refused with 401', async (_, headers) => {
		const result = await deliver(headers, registered({ keys: [current.jwk], fetchedAt: Date.now() }));

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test('with verification turned off, an unsigned delivery is accepted', async () => {
		const result = await deliver({}, registered(), { options: { verifySignature: false } });

		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	test("Zoho's keys cannot be fetched: 503, nothing starts, so Zoho retries later", async () => {
		nock(DESK).get('/.well-known/jwks.json').reply(500, 'down');

		const result = await deliver(signed(zohoJwt(current, validClaims())));

		expect(result.responseStatus).toBe(503);
		expect(result.workflowData).toBeUndefined();
	});
});
