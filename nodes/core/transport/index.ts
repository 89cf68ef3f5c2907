import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IHttpRequestMethods,
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

/** Each way to sign in that every Zoho Desk node offers: the option value saved in workflows, and its credential. */
const AUTHENTICATIONS = [
	{ name: 'Self Client (Generated Code)', value: 'selfClient', credential: 'zohoDeskSelfClientApi' },
	{ name: 'OAuth2', value: 'oAuth2', credential: 'zohoDeskOAuth2Api' },
] as const;

/** The authentication choice every Zoho Desk node offers; the transport reads it to pick the credential. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: AUTHENTICATIONS.map(({ name, value }) => ({ name, value })),
	default: 'selfClient',
};

export const credentialDescriptions: INodeCredentialDescription[] = AUTHENTICATIONS.map(({ value, credential }) => ({
	name: credential,
	required: true,
	displayOptions: { show: { authentication: [value] } },
}));

export interface ZohoDeskRequest {
	method?: IHttpRequestMethods;
	/** Path under /api/v1, e.g. `/tickets` */
	path: string;
	qs?: IDataObject;
	/** JSON, or a multipart/form-data upload (its boundary header is set when it is sent) */
	body?: IDataObject | FormData;
	/**
	 * The answer is a file: it comes back as a stream of its bytes (n8n's `encoding: 'stream'`), never held whole. The
	 * per-attempt timeout also ends a transfer that stalls for that long.
	 */
	streamResponse?: boolean;
	/** Every Desk call carries the orgId header except the organization discovery call. */
	withOrgId?: boolean;
	itemIndex?: number;
	/**
	 * For a POST: finds out, after a failure that leaves it unknown whether Zoho applied the request, what the POST
	 * made (returned as its response body), or undefined when it made nothing and may be sent again. Without it,
	 * such a POST fails at once (see retry rule below).
	 */
	findApplied?: () => Promise<unknown>;
	/** The scope this call needs, named in the error when Zoho answers SCOPE_MISMATCH (Zoho's message does not) */
	scope?: string;
	/** Tags the change for Zoho's webhook `ignoreSourceId`: webhooks ignoring this id are not told of it */
	sourceId?: string;
}

export interface ZohoDeskResponse<T> {
	statusCode: number;
	/** undefined for HTTP 204 (Zoho's empty list) */
	body: T | undefined;
	/** Credits this call cost, when Zoho says so (X-Rate-Limit-Request-Weight-v3) */
	credits?: number;
	/** Response headers (a download's Content-Type and Content-Disposition) */
	headers?: Record<string, unknown>;
}

/**
 * Bounded retries for what Zoho says is temporary: concurrency 429s, 5xx and dropped connections. Each attempt
 * times out (n8n's own default is 300 s) and one call's attempts and waits together stay within the budget.
 */
export const RETRY_POLICY = {
	attempts: 6,
	firstDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	timeoutMs: 60_000,
	budgetMs: 180_000,
};

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
]);

/** Network failures that happen before a request leaves: Zoho cannot have acted on it. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

export function credentialTypeOf(ctx: ZohoDeskContext): string {
	const value =
		'getInputData' in ctx
			? (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'selfClient')
			: (ctx as IPollFunctions).getNodeParameter('authentication', 'selfClient');
	return (AUTHENTICATIONS.find((choice) => choice.value === value) ?? AUTHENTICATIONS[0]).credential;
}

/** The Desk API base URL and orgId of the node's credential. */
export async function connectionOf(ctx: ZohoDeskContext): Promise<{ apiUrl: string; deskUrl: string; orgId: string }> {
	const credentials = await ctx.getCredentials(credentialTypeOf(ctx));
	// Zoho answers a failed code exchange with HTTP 200, so n8n reports "connected" and stores the error as the token.
	const tokenError = (credentials.oauthTokenData as IDataObject | undefined)?.error;
	if (tokenError) {
		throw new NodeOperationError(ctx.getNode(), `The Zoho Desk OAuth2 connection failed: Zoho answered "${String(tokenError)}"`, {
			description:
				'Check the Client Secret, the data center (and that Multi-DC is enabled for it in the API Console), then click Connect my account again.',
		});
	}
	const { desk } = resolveHosts(credentials);
	return { apiUrl: `${desk}/api/v1`, deskUrl: desk, orgId: String(credentials.orgId ?? '').trim() };
}

interface HttpFailure {
	status?: number;
	body?: unknown;
	headers: Record<string, unknown>;
	networkCode?: string;
}

/**
 * What a thrown request error tells us. n8n wraps failures in a NodeApiError that keeps the status
 * (`httpCode`, or the socket error code there) and the JSON body (`context.data`) but not the headers.
 */
function failureFromError(error: unknown): HttpFailure | undefined {
	const wrapped = error as {
		httpCode?: unknown;
		cause?: { code?: unknown };
		context?: { data?: unknown };
		message?: unknown;
		messages?: unknown;
	};
	const causeCode = typeof wrapped.cause?.code === 'string' ? wrapped.cause.code : '';
	const httpCode = wrapped.httpCode === undefined || wrapped.httpCode === null ? '' : String(wrapped.httpCode);
	const code = TRANSIENT_NETWORK_CODES.has(causeCode) ? causeCode : httpCode;
	const messages = [wrapped.message, ...(Array.isArray(wrapped.messages) ? wrapped.messages : [])].join(' ');
	if (TRANSIENT_NETWORK_CODES.has(code) || /socket hang up/i.test(messages)) {
		return { headers: {}, networkCode: code || 'ECONNRESET' };
	}
	if (/^\d{3}$/.test(code)) return { status: Number(code), body: wrapped.context?.data, headers: {} };
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

function creditsOf(headers: Record<string, unknown>): number | undefined {
	const used = Number(header(headers, 'x-rate-limit-request-weight-v3'));
	return Number.isFinite(used) ? used : undefined;
}

/**
 * Whether Zoho may have acted on a request that failed this way: a 5xx or a connection lost after sending can
 * come after the change was made; a 429, a 4xx or a refused connection cannot.
 */
function mayHaveBeenApplied(failure: HttpFailure): boolean {
	if (failure.networkCode) return !NOT_SENT_NETWORK_CODES.has(failure.networkCode);
	return failure.status !== undefined && failure.status >= 500;
}

function failureSummary(failure: HttpFailure): string {
	if (failure.networkCode) return `the connection failed (${failure.networkCode}) after the request was sent`;
	const errorCode = isZohoErrorBody(failure.body) ? ` ${failure.body.errorCode}` : '';
	return `Zoho Desk answered HTTP ${failure.status}${errorCode}`;
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

type FullResponse = { statusCode: number; body: unknown; headers: Record<string, unknown> };

/**
 * The one way our nodes talk to Zoho Desk: base URL from the credential's data center, orgId header,
 * authentication by n8n (which refreshes the token on 401), a timeout per attempt, bounded retries, 204 as an
 * empty body, and Zoho error bodies turned into errors that say what to do.
 *
 * Retry rule (never write twice): GET, PUT, PATCH and DELETE are retried on 429, 5xx and network failures. A POST
 * is retried only when Zoho certainly did not act on it (429, a refused connection). After a failure that leaves
 * it unknown (5xx, a connection lost or timed out after sending) it fails at once with an error saying the change
 * may or may not have been applied, unless the request brings `findApplied` to find out.
 */
export async function zohoDeskRequest<T = IDataObject>(
	this: ZohoDeskContext,
	request: ZohoDeskRequest,
): Promise<ZohoDeskResponse<T>> {
	const { apiUrl, orgId } = await connectionOf(this);
	const url = `${apiUrl}${request.path}`;
	const method = request.method ?? 'GET';
	const credentialType = credentialTypeOf(this);
	const startedAt = Date.now();
	const remainingMs = () => RETRY_POLICY.budgetMs - (Date.now() - startedAt);
	// Statuses come back as responses so that Retry-After and credit headers stay readable, except 401: it must
	// throw inside n8n's helper, which is what makes n8n refresh the token and retry.
	const send = async (ignoreHttpStatusErrors: IHttpRequestOptions['ignoreHttpStatusErrors']): Promise<FullResponse> =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			{
				method,
				url,
				qs: request.qs,
				body: request.body,
				json: !request.streamResponse,
				...(request.streamResponse ? { encoding: 'stream' as const } : {}),
				returnFullResponse: true,
				ignoreHttpStatusErrors,
				headers: {
					...(request.withOrgId === false ? {} : { orgId }),
					...(request.sourceId ? { sourceId: request.sourceId } : {}),
				},
				timeout: Math.max(1, Math.min(RETRY_POLICY.timeoutMs, remainingMs())),
			},
			// Zoho wants the OAuth2 client credentials in the refresh request body, not as Basic auth.
			{ oauth2: { includeCredentialsOnRefreshOnBody: true } },
		)) as FullResponse;

	for (let attempt = 1; ; attempt++) {
		let response: FullResponse | undefined;
		let failure: HttpFailure | undefined;
		try {
			response = await send({ ignore: true, except: [401] });
			// n8n versions without `except` hand the 401 back: ask again the way that refreshes (a 401 changed nothing).
			if (response.statusCode === 401) {
				await jsonOf(response.body); // a download's error stream is read to its end, freeing the connection
				response = await send(false);
			}
		} catch (error) {
			failure = failureFromError(error);
			if (!failure) throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: request.itemIndex });
		}
		if (response && response.statusCode < 400) {
			const body = response.statusCode === 204 || response.body === '' ? undefined : response.body;
			if (looksLikeHtml(body)) throw zohoApiError(this.getNode(), { status: response.statusCode, body, url }, request.itemIndex);
			const headers = response.headers ?? {};
			return { statusCode: response.statusCode, body: body as T | undefined, credits: creditsOf(headers), headers };
		}
		failure ??= { status: response?.statusCode, body: await jsonOf(response?.body), headers: response?.headers ?? {} };
		if (method === 'POST' && mayHaveBeenApplied(failure)) {
			const applied = await findAppliedOrFail(this, request, failureSummary(failure));
			if (applied !== undefined) return { statusCode: 200, body: applied as T };
		}
		const delay = attempt < RETRY_POLICY.attempts ? retryDelayMs(failure, attempt) : undefined;
		if (delay !== undefined && delay < remainingMs()) {
			await sleep(delay);
			continue;
		}
		if (failure.networkCode) {
			throw new NodeApiError(this.getNode(), { code: failure.networkCode } as JsonObject, {
				message: `Could not reach Zoho Desk at ${apiUrl} (${failure.networkCode}) after ${attempt} attempts`,
				itemIndex: request.itemIndex,
			});
		}
		const retryAfter = retryAfterMs(failure.headers);
		throw zohoApiError(
			this.getNode(),
			{
				status: failure.status ?? 0,
				body: failure.body,
				url,
				retryAfterSeconds: retryAfter === undefined ? undefined : Math.round(retryAfter / 1000),
				scope: request.scope,
			},
			request.itemIndex,
		);
	}
}

/** An error answer to a file download is a stream too: Zoho's JSON error read from it, when it is JSON. */
async function jsonOf(body: unknown): Promise<unknown> {
	if (!isStream(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A response body as a stream: the type n8n's prepareBinaryData takes (node code may not import `stream`). */
export type ByteStream = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

const isStream = (body: unknown): body is ByteStream =>
	typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';


/**
 * After a POST failed in a way that leaves its outcome unknown: what the request's own lookup finds, or an error
 * that says the change may or may not have been applied (it is not sent again, so it cannot happen twice).
 */
async function findAppliedOrFail(ctx: ZohoDeskContext, request: ZohoDeskRequest, summary: string): Promise<unknown> {
	const maybeApplied = (detail: string) => {
		const message = `The change may or may not have been applied in Zoho Desk: ${summary}`;
		const error = new NodeApiError(ctx.getNode(), { summary } as JsonObject, {
			message,
			description: `${detail} Check in Zoho Desk whether it was applied before running this item again.`,
			itemIndex: request.itemIndex,
		});
		// Again: NodeApiError swaps a message naming a network code (ECONNRESET) for its generic text.
		error.message = message;
		error.context.outcomeUnknown = summary;
		return error;
	};
	if (!request.findApplied) throw maybeApplied('It was not sent again, so that it cannot be applied twice.');
	try {
		return await request.findApplied();
	} catch (error) {
		throw maybeApplied(`Looking it up failed too (${(error as Error).message}).`);
	}
}

/**
 * When `error` is the transport's "may or may not have been applied" (a POST whose outcome is unknown): what
 * happened to it (e.g. "the connection failed (ECONNRESET) after the request was sent"); otherwise undefined.
 */
export function outcomeUnknown(error: unknown): string | undefined {
	const summary = (error as { context?: IDataObject } | undefined)?.context?.outcomeUnknown;
	return typeof summary === 'string' ? summary : undefined;
}

/** The body of a Zoho Desk call (undefined for 204). */
export async function zohoDeskApi<T = IDataObject>(
	this: ZohoDeskContext,
	request: ZohoDeskRequest,
): Promise<T | undefined> {
	return (await zohoDeskRequest.call(this, request)).body as T | undefined;
}
