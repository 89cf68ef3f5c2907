'use strict';
/** The accounts server: Self Client and redirect-flow codes, refresh, Zoho's token errors, bearer checks. */
const { startSimulator } = require('./index');

const form = (params) => ({
	method: 'POST',
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(params).toString(),
});

describe('accounts server', () => {
	let sim;
	let self;
	const token = async (params, asQuery = false) => {
		const response = asQuery
			? await fetch(`${sim.accountsUrl}/oauth/v2/token?${new URLSearchParams(params)}`, { method: 'POST' })
			: await fetch(`${sim.accountsUrl}/oauth/v2/token`, form(params));
		return { status: response.status, body: await response.json() };
	};
	const tickets = (accessToken, scheme = 'Zoho-oauthtoken') =>
		fetch(`${sim.apiUrl}/tickets?limit=1`, {
			headers: { Authorization: `${scheme} ${accessToken}`, orgId: sim.orgId },
		});

	beforeAll(async () => {
		sim = await startSimulator({ tickets: 50 });
		self = { client_id: sim.selfClient.clientId, client_secret: sim.selfClient.clientSecret };
	});
	afterAll(() => sim.stop());

	test('a Self Client code is exchanged once, without redirect_uri, for tokens that work on the Desk API', async () => {
		const { code } = sim.issueGrantCode({ scopes: 'Desk.tickets.READ,Desk.basic.READ' });
		const first = await token({ ...self, grant_type: 'authorization_code', code });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			scope: 'Desk.tickets.READ Desk.basic.READ',
		});
		expect(first.body.access_token).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
		expect(first.body.refresh_token).toMatch(/^1000\./);
		expect((await tickets(first.body.access_token)).status).toBe(200);
		// One-time: the same code again is an error sent with HTTP 200, as Zoho does.
		expect(await token({ ...self, grant_type: 'authorization_code', code })).toEqual({
			status: 200,
			body: { error: 'invalid_code' },
		});
	});

	test('codes expire, and the query string works like the form body', async () => {
		const expired = sim.issueGrantCode({ ttlSeconds: 0 });
		expect((await token({ ...self, grant_type: 'authorization_code', code: expired.code }, true)).body).toEqual({
			error: 'invalid_code',
		});
		const fresh = sim.issueGrantCode({ ttlSeconds: 600 });
		expect(
			(await token({ ...self, grant_type: 'authorization_code', code: fresh.code }, true)).body.access_token,
		).toBeDefined();
	});

	test('client errors: unknown id, wrong secret, credentials only in an HTTP Basic header', async () => {
		const { code } = sim.issueGrantCode();
		expect((await token({ ...self, client_id: '1000.NOPE', grant_type: 'authorization_code', code })).body).toEqual({
			error: 'invalid_client',
		});
		expect((await token({ ...self, client_secret: 'wrong', grant_type: 'authorization_code', code })).body).toEqual({
			error: 'invalid_client_secret',
		});
		const basic = Buffer.from(`${self.client_id}:${self.client_secret}`).toString('base64');
		const response = await fetch(`${sim.accountsUrl}/oauth/v2/token`, {
			...form({ grant_type: 'authorization_code', code }),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
		});
		expect(await response.json()).toEqual({ error: 'invalid_client' });
		// None of these used up the code.
		expect((await token({ ...self, grant_type: 'authorization_code', code })).body.access_token).toBeDefined();
	});

	test('refresh returns a new access token but no refresh token, at most 10 per refresh token in 10 minutes', async () => {
		const { refresh_token: refreshToken } = sim.issueTokens();
		const refresh = () => token({ ...self, grant_type: 'refresh_token', refresh_token: refreshToken });
		for (let i = 0; i < 10; i++) {
			const { status, body } = await refresh();
			expect(status).toBe(200);
			expect(body.refresh_token).toBeUndefined();
			expect((await tickets(body.access_token)).status).toBe(200);
		}
		const denied = await refresh();
		expect(denied.status).toBe(400);
		expect(denied.body).toMatchObject({ error: 'Access Denied' });
		expect((await token({ ...self, grant_type: 'refresh_token', refresh_token: '1000.unknown' })).body).toEqual({
			error: 'invalid_code',
		});
	});

	test('a revoked refresh token is invalid_code, and its access tokens stop working', async () => {
		const tokens = sim.issueTokens();
		await fetch(`${sim.accountsUrl}/oauth/v2/token/revoke?token=${tokens.refresh_token}`, { method: 'POST' });
		expect((await token({ ...self, grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body).toEqual({
			error: 'invalid_code',
		});
		expect((await tickets(tokens.access_token)).status).toBe(401);
	});

	test('the redirect flow auto-approves; its code needs the same redirect_uri; refresh tokens follow offline + consent', async () => {
		const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
		const web = { client_id: sim.webClient.clientId, client_secret: sim.webClient.clientSecret };
		const authorize = async (extra) => {
			const query = new URLSearchParams({
				response_type: 'code',
				client_id: web.client_id,
				redirect_uri: redirectUri,
				state: 'xyz',
				scope: 'Desk.tickets.READ Desk.basic.READ',
				...extra,
			});
			const response = await fetch(`${sim.accountsUrl}/oauth/v2/auth?${query}`, { redirect: 'manual' });
			expect(response.status).toBe(302);
			return new URL(response.headers.get('location'));
		};
		const back = await authorize({ access_type: 'offline', prompt: 'consent' });
		expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
		expect(Object.fromEntries(back.searchParams)).toMatchObject({
			state: 'xyz',
			location: 'us',
			'accounts-server': sim.accountsUrl,
		});
		const code = back.searchParams.get('code');
		expect(
			(await token({ ...web, grant_type: 'authorization_code', code, redirect_uri: 'http://elsewhere/cb' })).body,
		).toEqual({ error: 'invalid_redirect_uri' });
		const exchanged = await token({ ...web, grant_type: 'authorization_code', code, redirect_uri: redirectUri });
		expect(exchanged.body.refresh_token).toBeDefined();

		const again = await authorize({ access_type: 'offline' });
		const withoutConsent = await token({
			...web,
			grant_type: 'authorization_code',
			code: again.searchParams.get('code'),
			redirect_uri: redirectUri,
		});
		expect(withoutConsent.body.access_token).toBeDefined();
		expect(withoutConsent.body.refresh_token).toBeUndefined();

		expect((await authorize({ scope: 'Desk.nothing.READ' })).searchParams.get('error')).toBe('invalid_scope');
		const unregistered = await fetch(
			`${sim.accountsUrl}/oauth/v2/auth?response_type=code&client_id=${web.client_id}&redirect_uri=http://evil/cb`,
			{ redirect: 'manual' },
		);
		expect(unregistered.status).toBe(400);
	});

	test('Desk accepts Zoho-oauthtoken and Bearer; no header is UNAUTHORIZED; an expired token is INVALID_OAUTH', async () => {
		const { access_token: accessToken } = sim.issueTokens();
		expect((await tickets(accessToken, 'Bearer')).status).toBe(200);
		const anonymous = await fetch(`${sim.apiUrl}/tickets`, { headers: { orgId: sim.orgId } });
		expect([anonymous.status, (await anonymous.json()).errorCode]).toEqual([401, 'UNAUTHORIZED']);
		await fetch(`${sim.url}/__sim/tokens/expire`, { method: 'POST' });
		const expired = await tickets(accessToken);
		expect([expired.status, (await expired.json()).errorCode]).toEqual([401, 'INVALID_OAUTH']);
	});

	test('access tokens expire after the configured TTL', async () => {
		const short = await startSimulator({ tickets: 5, accessTokenTtlSeconds: 1 });
		try {
			const { access_token: accessToken } = short.issueTokens();
			const call = () =>
				fetch(`${short.apiUrl}/departments`, {
					headers: { Authorization: `Zoho-oauthtoken ${accessToken}`, orgId: short.orgId },
				});
			expect((await call()).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await call()).status).toBe(401);
		} finally {
			await short.stop();
		}
	});

	test('grant codes over the control API', async () => {
		const response = await fetch(`${sim.url}/__sim/grant-codes`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ scopes: ['Desk.tickets.READ'], orgId: sim.otherOrgId, ttlSeconds: 300 }),
		});
		const grant = await response.json();
		expect(grant).toMatchObject({
			clientId: sim.selfClient.clientId,
			orgId: sim.otherOrgId,
			scopes: ['Desk.tickets.READ'],
		});
		const exchanged = await token({ ...self, grant_type: 'authorization_code', code: grant.code });
		const other = await fetch(`${sim.apiUrl}/tickets`, {
			headers: { Authorization: `Zoho-oauthtoken ${exchanged.body.access_token}`, orgId: sim.otherOrgId },
		});
		expect(other.status).toBe(200);
	});
});
