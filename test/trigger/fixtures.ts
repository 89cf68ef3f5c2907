/** What the trigger tests share: a Self Client credential for the EU data centre, signing keys and Zoho events. */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { forgetDeliveries } from '../../nodes/ZohoDeskTrigger/replay';
import { forgetSigningKeys } from '../../nodes/ZohoDeskTrigger/signingKeys';
import { ORG, selfClient, useNock as useSharedNock } from '../fixtures';
import { N8N_BASE_URL, WEBHOOK_ID, deliverWebhook } from '../harness';

export { ORG, TOKEN } from '../fixtures';

export const DESK = 'https://desk.zoho.eu';
/** A webhook id as Zoho issues them: a 19-digit string */
export const ZOHO_WEBHOOK_ID = '1892000000123456789';
export const PRODUCTION_URL = `${N8N_BASE_URL}/webhook/${WEBHOOK_ID}/webhook`;
export const TEST_URL = `${N8N_BASE_URL}/webhook-test/${WEBHOOK_ID}/webhook`;
/** Where n8n keeps the node's static data inside the workflow's (getWorkflowStaticData('node')) */
export const NODE_DATA = 'node:Zoho Desk Trigger';

/** A Self Client credential for the EU data centre that already holds a token, so no token call is made. */
export const credentials = (fields: IDataObject = {}) => selfClient({ dataCenter: 'eu', ...fields });

export interface SigningKey {
	kid: string;
	privateKey: KeyObject;
	/** The public key as Zoho publishes it in /.well-known/jwks.json */
	jwk: Record<string, unknown>;
}

export function signingKey(kid: string): SigningKey {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An X-ZDesk-JWT as Zoho builds it, signed with `key` (header fields can be overridden, e.g. a foreign kid). */
export function zohoJwt(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
	const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${base64url(claims)}`;
	return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Claims of a valid token for our org and webhook, issued now (seconds), valid for 5 minutes. */
export function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const now = Math.floor(Date.now() / 1000);
	return { iss: `orgId:${ORG}`, aud: `webhookId:${ZOHO_WEBHOOK_ID}`, iat: now, exp: now + 300, ...overrides };
}

export const jwks = (...keys: SigningKey[]) => ({ keys: keys.map((key) => key.jwk) });

/** One entry of a Zoho delivery array. */
export function zohoEvent(eventType: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return { eventType, orgId: ORG, eventTime: '1732700000000', payload, ...extra };
}

/** Zoho's signing key in the tests that are not about verification; already in the node's key cache. */
export const zohoKey = signingKey('zoho-key-1');

export interface Post {
	parameters?: Record<string, unknown>;
	/** Bytes on the wire when they differ from JSON of the body */
	rawBody?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	staticData?: IDataObject;
	/** Fields added to the Self Client credential, e.g. the webhook secret */
	credentialFields?: IDataObject;
}

/** A delivery to an activated Automatic-mode trigger, signed by Zoho (keys cached: no HTTP call). */
export async function post(body: unknown, request: Post = {}) {
	return await deliverWebhook({
		nodeType: 'zohoDeskTrigger',
		parameters: { mode: 'automatic', events: ['Ticket_Add'], ...request.parameters } as never,
		credentials: credentials(request.credentialFields),
		staticData: request.staticData ?? {
			[NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID, zohoDeskJwks: { keys: [zohoKey.jwk], fetchedAt: Date.now() } },
		},
		request: {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-zdesk-jwt': zohoJwt(zohoKey, validClaims()), ...request.headers },
			body,
			rawBody: request.rawBody,
			query: request.query,
		},
	});
}

/** What one webhook process remembers between requests (keys, deliveries seen); a new process starts empty. */
export function forgetProcessMemory(): void {
	forgetSigningKeys();
	forgetDeliveries();
}

/** The shared nock guard, and each test is a fresh webhook process. */
export function useNock(): void {
	useSharedNock();
	afterEach(forgetProcessMemory);
}
