import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** Zoho's error body (Common.json#/components/schemas/errorJson) plus the extras some codes carry. */
export interface ZohoErrorBody {
	errorCode?: string;
	message?: string;
	errors?: Array<{ fieldName?: string; errorType?: string; errorMessage?: string }>;
	feature?: string;
	editionType?: string;
	maxAllowedEntity?: number | string;
}

/** What the user should do about each Zoho error code. */
const ADVICE: Record<string, string> = {
	INVALID_OAUTH:
		'The access token was rejected even after a refresh. Reconnect the credential (OAuth2) or paste a new Generated Code (Self Client).',
	UNAUTHORIZED:
		'The token is not valid on this Desk host. Check that the credential\'s data center is the one your portal lives in (desk.zoho.eu means Europe).',
	SCOPE_MISMATCH:
		'The token lacks a scope this call needs. Add it (see the README\'s scope list) to the credential\'s scopes, or generate a new Self Client code that includes it.',
	OAUTH_ORG_MISMATCH:
		'The Organization ID in the credential is not the portal this token was authorized for. Use the ID shown in Setup → Developer Space → API, or list your organizations with Organization → Get Many.',
	FORBIDDEN:
		'The Zoho Desk user behind the token is not allowed to do this. Check the user\'s profile permissions and department access in Zoho Desk.',
	LICENSE_ACCESS_LIMITED:
		'Your Zoho Desk edition does not allow this.',
	URL_NOT_FOUND: 'Zoho Desk has no such record or endpoint. Check the ID, and that the record was not deleted.',
	INVALID_DATA: 'Zoho Desk rejected a parameter.',
	UNPROCESSABLE_ENTITY: 'Zoho Desk rejected a parameter.',
	THRESHOLD_EXCEEDED:
		'The portal has used up its daily API credits (shared by every integration). They reset 24 hours after the first call of the day.',
	TOO_MANY_REQUESTS:
		'Zoho Desk kept refusing requests because too many ran at once for this portal. Lower the concurrency or run later.',
	INTERNAL_SERVER_ERROR: 'Zoho Desk failed while handling the request and kept failing after retries. Try again later.',
};

function describeZohoError(body: ZohoErrorBody, retryAfterSeconds?: number, scope?: string): string {
	const parts = [ADVICE[body.errorCode ?? ''] ?? ''];
	if (body.errorCode === 'SCOPE_MISMATCH' && scope) parts.push(`This operation needs the scope ${scope}.`);
	if (body.errors?.length) {
		parts.push(
			body.errors.map((e) => `${e.fieldName ?? 'field'}: ${e.errorMessage ?? e.errorType ?? 'invalid'}`).join('; '),
		);
	}
	if (body.errorCode === 'LICENSE_ACCESS_LIMITED' && body.feature) {
		parts.push(
			`Feature ${body.feature} on edition ${body.editionType ?? 'unknown'} allows at most ${body.maxAllowedEntity ?? 0}.`,
		);
	}
	if (body.errorCode === 'THRESHOLD_EXCEEDED' && retryAfterSeconds !== undefined) {
		const resetAt = new Date(Date.now() + retryAfterSeconds * 1000).toISOString();
		parts.push(`Credits are available again in about ${Math.ceil(retryAfterSeconds / 60)} minutes (${resetAt}).`);
	}
	return parts.filter(Boolean).join(' ');
}

/**
 * The Zoho error code, HTTP status and body behind an error the transport threw: its NodeApiErrors keep Zoho's
 * body as errorResponse and the status as httpCode.
 */
export function zohoErrorOf(error: unknown): { code?: string; status?: string; body: JsonObject } {
	const failure = error as { errorResponse?: JsonObject; httpCode?: string | null } | undefined;
	const body = failure?.errorResponse ?? {};
	return { code: typeof body.errorCode === 'string' ? body.errorCode : undefined, status: failure?.httpCode ?? undefined, body };
}

/**
 * Runs `call`, giving undefined instead when Zoho answers one of `codes` (e.g. SCOPE_MISMATCH, URL_NOT_FOUND).
 * Every other error goes on unchanged: the transport already made it a NodeApiError that says what to do.
 */
export async function ignoringZohoErrors<T>(codes: string[], call: () => Promise<T>): Promise<T | undefined> {
	let failure: unknown;
	try {
		return await call();
	} catch (error) {
		failure = error;
	}
	if (!codes.includes(String(zohoErrorOf(failure).code))) throw failure;
	return undefined;
}

export function isZohoErrorBody(body: unknown): body is ZohoErrorBody {
	return typeof body === 'object' && body !== null && typeof (body as ZohoErrorBody).errorCode === 'string';
}

/** True when a host answered with a web page: the usual sign of a wrong data center or Desk URL. */
export function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*</.test(body);
}

export interface FailedResponse {
	status: number;
	body: unknown;
	url: string;
	retryAfterSeconds?: number;
	/** The scope the call needs (named on SCOPE_MISMATCH) */
	scope?: string;
}

/** Turns a failed Zoho Desk response into an error whose message names the Zoho code and says what to do. */
export function zohoApiError(node: INode, failure: FailedResponse, itemIndex?: number): NodeApiError {
	const { status, body, url } = failure;
	const host = url.replace(/^(https?:\/\/[^/]+).*$/, '$1');
	if (isZohoErrorBody(body)) {
		return new NodeApiError(node, body as JsonObject, {
			httpCode: String(status),
			message: `Zoho Desk error ${body.errorCode}: ${body.message ?? 'no message'}`,
			description: describeZohoError(body, failure.retryAfterSeconds, failure.scope),
			itemIndex,
		});
	}
	const htmlHint = looksLikeHtml(body)
		? `${host} answered with a web page instead of the Desk API: the data center (or custom Desk URL) is probably wrong for this account.`
		: undefined;
	return new NodeApiError(node, { status, body: typeof body === 'string' ? body.slice(0, 500) : body } as JsonObject, {
		httpCode: String(status),
		message: `Zoho Desk answered HTTP ${status} for ${url.replace(/\?.*$/, '')}`,
		description: htmlHint,
		itemIndex,
	});
}
