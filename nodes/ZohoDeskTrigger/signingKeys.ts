import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';

import { checkClaims, decodeJwt, describe, signedBy } from './jwt';
import type { ClaimsCheck, Jwk } from './jwt';

/**
 * Zoho's signing keys (public, per data centre), kept in two places:
 * - the node's static data, so a new process or a restart finds them without a fetch. n8n loads static data
 *   from the database at the start of every webhook request and writes it back whole at the end, so requests
 *   running at the same time do not see each other's writes, and the last one to finish wins;
 * - this process's memory, which closes that gap within one webhook process: keys one request fetched are seen
 *   by every later request, and requests that need a fetch at the same time share one. It only ever saves calls
 *   to Zoho; nothing depends on it surviving (queue mode runs several webhook processes).
 * A fetch is attempted at most once a minute per data centre (successful or not, recorded in both places), so
 * forged tokens with made-up `kid`s cannot make us hammer Zoho, and a Zoho outage costs one call a minute.
 */
interface KeySet {
	keys: Jwk[];
	/** epoch ms of the last successful fetch (0: never) */
	fetchedAt: number;
	/** epoch ms of the last attempt, successful or not */
	attemptedAt: number;
}

export const JWKS_CACHE_KEY = 'zohoDeskJwks';
/** An unknown `kid` refetches the keys, but at most this often. */
export const JWKS_REFETCH_INTERVAL_MS = 60_000;
/** Keys are refreshed after a day even when known, so a key Zoho withdrew stops being trusted. */
export const JWKS_MAX_AGE_MS = 24 * 60 * 60_000;
/** Zoho wants an answer within 5 seconds; a slow key fetch must not eat all of it. */
const JWKS_TIMEOUT_MS = 3000;

const processKeys = new Map<string, KeySet>();
const fetchesInFlight = new Map<string, Promise<Jwk[]>>();

/** For tests: a new webhook process. */
export function forgetSigningKeys(): void {
	processKeys.clear();
	fetchesInFlight.clear();
}

function isJwks<T>(value: T): value is T & { keys: Jwk[] } {
	const keys = (value as { keys?: unknown } | null)?.keys;
	return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null && !Array.isArray(key));
}

function storedKeySet(staticData: IDataObject): KeySet | undefined {
	const stored = staticData[JWKS_CACHE_KEY] as Partial<KeySet> | undefined;
	if (!isJwks(stored) || typeof stored.fetchedAt !== 'number') return undefined;
	return { keys: stored.keys, fetchedAt: stored.fetchedAt, attemptedAt: Math.max(stored.fetchedAt, Number(stored.attemptedAt) || 0) };
}

/** What this process and the static data know together: the newer keys, the latest attempt. */
function knownKeySet(deskUrl: string, staticData: IDataObject): KeySet {
	const sets = [processKeys.get(deskUrl), storedKeySet(staticData)].filter((set): set is KeySet => set !== undefined);
	const newest = sets.reduce<KeySet | undefined>((a, b) => (a && a.fetchedAt >= b.fetchedAt ? a : b), undefined);
	return {
		keys: newest?.keys ?? [],
		fetchedAt: newest?.fetchedAt ?? 0,
		attemptedAt: Math.max(0, ...sets.map((set) => set.attemptedAt)),
	};
}

function remember(deskUrl: string, staticData: IDataObject, set: KeySet): void {
	processKeys.set(deskUrl, set);
	staticData[JWKS_CACHE_KEY] = set as unknown as IDataObject;
}

async function fetchJwks(ctx: IWebhookFunctions, deskUrl: string): Promise<Jwk[]> {
	const url = `${deskUrl}/.well-known/jwks.json`;
	const body: unknown = await ctx.helpers.httpRequest({ method: 'GET', url, json: true, timeout: JWKS_TIMEOUT_MS });
	if (!isJwks(body)) {
		throw new NodeApiError(ctx.getNode(), { body } as JsonObject, { message: `Zoho Desk served no JSON Web Key Set at ${url}` });
	}
	return body.keys;
}

/** One fetch per data centre at a time in this process; everyone who needs it waits for the same one. */
function sharedFetch(ctx: IWebhookFunctions, deskUrl: string): Promise<Jwk[]> {
	let fetch = fetchesInFlight.get(deskUrl);
	if (!fetch) {
		fetch = fetchJwks(ctx, deskUrl).finally(() => fetchesInFlight.delete(deskUrl));
		fetchesInFlight.set(deskUrl, fetch);
	}
	return fetch;
}

/** Keys that may have signed a token with this `kid` (all RSA keys when the token names none). */
function candidates(keys: Jwk[], kid: string | undefined): Jwk[] {
	return keys.filter((key) => key.kty === 'RSA' && (kid === undefined || key.kid === kid));
}

/** The keys for `kid`: cached ones, refetched when older than a day or lacking `kid` (at most once a minute). */
async function keysFor(ctx: IWebhookFunctions, deskUrl: string, kid: string | undefined): Promise<Jwk[]> {
	const staticData = ctx.getWorkflowStaticData('node');
	const known = knownKeySet(deskUrl, staticData);
	const now = Date.now();
	const matching = candidates(known.keys, kid);
	const keep = () => {
		// Keys this process holds and the static data lacks are shared with the other processes.
		if (storedKeySet(staticData)?.fetchedAt !== known.fetchedAt) remember(deskUrl, staticData, known);
		return matching;
	};
	if (matching.length > 0 && now - known.fetchedAt <= JWKS_MAX_AGE_MS) return keep();
	const inFlight = fetchesInFlight.get(deskUrl);
	if (!inFlight && now - known.attemptedAt <= JWKS_REFETCH_INTERVAL_MS) {
		if (known.keys.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `none fetched yet; the last attempt was at ${new Date(known.attemptedAt).toISOString()}`);
		}
		return keep();
	}
	// The attempt is recorded before the answer, so requests arriving meanwhile wait their minute too.
	if (!inFlight) remember(deskUrl, staticData, { ...known, attemptedAt: now });
	try {
		const keys = await (inFlight ?? sharedFetch(ctx, deskUrl));
		remember(deskUrl, staticData, { keys, fetchedAt: now, attemptedAt: now });
		return candidates(keys, kid);
	} catch (error) {
		remember(deskUrl, staticData, { ...known, attemptedAt: now });
		// Only a day-old cache that still knows the key can stand in for a failed refresh.
		if (matching.length === 0) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		ctx.logger.warn(`Zoho Desk Trigger: could not refresh Zoho's signing keys, using cached ones: ${(error as Error).message}`);
		return matching;
	}
}

export interface TokenExpectation {
	deskUrl: string;
	orgId: string;
	webhookId?: string;
}

/** Verifies an `X-ZDesk-JWT`; throws only when Zoho's keys cannot be had. */
export async function verifyZohoToken(ctx: IWebhookFunctions, token: string, expected: TokenExpectation): Promise<ClaimsCheck> {
	const jwt = decodeJwt(token);
	if (!jwt) return { ok: false, reason: 'X-ZDesk-JWT is not a well-formed JWT' };
	const { alg, kid } = jwt.header;
	if (alg !== 'RS256') return { ok: false, reason: `X-ZDesk-JWT uses ${describe(alg)}, not RS256` };
	if (kid !== undefined && typeof kid !== 'string') return { ok: false, reason: `X-ZDesk-JWT names the key ${describe(kid)}` };
	const keys = await keysFor(ctx, expected.deskUrl, kid);
	if (keys.length === 0) return { ok: false, reason: `Zoho publishes no key with kid ${describe(kid)}` };
	if (!keys.some((key) => signedBy(jwt, key))) return { ok: false, reason: 'the X-ZDesk-JWT signature is invalid' };
	return checkClaims(jwt.claims, { orgId: expected.orgId, webhookId: expected.webhookId, nowSeconds: Date.now() / 1000 });
}
