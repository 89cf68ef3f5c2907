import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';

import { checkClaims, decodeJwt, signedBy } from './jwt';
import type { ClaimsCheck, Jwk } from './jwt';

/**
 * Zoho's signing keys, cached in the node's static data (not module memory: in queue mode another process may
 * receive the next delivery). Once cached, checking a delivery costs no HTTP call.
 */
interface JwksCache {
	keys: Jwk[];
	/** epoch ms */
	fetchedAt: number;
}

export const JWKS_CACHE_KEY = 'zohoDeskJwks';
/** An unknown `kid` refetches the keys, but at most this often, so forged kids cannot make us hammer Zoho. */
export const JWKS_REFETCH_INTERVAL_MS = 60_000;
/** Keys are refreshed after a day even when known, so a key Zoho withdrew stops being trusted. */
export const JWKS_MAX_AGE_MS = 24 * 60 * 60_000;
/** Zoho wants an answer within 5 seconds; a slow key fetch must not eat all of it. */
const JWKS_TIMEOUT_MS = 3000;
const CLOCK_SKEW_SECONDS = 60;

function isJwks(value: unknown): value is { keys: Jwk[] } {
	const keys = (value as { keys?: unknown } | null)?.keys;
	return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null);
}

async function fetchJwks(ctx: IWebhookFunctions, deskUrl: string): Promise<JwksCache> {
	const url = `${deskUrl}/.well-known/jwks.json`;
	const body: unknown = await ctx.helpers.httpRequest({ method: 'GET', url, json: true, timeout: JWKS_TIMEOUT_MS });
	if (!isJwks(body)) {
		throw new NodeApiError(ctx.getNode(), { body } as JsonObject, {
			message: `Zoho Desk served no JSON Web Key Set at ${url}`,
		});
	}
	return { keys: body.keys, fetchedAt: Date.now() };
}

function cacheOf(staticData: IDataObject): JwksCache | undefined {
	const cache = staticData[JWKS_CACHE_KEY] as JwksCache | undefined;
	return cache && isJwks(cache) && typeof cache.fetchedAt === 'number' ? cache : undefined;
}

/** Keys that may have signed a token with this `kid` (all RSA keys when the token names none). */
function candidates(cache: JwksCache | undefined, kid: unknown): Jwk[] {
	return (cache?.keys ?? []).filter((key) => key.kty === 'RSA' && (kid === undefined || key.kid === kid));
}

/** The cached keys, refetched when missing, older than a day, or lacking `kid` (throttled). */
async function keysFor(ctx: IWebhookFunctions, deskUrl: string, kid: unknown): Promise<Jwk[]> {
	const staticData = ctx.getWorkflowStaticData('node');
	const cache = cacheOf(staticData);
	const age = cache ? Date.now() - cache.fetchedAt : Infinity;
	const known = candidates(cache, kid);
	const refetch = age > JWKS_MAX_AGE_MS || (known.length === 0 && age > JWKS_REFETCH_INTERVAL_MS);
	if (!refetch) return known;
	try {
		const fresh = await fetchJwks(ctx, deskUrl);
		staticData[JWKS_CACHE_KEY] = fresh as unknown as IDataObject;
		return candidates(fresh, kid);
	} catch (error) {
		// Only a day-old cache that still knows the key can stand in for a failed refresh.
		if (known.length === 0) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		ctx.logger.warn(`Zoho Desk Trigger: could not refresh Zoho's signing keys, using cached ones: ${(error as Error).message}`);
		return known;
	}
}

export interface TokenExpectation {
	deskUrl: string;
	orgId: string;
	webhookId?: string;
}

/** Verifies an `X-ZDesk-JWT`; throws only when Zoho's keys cannot be fetched. */
export async function verifyZohoToken(
	ctx: IWebhookFunctions,
	token: string,
	expected: TokenExpectation,
): Promise<ClaimsCheck> {
	const jwt = decodeJwt(token);
	if (!jwt) return { ok: false, reason: 'X-ZDesk-JWT is not a well-formed JWT' };
	if (jwt.header.alg !== 'RS256') return { ok: false, reason: `X-ZDesk-JWT uses ${String(jwt.header.alg)}, not RS256` };
	const keys = await keysFor(ctx, expected.deskUrl, jwt.header.kid);
	if (keys.length === 0) return { ok: false, reason: `Zoho publishes no key with kid ${String(jwt.header.kid)}` };
	if (!keys.some((key) => signedBy(jwt, key))) return { ok: false, reason: 'the X-ZDesk-JWT signature is invalid' };
	return checkClaims(jwt.claims, {
		orgId: expected.orgId,
		webhookId: expected.webhookId,
		nowSeconds: Date.now() / 1000,
		skewSeconds: CLOCK_SKEW_SECONDS,
	});
}
