'use strict';
/**
 * Zoho Accounts: /oauth/v2/auth (auto-approves), /oauth/v2/token (authorization_code and refresh_token grants),
 * revoke and serverinfo; plus the bearer check the Desk API uses. Token errors are `{"error": "<code>"}` sent with
 * HTTP 200 by default, as Zoho does (`tokenErrorStatus` changes that); the refresh throttle answers 400 Access Denied.
 */
const { HttpError, deskError, send, readBody } = require('./http');
const { secretHex } = require('./random');

const TEN_MINUTES = 10 * 60 * 1000;
const REFRESH_LIMIT = 10;
/** Scope areas of Zoho's scope catalogue (Common.json) a grant may name. */
const SCOPE_PATTERN =
	/^Desk\.(accounts|activities|activities\.calls|activities\.events|activities\.tasks|agents|articles|basic|botchat|buttons|calls|channels\.email|channels\.helpcenter|community|contacts|contracts|custommodule|departments|events|extensions|featuresettings|feeds|fields|forums|integrations|InstantMessages|layouts|modules|organization|products|search|settings|tasks|templates|tickets|webhooks|zia)\.(READ|CREATE|UPDATE|DELETE|ALL)$/i;

const zohoToken = () => `1000.${secretHex(32)}.${secretHex(32)}`;

/** Scopes as Zoho accepts them: comma- or space-separated. */
function parseScopes(value) {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[,\s]+/);
	return list.map((scope) => scope.trim()).filter(Boolean);
}

/** True when the granted scopes cover `required` (Desk.<area>.ALL covers every operation of the area). */
function hasScope(granted, required) {
	const wanted = required.toLowerCase();
	const all = wanted.replace(/\.[a-z]+$/, '.all');
	return granted.some((scope) => {
		const have = scope.toLowerCase();
		return have === wanted || have === all;
	});
}

function createAccounts({ options, orgs, baseUrl, clock }) {
	const clients = new Map(
		[options.selfClient, options.webClient].map((client) => [
			client.id,
			{ ...client, redirectUris: client.redirectUris ?? [] },
		]),
	);
	const codes = new Map();
	const refreshTokens = new Map();
	const accessTokens = new Map();
	const consented = new Set();
	const counters = { tokenRequests: 0, accessTokensIssued: 0, refreshDenied: 0 };

	const tokenError = (error) => new HttpError(options.tokenErrorStatus, { error });
	const orgById = (orgId) => orgs.find((org) => org.id === String(orgId));

	function checkScopes(scopes) {
		if (!scopes.length || scopes.some((scope) => !SCOPE_PATTERN.test(scope))) return false;
		return true;
	}

	function newAccessToken(grant) {
		const token = zohoToken();
		accessTokens.set(token, { ...grant, expiresAt: clock() + options.accessTokenTtlSeconds * 1000 });
		counters.accessTokensIssued++;
		return token;
	}

	function tokenResponse(grant, refreshToken) {
		const body = { access_token: newAccessToken({ ...grant, refreshToken }) };
		if (refreshToken) body.refresh_token = refreshToken;
		return {
			...body,
			scope: grant.scopes.join(' '),
			api_domain: baseUrl(),
			token_type: 'Bearer',
			expires_in: options.accessTokenTtlSeconds,
		};
	}

	/** Tokens straight away, for tests that are not about the code exchange. */
	function issueTokens({ scopes = options.defaultScopes, orgId = orgs[0].id, clientId = options.selfClient.id } = {}) {
		const list = parseScopes(scopes);
		if (!checkScopes(list)) throw deskError(422, 'INVALID_DATA', 'Unknown scope');
		if (!orgById(orgId)) throw deskError(422, 'INVALID_DATA', `Unknown orgId ${orgId}`);
		const refreshToken = zohoToken();
		const grant = {
			clientId,
			scopes: list,
			orgId: String(orgId),
			userId: orgById(orgId).lookups.agents.keys().next().value,
		};
		refreshTokens.set(refreshToken, { ...grant, issued: [], revoked: false });
		return tokenResponse(grant, refreshToken);
	}

	/** A Self Client "Generate Code" code: scopes, the portal picked, and a validity of 3 to 10 minutes. */
	function issueGrantCode({
		scopes = options.defaultScopes,
		orgId = orgs[0].id,
		ttlSeconds = 180,
		clientId = options.selfClient.id,
	} = {}) {
		const list = parseScopes(scopes);
		if (!checkScopes(list)) throw deskError(422, 'INVALID_DATA', `Unknown scope in ${list.join(',')}`);
		if (!orgById(orgId)) throw deskError(422, 'INVALID_DATA', `Unknown orgId ${orgId}`);
		if (!clients.has(clientId)) throw deskError(422, 'INVALID_DATA', `Unknown clientId ${clientId}`);
		const code = zohoToken();
		const expiresAt = clock() + Number(ttlSeconds) * 1000;
		codes.set(code, {
			clientId,
			scopes: list,
			orgId: String(orgId),
			redirectUri: null,
			offline: true,
			expiresAt,
			used: false,
		});
		return { code, clientId, scopes: list, orgId: String(orgId), expiresAt: new Date(expiresAt).toISOString() };
	}

	function authorize(url, res) {
		const q = url.searchParams;
		const client = clients.get(q.get('client_id') ?? '');
		if (!client) return send(res, 400, 'Invalid Client: no client with this client_id');
		const redirectUri = q.get('redirect_uri') ?? '';
		if (!client.redirectUris.includes(redirectUri))
			return send(res, 400, 'Invalid Redirect Uri: not registered for this client');
		const scopes = parseScopes(q.get('scope'));
		const back = new URL(redirectUri);
		if (q.get('state') !== null) back.searchParams.set('state', q.get('state'));
		if (q.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
		else if (!checkScopes(scopes)) back.searchParams.set('error', 'invalid_scope');
		else {
			const code = zohoToken();
			const orgId = options.consentOrgId ?? orgs[0].id;
			const firstConsent = !consented.has(`${client.id}:${orgId}`);
			consented.add(`${client.id}:${orgId}`);
			// Zoho returns a refresh token only for offline access, and after the first consent only with prompt=consent.
			const offline = q.get('access_type') === 'offline' && (firstConsent || q.get('prompt') === 'consent');
			codes.set(code, {
				clientId: client.id,
				scopes,
				orgId,
				redirectUri,
				offline,
				expiresAt: clock() + options.redirectCodeTtlSeconds * 1000,
				used: false,
			});
			back.searchParams.set('code', code);
			back.searchParams.set('location', options.location);
			back.searchParams.set('accounts-server', baseUrl());
		}
		res.writeHead(302, { Location: back.toString() });
		res.end();
	}

	function exchangeCode(params, client) {
		const code = codes.get(params.get('code') ?? '');
		if (!code || code.used || code.expiresAt <= clock() || code.clientId !== client.id)
			throw tokenError('invalid_code');
		// Self Client codes need no redirect_uri; redirect-flow codes must name the one they were issued for.
		if (code.redirectUri !== null && params.get('redirect_uri') !== code.redirectUri)
			throw tokenError('invalid_redirect_uri');
		code.used = true;
		const grant = {
			clientId: client.id,
			scopes: code.scopes,
			orgId: code.orgId,
			userId: orgById(code.orgId).lookups.agents.keys().next().value,
		};
		let refreshToken;
		if (code.offline) {
			refreshToken = zohoToken();
			refreshTokens.set(refreshToken, { ...grant, issued: [], revoked: false });
		}
		return tokenResponse(grant, refreshToken);
	}

	function refresh(params, client) {
		const token = params.get('refresh_token') ?? '';
		const grant = refreshTokens.get(token);
		if (!grant || grant.revoked || grant.clientId !== client.id) throw tokenError('invalid_code');
		const now = clock();
		grant.issued = grant.issued.filter((at) => at > now - TEN_MINUTES);
		if (grant.issued.length >= REFRESH_LIMIT) {
			counters.refreshDenied++;
			throw new HttpError(400, {
				error_description: 'You have made too many requests continuously. Please try again after some time.',
				error: 'Access Denied',
				status: 'failure',
			});
		}
		grant.issued.push(now);
		const { issued, revoked, ...rest } = grant;
		return tokenResponse(rest, undefined);
	}

	/** POST /oauth/v2/token: parameters in the query string and/or a form body, as Zoho accepts both. */
	async function token(req, res, url) {
		counters.tokenRequests++;
		const params = new URLSearchParams(url.search);
		const type = String(req.headers['content-type'] ?? '');
		const body = await readBody(req);
		if (body && !type.includes('application/json')) for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
		// Zoho reads client credentials from parameters only; an HTTP Basic header alone is an unknown client.
		const client = clients.get(params.get('client_id') ?? '');
		if (!client) throw tokenError('invalid_client');
		if (params.get('client_secret') !== client.secret) throw tokenError('invalid_client_secret');
		const grantType = params.get('grant_type');
		if (grantType === 'authorization_code') return send(res, 200, exchangeCode(params, client));
		if (grantType === 'refresh_token') return send(res, 200, refresh(params, client));
		throw tokenError('unsupported_grant_type');
	}

	async function revoke(req, res, url) {
		const params = new URLSearchParams(url.search);
		for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
		const value = params.get('token') ?? '';
		const grant = refreshTokens.get(value);
		if (grant) {
			grant.revoked = true;
			for (const [token, access] of accessTokens) if (access.refreshToken === value) accessTokens.delete(token);
		}
		accessTokens.delete(value);
		send(res, 200, { status: 'success' });
	}

	/** Routes under the accounts server; false when the path is not an accounts path. */
	async function handle(req, res, url) {
		const route = `${req.method} ${url.pathname}`;
		if (route === 'GET /oauth/v2/auth') return (authorize(url, res), true);
		if (route === 'POST /oauth/v2/token') return (await token(req, res, url), true);
		if (route === 'POST /oauth/v2/token/revoke') return (await revoke(req, res, url), true);
		if (route === 'GET /oauth/serverinfo') {
			return (send(res, 200, { result: 'success', locations: { [options.location]: baseUrl() } }), true);
		}
		return false;
	}

	/** The grant behind a Desk API call's Authorization header (`Zoho-oauthtoken <t>` or `Bearer <t>`). */
	function authenticate(header) {
		const match = /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(String(header ?? '').trim());
		if (!match) throw deskError(401, 'UNAUTHORIZED', 'You are not authenticated to perform this operation.');
		const grant = accessTokens.get(match[2]);
		if (!grant || grant.expiresAt <= clock())
			throw deskError(401, 'INVALID_OAUTH', 'The OauthToken is invalid or has expired.');
		return grant;
	}

	function expireAccessTokens() {
		for (const grant of accessTokens.values()) grant.expiresAt = clock();
	}

	function registerRedirectUri(clientId, redirectUri) {
		const client = clients.get(clientId);
		if (!client) throw deskError(422, 'INVALID_DATA', `Unknown clientId ${clientId}`);
		if (!client.redirectUris.includes(redirectUri)) client.redirectUris.push(redirectUri);
		return { clientId, redirectUris: [...client.redirectUris] };
	}

	return { handle, authenticate, issueGrantCode, issueTokens, expireAccessTokens, registerRedirectUri, counters };
}

module.exports = { createAccounts, hasScope, parseScopes };
