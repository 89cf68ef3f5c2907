import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { resolveHosts } from './dataCenters';
import { isZohoErrorBody, looksLikeHtml, zohoApiError } from './errors';

/** Every n8n context our nodes call Zoho Desk from. */
export type ZohoDeskContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPES = {
	selfClient: 'zohoDeskSelfClientApi',
	oAuth2: 'zohoDeskOAuth2Api',
} as const;

export type Authentication = keyof typeof CREDENTIAL_TYPES;

/** The authentication choice every Zoho Desk node offers; the transport reads it to pick the credential. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Self Client (Generated Code)', value: 'selfClient' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'selfClient',
};

export const credentialDescriptions: INodeCredentialDescription[] = [
	{ name: CREDENTIAL_TYPES.selfClient, required: true, displayOptions: { show: { authentication: ['selfClient'] } } },
	{ name: CREDENTIAL_TYPES.oAuth2, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

export interface ZohoDeskRequest {
	method?: IHttpRequestMethods;
	/** Path under /api/v1, e.g. `/tickets` */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Every Desk call carries the orgId header except the organization discovery call. */
	withOrgId?: boolean;
	itemIndex?: number;
}

export interface ZohoDeskResponse<T> {
	statusCode: number;
	/** undefined for HTTP 204 (Zoho's empty list) */
	body: T | undefined;
	/** Credits this call cost and credits left today, when Zoho says so. */
	credits: { used?: number; remaining?: number };
}

/** Bounded retries for what Zoho says is temporary: concurrency 429s, 5xx and dropped connections. */
export const RETRY_POLICY = { attempts: 6, firstDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
]);

function authentication(ctx: ZohoDeskContext): Authentication {
	const value =
		'getInputData' in ctx
			? (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'selfClient')
			: (ctx as IPollFunctions).getNodeParameter('authentication', 'selfClient');
	return value === 'oAuth2' ? 'oAuth2' : 'selfClient';
}

export function credentialTypeOf(ctx: ZohoDeskContext): string {
	return CREDENTIAL_TYPES[authentication(ctx)];
}

/** The Desk API base URL and orgId of the node's credential. */
export async function connectionOf(ctx: ZohoDeskContext): Promise<{ apiUrl: string; deskUrl: string; orgId: string }> {
	const credentials = await ctx.getCredentials(credentialTypeOf(ctx));
	const { desk } = resolveHosts(credentials);
	return { apiUrl: `${desk}/api/v1`, deskUrl: desk, orgId: String(credentials.orgId ?? '').trim() };
}

interface HttpFailure {
	status?: number;
	body?: unknown;
	headers: Record<string, unknown>;
	networkCode?: string;
}

/** n8n wraps request errors (often twice); find the HTTP response or the socket error underneath. */
function unwrapFailure(error: unknown): HttpFailure | undefined {
	let current = error as { cause?: unknown; response?: unknown; code?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response as
			| { status?: number; statusCode?: number; data?: unknown; body?: unknown; headers?: Record<string, unknown> }
			| undefined;
		if (response && typeof response === 'object' && (response.status ?? response.statusCode)) {
			return {
				status: response.status ?? response.statusCode,
				body: response.data ?? response.body,
				headers: response.headers ?? {},
			};
		}
		// n8n-core's httpRequestWithAuthentication rethrows as a NodeApiError that keeps only the status (httpCode,
		// or the socket error code) and the response body (context.data): no cause, no headers.
		const wrapped = current as { httpCode?: unknown; context?: { data?: unknown } };
		if (typeof wrapped.httpCode === 'string' && /^\d{3}$/.test(wrapped.httpCode)) {
			return { status: Number(wrapped.httpCode), body: wrapped.context?.data, headers: {} };
		}
		const code = [current.code, wrapped.httpCode].find((value): value is string => typeof value === 'string');
		if (code && TRANSIENT_NETWORK_CODES.has(code)) return { headers: {}, networkCode: code };
		if (typeof current.message === 'string' && /socket hang up/i.test(current.message)) {
			return { headers: {}, networkCode: 'ECONNRESET' };
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function creditsOf(headers: Record<string, unknown>): ZohoDeskResponse<unknown>['credits'] {
	const used = Number(header(headers, 'x-rate-limit-request-weight-v3'));
	const remaining = Number(header(headers, 'x-rate-limit-remaining-v3'));
	return {
		used: Number.isFinite(used) ? used : undefined,
		remaining: Number.isFinite(remaining) ? remaining : undefined,
	};
}

/** How long to wait before retrying this failure, or undefined when it must not be retried. */
function retryDelayMs(failure: HttpFailure, attempt: number): number | undefined {
	const backoff = Math.min(RETRY_POLICY.firstDelayMs * 2 ** (attempt - 1), RETRY_POLICY.maxDelayMs);
	if (failure.networkCode) return backoff;
	const errorCode = isZohoErrorBody(failure.body) ? failure.body.errorCode : undefined;
	if (failure.status === 429) {
		if (errorCode === 'THRESHOLD_EXCEEDED') return undefined; // daily credits: retrying only burns time
		const requested = retryAfterMs(failure.headers);
		if (requested !== undefined && requested > RETRY_POLICY.maxRetryAfterMs) return undefined;
		return requested ?? backoff;
	}
	if (failure.status !== undefined && failure.status >= 500) return backoff;
	return undefined;
}

/**
 * The one way our nodes talk to Zoho Desk: base URL from the credential's data center, orgId header,
 * authentication by n8n (which refreshes the token on 401), bounded retries, 204 as an empty body, and
 * Zoho error bodies turned into errors that say what to do.
 */
export async function zohoDeskRequest<T = IDataObject>(
	this: ZohoDeskContext,
	request: ZohoDeskRequest,
): Promise<ZohoDeskResponse<T>> {
	const { apiUrl, orgId } = await connectionOf(this);
	const url = `${apiUrl}${request.path}`;
	const options: IHttpRequestOptions = {
		method: request.method ?? 'GET',
		url,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		headers: request.withOrgId === false ? {} : { orgId },
	};
	const credentialType = credentialTypeOf(this);
	// Zoho wants the OAuth2 client credentials in the refresh request body, not as Basic auth.
	const additional = { oauth2: { includeCredentialsOnRefreshOnBody: true } };

	for (let attempt = 1; ; attempt++) {
		let response: { statusCode: number; body: unknown; headers: Record<string, unknown> } | undefined;
		let failure: HttpFailure | undefined;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				{ ...options, headers: { ...options.headers } },
				additional,
			)) as typeof response;
		} catch (error) {
			failure = unwrapFailure(error);
			// Not an HTTP or socket failure (e.g. the credential could not get a token): nothing to add.
			if (!failure) throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: request.itemIndex });
			const delay = attempt < RETRY_POLICY.attempts ? retryDelayMs(failure, attempt) : undefined;
			if (delay !== undefined) {
				await sleep(delay);
				continue;
			}
			if (failure.networkCode) {
				throw new NodeApiError(this.getNode(), error as JsonObject, {
					message: `Could not reach Zoho Desk at ${apiUrl} (${failure.networkCode}) after ${attempt} attempts`,
					itemIndex: request.itemIndex,
				});
			}
		}
		if (failure) {
			const retryAfter = retryAfterMs(failure.headers);
			throw zohoApiError(
				this.getNode(),
				{
					status: failure.status ?? 0,
					body: failure.body,
					url,
					retryAfterSeconds: retryAfter === undefined ? undefined : Math.round(retryAfter / 1000),
				},
				request.itemIndex,
			);
		}
		const { statusCode, headers } = response!;
		const body = statusCode === 204 || response!.body === '' ? undefined : response!.body;
		if (looksLikeHtml(body)) {
			throw zohoApiError(this.getNode(), { status: statusCode, body, url }, request.itemIndex);
		}
		return { statusCode, body: body as T | undefined, credits: creditsOf(headers ?? {}) };
	}
}

/** The body of a Zoho Desk call (undefined for 204). */
export async function zohoDeskApi<T = IDataObject>(
	this: ZohoDeskContext,
	request: ZohoDeskRequest,
): Promise<T | undefined> {
	return (await zohoDeskRequest.call(this, request)).body as T | undefined;
}

export interface PageRequest extends ZohoDeskRequest {
	/** The endpoint's maximum `limit`. */
	pageSize: number;
	/** Stop once this many records were yielded; undefined reads to the end. */
	limit?: number;
	/** First offset; Zoho's spec says `from` counts from 0. */
	from?: number;
	/** The endpoint's largest accepted `from` (ticket search: 999); paging stops there. */
	maxFrom?: number;
	/** Sees each page's whole body (e.g. search's `count`) before its records are yielded; may throw. */
	inspectPage?: (body: IDataObject | undefined, from: number) => void;
}

/**
 * Offset pagination for every list endpoint: `from`/`limit` at the endpoint's page maximum, stopping on 204,
 * on a short page, or as soon as `limit` records were read, so no page is fetched that is not needed.
 * Records are de-duplicated by id, so a record that shifts between pages is never yielded twice.
 */
export async function* paginate(this: ZohoDeskContext, request: PageRequest): AsyncGenerator<IDataObject[]> {
	const seen = new Set<string>();
	let from = request.from ?? 0;
	let yielded = 0;
	while ((request.limit === undefined || yielded < request.limit) && from <= (request.maxFrom ?? Infinity)) {
		const size = request.limit === undefined ? request.pageSize : Math.min(request.pageSize, request.limit - yielded);
		const call: ZohoDeskRequest = { ...request, qs: { ...request.qs, from, limit: size } };
		const body = (await zohoDeskApi.call(this, call)) as
			| { data?: IDataObject[] }
			| undefined;
		request.inspectPage?.(body, from);
		const rows = body?.data ?? [];
		const fresh = rows.filter((row) => {
			const id = row.id === undefined ? undefined : String(row.id);
			if (id === undefined) return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		const page = request.limit === undefined ? fresh : fresh.slice(0, request.limit - yielded);
		if (page.length) yield page;
		yielded += page.length;
		if (rows.length < size) return;
		from += rows.length;
	}
}

/** All records of a paginated request (up to `limit`). */
export async function collect(this: ZohoDeskContext, request: PageRequest): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for await (const page of paginate.call(this, request)) records.push(...page);
	return records;
}
