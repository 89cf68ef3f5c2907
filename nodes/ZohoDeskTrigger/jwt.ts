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
	header: { alg?: unknown; kid?: unknown };
	claims: Record<string, unknown>;
	signingInput: string;
	signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const AUDIENCE = /^webhookId:(\d+)$/;

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
	/** The webhook the token must be addressed to; undefined accepts any webhook of the organization. */
	webhookId?: string;
	nowSeconds: number;
	skewSeconds: number;
}

export type ClaimsCheck = { ok: true; webhookId: string } | { ok: false; reason: string };

/** Issuer, audience and validity window of a Zoho webhook token. */
export function checkClaims(claims: Record<string, unknown>, expected: ExpectedClaims): ClaimsCheck {
	const issuer = `orgId:${expected.orgId}`;
	if (claims.iss !== issuer) return { ok: false, reason: `issuer is ${String(claims.iss)}, not ${issuer}` };
	const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((aud) => typeof aud === 'string');
	const webhookIds = audiences.map((aud) => AUDIENCE.exec(aud)?.[1]).filter((id): id is string => id !== undefined);
	const webhookId = expected.webhookId === undefined ? webhookIds[0] : webhookIds.find((id) => id === expected.webhookId);
	if (webhookId === undefined) {
		const wanted = expected.webhookId === undefined ? 'a webhook' : `webhookId:${expected.webhookId}`;
		return { ok: false, reason: `audience ${JSON.stringify(claims.aud)} is not ${wanted}` };
	}
	const { nowSeconds: now, skewSeconds: skew } = expected;
	const exp = epochSeconds(claims.exp);
	if (exp === undefined) return { ok: false, reason: 'the token has no expiry' };
	if (exp + skew < now) return { ok: false, reason: `the token expired at ${new Date(exp * 1000).toISOString()}` };
	const notBefore = epochSeconds(claims.nbf) ?? epochSeconds(claims.iat);
	if (notBefore !== undefined && notBefore - skew > now) return { ok: false, reason: 'the token is not valid yet' };
	return { ok: true, webhookId };
}
