import { ApplicationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

interface ZohoTokenResponse {
	access_token?: string;
	refresh_token?: string;
	api_domain?: string;
	expires_in?: number;
	error?: string;
	error_description?: string;
}

type Grant = 'authorization_code' | 'refresh_token';

/** What each accounts-server error means for a Self Client user, and what to do about it. */
function explainTokenError(code: string, grant: Grant, accountsUrl: string): string {
	switch (code) {
		case 'invalid_code':
			return grant === 'authorization_code'
				? 'Zoho rejected the Generated Code (invalid_code): it has expired (codes last 3 to 10 minutes), was already used, or was generated in another data center. Generate a new code in the API Console (Self Client → Generate Code), paste it and save within its validity.'
				: 'Zoho rejected the Refresh Token (invalid_code): it was revoked, or it belongs to another client or data center. Generate a new code in the API Console (Self Client → Generate Code), paste it into Generated Code and clear the Refresh Token field.';
		case 'invalid_client':
			return `Zoho does not know this Client ID at ${accountsUrl} (invalid_client). Choose the data center where you created the Self Client (the API Console domain you used, e.g. api-console.zoho.eu means Europe), and check the Client ID.`;
		case 'invalid_client_secret':
			return 'Zoho rejected the Client Secret (invalid_client_secret). Copy it again from the Client Secret tab of your Self Client in the API Console.';
		case 'access_denied':
		case 'Access Denied':
			return 'Zoho is refusing new access tokens for now (Access Denied): one refresh token can create at most 10 access tokens in 10 minutes. Wait a few minutes and run again; avoid many credentials or workflows refreshing the same token at once.';
		default:
			return `Zoho's accounts server refused the token request (${code}). Check the data center, Client ID and Client Secret, then generate a new code.`;
	}
}

/** Reads Zoho's token error code from a failed request, without keeping the request (it holds the secret). */
function tokenErrorCode(error: unknown): string | undefined {
	const body = (error as { response?: { data?: unknown } }).response?.data;
	return typeof body === 'object' && body !== null ? (body as ZohoTokenResponse).error : undefined;
}

async function requestToken(
	this: IHttpRequestHelper,
	accountsUrl: string,
	grant: Grant,
	params: Record<string, string>,
): Promise<ZohoTokenResponse & { access_token: string }> {
	let response: ZohoTokenResponse | undefined;
	let failure: string | undefined;
	try {
		// Form body, not query string: client secrets and codes must not end up in URLs and logs.
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${accountsUrl}/oauth/v2/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: grant, ...params }).toString(),
			json: true,
		})) as ZohoTokenResponse;
	} catch (error) {
		const code = tokenErrorCode(error);
		// The original error is deliberately dropped: its request config carries the client secret.
		failure = code
			? explainTokenError(code, grant, accountsUrl)
			: `Could not reach Zoho's accounts server at ${accountsUrl} (${(error as Error).message}). Check the data center or the custom Accounts Server URL.`;
	}
	if (failure === undefined && (typeof response !== 'object' || response === null)) {
		failure = `${accountsUrl} did not answer like a Zoho accounts server. Check the data center or the custom Accounts Server URL.`;
	}
	// Zoho reports token errors with HTTP 200 and an `error` key.
	if (failure === undefined && (response?.error || !response?.access_token)) {
		failure = explainTokenError(response?.error ?? 'no access token', grant, accountsUrl);
	}
	if (failure !== undefined) throw new ApplicationError(failure, { level: 'warning' });
	return response as ZohoTokenResponse & { access_token: string };
}

/**
 * Gets a fresh access token for the Self Client credential. A newly pasted Generated Code is exchanged first
 * (and cleared, since Zoho burns it); otherwise the stored refresh token is used. The returned keys are saved
 * into the credential by n8n.
 */
export async function obtainSelfClientToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	accountsUrl: string,
): Promise<IDataObject> {
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	const grantCode = String(credentials.grantCode ?? '').trim();
	const refreshToken = String(credentials.refreshToken ?? '').trim();
	const client = { client_id: clientId, client_secret: clientSecret };

	if (grantCode) {
		// A code that was already exchanged (e.g. a form re-saved with the old code) must not break a working
		// refresh token, so an exchange failure falls back to the refresh token when there is one.
		const exchange = await requestToken
			.call(this, accountsUrl, 'authorization_code', { ...client, code: grantCode })
			.then((token) => ({ token }), (error: Error) => ({ error }));
		if ('token' in exchange) {
			return {
				accessToken: exchange.token.access_token,
				// Zoho returns a refresh token only on the first exchange of a consent; keep ours otherwise.
				refreshToken: exchange.token.refresh_token ?? refreshToken,
				grantCode: '',
			};
		}
		if (!refreshToken) throw exchange.error;
	}
	if (!refreshToken) {
		throw new ApplicationError(
			'This credential has neither a Generated Code nor a Refresh Token. Generate a code in the API Console (Self Client → Generate Code) and paste it into Generated Code.',
			{ level: 'warning' },
		);
	}
	const token = await requestToken.call(this, accountsUrl, 'refresh_token', { ...client, refresh_token: refreshToken });
	return { accessToken: token.access_token, grantCode: '' };
}
