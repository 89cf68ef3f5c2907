/**
 * The webhook's and the workflow rule's parsers under generated input (fast-check): 10,000 unauthenticated
 * requests (any body, any X-ZDesk-JWT, any secret) never start an execution, and no request, authenticated or not,
 * throws or gets a 5xx. A failure prints the seed and the smallest failing input; rerun it with
 * `fc.assert(..., { seed, path })`.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { NODE_DATA, ORG, ZOHO_WEBHOOK_ID, post, signingKey, validClaims, zohoJwt, zohoKey, useNock } from './fixtures';

useNock();

const RULE_TOKEN = randomBytes(12).toString('hex');
/** Zoho's keys, fetched just now (a run lasts minutes; keys a minute old would be refetched for unknown kids). */
const keys = () => ({ zohoDeskJwks: { keys: [zohoKey.jwk], fetchedAt: Date.now() } });
const automatic = () => ({ [NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID, ...keys() } });
const stranger = signingKey('zoho-key-1');
const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** JSON values Zoho's parsers must survive: records with hostile keys and ids, deep nesting, huge and odd numbers. */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'orgId', 'eventType', 'payload', 'prevState', 'text', 'toString');
const jsonValue = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(null, true, false, 0, -1, 1e308, 2 ** 64, '', '1892000000093001'),
		fc.string(),
		fc.double({ noNaN: true, noDefaultInfinity: true }),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.oneof(hostileKey, fc.string()), tie('value'), { maxKeys: 5 }),
	),
})).value;
const zohoLikeEvent = fc.record(
	{
		eventType: fc.oneof(fc.constantFrom('Ticket_Add', 'Ticket_Update', 'Contact_Delete', 'Unknown_Event'), jsonValue),
		orgId: fc.oneof(fc.constant(ORG), jsonValue),
		eventTime: jsonValue,
		payload: fc.oneof(fc.dictionary(fc.oneof(hostileKey, fc.string()), jsonValue, { maxKeys: 5 }), jsonValue),
		prevState: jsonValue,
	},
	{ requiredKeys: [] },
);
const deep = fc.integer({ min: 60, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
/** The raw bytes of a request body: JSON of generated values, broken JSON, deep nesting, or noise. */
const rawBody = fc.oneof(
	fc.array(zohoLikeEvent, { maxLength: 5 }).map((events) => JSON.stringify(events)),
	jsonValue.map((value) => JSON.stringify(value) ?? ''),
	fc.record({ text: fc.string() }).map((message) => JSON.stringify(message)),
	deep.map((nested) => `[{"eventType":"Ticket_Add","payload":{"id":"1","x":${nested}}}]`),
	fc.string().map((text) => `[{"eventType":"Ticket_Add",${text}`),
	fc.string(),
);

/** Tokens an attacker can make: noise, JWT-shaped parts with any header and claims, a foreign key's signature. */
const forgedToken = fc.oneof(
	fc.string(),
	fc.tuple(jsonValue, jsonValue, fc.string()).map(([header, claims, signature]) => `${base64url(header)}.${base64url(claims)}.${base64url(signature)}`),
	fc.record({ alg: fc.oneof(fc.constant('RS256'), jsonValue), kid: fc.oneof(fc.constant('zoho-key-1'), jsonValue) }).map(
		(header) => `${base64url(header)}.${base64url(validClaims())}.${base64url('signature')}`,
	),
	fc.constant(zohoJwt(stranger, validClaims())),
	fc.constant(zohoJwt(zohoKey, validClaims({ aud: 'webhookId:1892000000000000000' }))),
	fc.constant(zohoJwt(zohoKey, validClaims({ exp: Math.floor(Date.now() / 1000) + 365 * 86_400 }))),
);

interface Request {
	parameters: IDataObject;
	staticData: IDataObject;
	headers: Record<string, string>;
	query?: Record<string, string>;
}

/** A request nobody authenticated: to Automatic mode, Manual with Zoho's signature, or Manual with a secret. */
const unauthenticated: fc.Arbitrary<Request> = fc.oneof(
	forgedToken.map((token) => ({ parameters: { mode: 'automatic', events: ['Ticket_Add'] }, staticData: automatic(), headers: { 'x-zdesk-jwt': token } })),
	forgedToken.map((token) => ({
		parameters: { mode: 'manual', verification: 'jwt', zohoWebhookId: ZOHO_WEBHOOK_ID },
		staticData: { [NODE_DATA]: keys() },
		headers: { 'x-zdesk-jwt': token },
	})),
	fc.tuple(fc.string(), fc.boolean()).map(([guess, inHeader]) => ({
		parameters: { mode: 'manual', verification: 'token' },
		staticData: {},
		headers: { 'x-zdesk-jwt': '', ...(inHeader ? { 'x-webhook-secret': guess } : {}) },
		query: inHeader ? undefined : { token: guess },
	})),
);

const deliver = (request: Request, body: string) =>
	post(undefined, { ...request, rawBody: body, credentialFields: { webhookSecret: RULE_TOKEN } });

/** The same request, with keys fetched just now. */
const fresh = (request: Request): Request =>
	request.staticData[NODE_DATA] ? { ...request, staticData: { [NODE_DATA]: { ...(request.staticData[NODE_DATA] as IDataObject), ...keys() } } } : request;

test('10,000 unauthenticated requests: no execution, no throw, no 5xx', async () => {
	await fc.assert(
		fc.asyncProperty(unauthenticated, rawBody, async (request, body) => {
			const result = await deliver(request, body);
			expect(result.workflowData).toBeUndefined();
			expect([200, 401]).toContain(result.responseStatus);
		}),
		{ numRuns: 10_000 },
	);
}, 600_000);

test('10,000 authenticated deliveries and workflow-rule messages of any shape: no throw, no 5xx, no prototype keys', async () => {
	const signed = zohoJwt(zohoKey, validClaims());
	const authenticated: fc.Arbitrary<Request> = fc.constantFrom<Request>(
		{ parameters: { mode: 'automatic', events: ['Ticket_Add'] }, staticData: automatic(), headers: { 'x-zdesk-jwt': signed } },
		{ parameters: { mode: 'automatic', events: ['Ticket_Add'], options: { rawEvent: true } }, staticData: automatic(), headers: { 'x-zdesk-jwt': signed } },
		{ parameters: { mode: 'manual', verification: 'token' }, staticData: {}, headers: { 'x-zdesk-jwt': '', 'x-webhook-secret': RULE_TOKEN } },
		{ parameters: { mode: 'manual', verification: 'none' }, staticData: {}, headers: { 'x-zdesk-jwt': '' } },
	);
	await fc.assert(
		fc.asyncProperty(authenticated, rawBody, async (request, body) => {
			const result = await deliver(fresh(request), body);
			expect(result.responseStatus).toBeLessThan(500);
			for (const item of result.workflowData?.[0] ?? []) {
				expect(JSON.stringify(item.json)).not.toMatch(/"(__proto__|constructor|prototype)":/);
			}
		}),
		{ numRuns: 10_000 },
	);
}, 600_000);
