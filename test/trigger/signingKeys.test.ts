import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { deliverWebhook } from '../harness';
import {
	DESK,
	NODE_DATA,
	ZOHO_WEBHOOK_ID,
	credentials,
	forgetProcessMemory,
	jwks,
	signingKey,
	validClaims,
	zohoEvent,
	zohoJwt,
	zohoKey,
	useNock,
} from './fixtures';

useNock();

const forged = signingKey('made-up-kid');
const longAgo = Date.now() - 2 * 60 * 60_000;

function deliver(token: string, staticData: IDataObject, id = '1') {
	return deliverWebhook({
		nodeType: 'zohoDeskTrigger',
		parameters: { mode: 'automatic', events: ['Ticket_Add'] },
		credentials: credentials(),
		staticData,
		request: {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-zdesk-jwt': token },
			body: [zohoEvent('Ticket_Add', { id })],
		},
	});
}

const registered = (cache?: IDataObject): IDataObject => ({
	[NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID, ...(cache ? { zohoDeskJwks: cache } : {}) },
});

/** Counts GETs of Zoho's key set; answers each after `delayMs`. */
function keyServer(reply: () => [number, unknown], delayMs = 0) {
	const counter = { fetches: 0 };
	nock(DESK)
		.get('/.well-known/jwks.json')
		.times(50)
		.delay(delayMs)
		.reply(() => (counter.fetches++, reply()));
	return counter;
}

describe("Zoho's signing keys: one fetch per process, throttled on the last attempt", () => {
	test('20 concurrent deliveries with an unknown kid make 1 fetch', async () => {
		const server = keyServer(() => [200, jwks(zohoKey)], 50);
		const staticData = registered({ keys: [zohoKey.jwk], fetchedAt: longAgo });

		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => deliver(zohoJwt(forged, validClaims()), staticData, String(i))),
		);

		nock.cleanAll();
		expect(server.fetches).toBe(1);
		expect(results.every((result) => result.responseStatus === 401)).toBe(true);
	});

	test('20 concurrent deliveries to a fresh node (no keys yet) make 1 fetch and all start', async () => {
		const server = keyServer(() => [200, jwks(zohoKey)], 50);

		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => deliver(zohoJwt(zohoKey, validClaims()), registered(), String(i))),
		);

		nock.cleanAll();
		expect(server.fetches).toBe(1);
		expect(results.filter((result) => result.workflowData?.[0].length === 1)).toHaveLength(20);
	});

	test('a failed fetch counts as an attempt: the next delivery within a minute fetches nothing and gets 503', async () => {
		const server = keyServer(() => [500, 'down']);

		const first = await deliver(zohoJwt(zohoKey, validClaims()), registered());
		const second = await deliver(zohoJwt(zohoKey, validClaims()), first.staticData, '2');

		nock.cleanAll();
		expect([first.responseStatus, second.responseStatus]).toEqual([503, 503]);
		expect(server.fetches).toBe(1);
	});

	test('another process sees the failed attempt in static data and does not fetch either', async () => {
		const server = keyServer(() => [500, 'down']);

		const first = await deliver(zohoJwt(zohoKey, validClaims()), registered());
		forgetProcessMemory();
		const second = await deliver(zohoJwt(zohoKey, validClaims()), first.staticData, '2');

		nock.cleanAll();
		expect(second.responseStatus).toBe(503);
		expect(server.fetches).toBe(1);
	});

	test('a process keeps the keys it fetched even when a concurrent save dropped them from static data', async () => {
		const server = keyServer(() => [200, jwks(zohoKey)]);

		await deliver(zohoJwt(zohoKey, validClaims()), registered());
		const next = await deliver(zohoJwt(zohoKey, validClaims()), registered(), '2');

		nock.cleanAll();
		expect(next.workflowData?.[0]).toHaveLength(1);
		expect(server.fetches).toBe(1);
	});

	test.each([
		['alg', { alg: { toString: 1 } }],
		['kid', { kid: { toString: 1 } }],
		['kid (array)', { kid: ['zoho-key-1'] }],
	])('a header %s that is not a string is a 401, fetches nothing and never blames the keys', async (_, header) => {
		const server = keyServer(() => [200, jwks(zohoKey)]);

		const result = await deliver(zohoJwt(zohoKey, validClaims(), header), registered({ keys: [zohoKey.jwk], fetchedAt: longAgo }));

		nock.cleanAll();
		expect(result.responseStatus).toBe(401);
		expect(server.fetches).toBe(0);
	});
});
