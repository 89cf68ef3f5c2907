import { createPublicKey, verify } from 'crypto';
import type { JsonWebKey } from 'crypto';

/**
 * Zoho Desk signs every webhook delivery with `X-ZDesk-JWT`: RS256, `kid` in the header, issuer
 * `orgId:<org>`, audience `webhookId:<webhook>`. The body itself is not signed. Only node:crypto is used.
 */
export interface Jwk {
	kty?: string;
	kid?: string;
	alg?: string;
	use?: string;
	n?: string;
	e?: string;
}

export interface DecodedJwt {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
	signingInput: string;
	signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const AUDIENCE = /^webhookId:(\d+)$/;
const ISSUER = /^orgId:(\d+)$/;

/**
 * The longest validity we accept, `exp − iat`. Zoho's webhook documentation names `iat` and `exp` but gives no
 * lifetime; integrators who verified live tokens report that they expire minutes after they were issued, and the
 * tokens Zoho Desk itself accepts from customers (ASAP JWT sign-in) may be valid for at most 10 minutes. A token
 * valid for longer was not minted for a delivery.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 10 * 60;
/** Clocks of Zoho and n8n may disagree by this much. */
export const CLOCK_SKEW_SECONDS = 60;

/** A value for a log line; never throws (an object's own toString may be anything). */
export function describe(value: unknown): string {
	if (typeof value === 'string') return value.slice(0, 100);
	try {
		return String(JSON.stringify(value)).slice(0, 100);
	} catch {
		return typeof value;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePart(part: string): unknown {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** The token's parts, or undefined when it is not a well-formed JWS compact token. */
export function decodeJwt(token: string): DecodedJwt | undefined {
	const parts = token.trim().split('.');
	if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
	let header: unknown;
	let claims: unknown;
	try {
		header = decodePart(parts[0]);
		claims = decodePart(parts[1]);
	} catch {
		return undefined; // not JSON inside: a malformed token, reported as such by the caller
	}
	if (!isObject(header) || !isObject(claims)) return undefined;
	return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
}

/** True when `jwk` is an RSA public key under which the token's RS256 signature is valid. */
export function signedBy(jwt: DecodedJwt, jwk: Jwk): boolean {
	if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) return false;
	try {
		const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
		return verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
	} catch {
		return false; // a key that does not load cannot have signed anything
	}
}

/**
 * A JWT time as epoch seconds. Zoho's docs say `iat`/`exp` are milliseconds while their example uses seconds;
 * a value above 1e11 is a date after the year 5000 in seconds, so it can only be milliseconds.
 */
export function epochSeconds(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
	return number > 1e11 ? number / 1000 : number;
}

export interface ExpectedClaims {
	orgId: string;
	/**
	 * The webhook the token must be addressed to. Undefined accepts any webhook of the organization: only for a
	 * caller that already proved the secret token, where the signature is checked so a forged one never passes.
	 */
	webhookId?: string;
	nowSeconds: number;
}

export type ClaimsCheck = { ok: true; webhookId: string; orgId: string; expiresAt: number } | { ok: false; reason: string };

/** Issuer, audience and validity window of a Zoho webhook token. */
export function checkClaims(claims: Record<string, unknown>, expected: ExpectedClaims): ClaimsCheck {
	const orgId = typeof claims.iss === 'string' ? ISSUER.exec(claims.iss)?.[1] : undefined;
	if (orgId !== expected.orgId) return { ok: false, reason: `issuer is ${describe(claims.iss)}, not orgId:${expected.orgId}` };
	const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	const webhookIds = audiences.map((aud) => (typeof aud === 'string' ? AUDIENCE.exec(aud)?.[1] : undefined));
	const webhookId = webhookIds.find((id) => id !== undefined && (expected.webhookId === undefined || id === expected.webhookId));
	if (webhookId === undefined) {
		return { ok: false, reason: `audience ${describe(claims.aud)} is not webhookId:${expected.webhookId ?? '<any>'}` };
	}

	const { nowSeconds: now } = expected;
	const exp = epochSeconds(claims.exp);
	const iat = epochSeconds(claims.iat);
	if (exp === undefined) return { ok: false, reason: 'the token has no expiry' };
	if (iat === undefined) return { ok: false, reason: 'the token has no issue time' };
	if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) {
		return { ok: false, reason: `the token is valid for ${Math.round(exp - iat)} s; Zoho issues tokens for minutes` };
	}
	if (exp + CLOCK_SKEW_SECONDS < now) return { ok: false, reason: `the token expired at ${new Date(exp * 1000).toISOString()}` };
	const notBefore = epochSeconds(claims.nbf) ?? iat;
	if (notBefore - CLOCK_SKEW_SECONDS > now) return { ok: false, reason: 'the token is not valid yet' };
	if (now - iat > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'the token was issued too long ago' };
	return { ok: true, webhookId, orgId, expiresAt: exp };
}
