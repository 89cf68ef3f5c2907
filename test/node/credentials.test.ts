import nock from 'nock';

import { DATA_CENTERS } from '../../nodes/core/transport/dataCenters';
import { ORG, TICKET_ID, runZohoDesk, selfClient, useNock } from './fixtures';

useNock();

const getTicket = { resource: 'ticket', operation: 'get', id: { __rl: true, mode: 'id', value: TICKET_ID } };
const SECRET = 'top-secret-client-secret';

/** Form fields of a token request (nock hands over form bodies already parsed). */
const form = (body: unknown): Record<string, string> =>
	typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : { ...(body as Record<string, string>) };

/** A credential that still has to exchange its generated code. */
const freshSelfClient = (fields = {}) => selfClient({ accessToken: '', refreshToken: '', grantCode: '1000.generated.code', ...fields });

describe('every data center: accounts server and Desk host come from the same row', () => {
	const rows = Object.entries(DATA_CENTERS).map(([key, dc]) => [key, dc.accounts, dc.desk] as const);

	test.each(rows)('%s: Self Client exchanges at %s and reads from %s', async (key, accountsHost, deskHost) => {
		const dc = { accounts: accountsHost, desk: deskHost };
		const accounts = nock(dc.accounts)
			.post('/oauth/v2/token', (body) => form(body).grant_type === 'authorization_code')
			.reply(200, { access_token: `token-${key}`, refresh_token: `refresh-${key}`, expires_in: 3600 });
		const deskCall = nock(dc.desk, { reqheaders: { authorization: `Zoho-oauthtoken token-${key}`, orgid: ORG } })
			.get(`/api/v1/tickets/${TICKET_ID}`)
			.reply(200, { id: TICKET_ID });

		const { items, error } = await runZohoDesk(getTicket, { credentials: freshSelfClient({ dataCenter: key }) });

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(TICKET_ID);
		expect(accounts.isDone() && deskCall.isDone()).toBe(true);
	});

	test.each(rows.map(([key, , deskHost]) => [key, deskHost] as const))('%s: OAuth2 sends the Bearer token to %s', async (key, deskHost) => {
		nock(deskHost, { reqheaders: { authorization: 'Bearer oauth-access', orgid: ORG } })
			.get(`/api/v1/tickets/${TICKET_ID}`)
			.reply(200, { id: TICKET_ID });

		const { items, error } = await runZohoDesk(
			{ ...getTicket, authentication: 'oAuth2' },
			{
				credentials: {
					zohoDeskOAuth2Api: {
						dataCenter: key,
						orgId: ORG,
						clientId: 'cid',
						clientSecret: SECRET,
						oauthTokenData: { access_token: 'oauth-access', refresh_token: 'oauth-refresh', token_type: 'Bearer' },
					},
				},
			},
		);

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(TICKET_ID);
	});

	test('OAuth2 refreshes at the data center\'s accounts server with the client in the form body', async () => {
		nock(DATA_CENTERS.au.desk).get(`/api/v1/tickets/${TICKET_ID}`).reply(401, { errorCode: 'INVALID_OAUTH', message: 'expired' });
		nock(DATA_CENTERS.au.accounts)
			.post('/oauth/v2/token', (body) => {
				const f = form(body);
				return f.grant_type === 'refresh_token' && f.refresh_token === 'oauth-refresh' && f.client_secret === SECRET;
			})
			.reply(200, { access_token: 'oauth-access-2', token_type: 'Bearer', expires_in: 3600 });
		nock(DATA_CENTERS.au.desk, { reqheaders: { authorization: 'Bearer oauth-access-2' } })
			.get(`/api/v1/tickets/${TICKET_ID}`)
			.reply(200, { id: TICKET_ID });

		const { items, credentials } = await runZohoDesk(
			{ ...getTicket, authentication: 'oAuth2' },
			{
				credentials: {
					zohoDeskOAuth2Api: {
						dataCenter: 'au',
						orgId: ORG,
						clientId: 'cid',
						clientSecret: SECRET,
						oauthTokenData: { access_token: 'oauth-access', refresh_token: 'oauth-refresh', token_type: 'Bearer' },
					},
				},
			},
		);

		expect(items[0].json.id).toBe(TICKET_ID);
		// Zoho sends no new refresh token on refresh: the stored one must survive.
		expect(credentials.zohoDeskOAuth2Api.oauthTokenData).toMatchObject({ access_token: 'oauth-access-2', refresh_token: 'oauth-refresh' });
	});

	test('an OAuth2 connection whose code exchange Zoho refused (HTTP 200 error) says so instead of failing obscurely', async () => {
		const { error } = await runZohoDesk(
			{ ...getTicket, authentication: 'oAuth2' },
			{
				credentials: {
					zohoDeskOAuth2Api: { dataCenter: 'eu', orgId: ORG, clientId: 'cid', clientSecret: SECRET, oauthTokenData: { error: 'invalid_client' } },
				},
			},
		);
		expect(error?.message).toBe('The Zoho Desk OAuth2 connection failed: Zoho answered "invalid_client"');
		expect(error?.description).toMatch(/Connect my account/);
	});

	test('Custom: the typed accounts and Desk URLs are used (trailing slashes ignored)', async () => {
		nock('http://127.0.0.1:4000').post('/oauth/v2/token').reply(200, { access_token: 'local', refresh_token: 'r' });
		nock('http://127.0.0.1:4001').get(`/api/v1/tickets/${TICKET_ID}`).reply(200, { id: TICKET_ID });

		const { items } = await runZohoDesk(getTicket, {
			credentials: freshSelfClient({
				dataCenter: 'custom',
				customAccountsUrl: 'http://127.0.0.1:4000/',
				customDeskUrl: 'http://127.0.0.1:4001/',
			}),
		});

		expect(items[0].json.id).toBe(TICKET_ID);
	});
});

describe('Self Client code exchange', () => {
	const accounts = () => nock('https://accounts.zoho.com');
	const ticketOk = () => nock('https://desk.zoho.com').get(`/api/v1/tickets/${TICKET_ID}`).reply(200, { id: TICKET_ID });

	test('the generated code is exchanged once (no redirect_uri), then cleared; the refresh token is stored', async () => {
		accounts()
			.post('/oauth/v2/token', (body) => {
				const f = form(body);
				return (
					f.grant_type === 'authorization_code' &&
					f.code === '1000.generated.code' &&
					f.client_id === '1000.CLIENTID' &&
					f.client_secret === SECRET &&
					f.redirect_uri === undefined
				);
			})
			.reply(200, { access_token: 'a1', refresh_token: 'r1', expires_in: 3600, api_domain: 'https://www.zohoapis.com' });
		ticketOk();

		const { credentials } = await runZohoDesk(getTicket, { credentials: freshSelfClient() });

		expect(credentials.zohoDeskSelfClientApi).toMatchObject({ accessToken: 'a1', refreshToken: 'r1', grantCode: '' });
	});

	test('a pasted refresh token is used without any code', async () => {
		accounts()
			.post('/oauth/v2/token', (body) => form(body).grant_type === 'refresh_token' && form(body).refresh_token === 'pasted')
			.reply(200, { access_token: 'a2', expires_in: 3600 });
		ticketOk();

		const { credentials, error } = await runZohoDesk(getTicket, { credentials: selfClient({ accessToken: '', refreshToken: 'pasted' }) });

		expect(error).toBeUndefined();
		expect(credentials.zohoDeskSelfClientApi).toMatchObject({ accessToken: 'a2', refreshToken: 'pasted' });
	});

	test('a burnt or expired code (HTTP 200 {"error":"invalid_code"}) says to generate a new code', async () => {
		accounts().post('/oauth/v2/token').reply(200, { error: 'invalid_code' });

		const { error, credentials } = await runZohoDesk(getTicket, { credentials: freshSelfClient() });

		expect(error?.message).toMatch(/Generated Code.*invalid_code.*Generate a new code/s);
		expect(credentials.zohoDeskSelfClientApi.refreshToken).toBe('');
	});

	test('a re-saved, already used code falls back to the stored refresh token', async () => {
		accounts().post('/oauth/v2/token', (body) => form(body).grant_type === 'authorization_code').reply(200, { error: 'invalid_code' });
		accounts().post('/oauth/v2/token', (body) => form(body).grant_type === 'refresh_token').reply(200, { access_token: 'a3' });
		ticketOk();

		const { error, credentials } = await runZohoDesk(getTicket, {
			credentials: selfClient({ accessToken: '', grantCode: 'old.code', refreshToken: 'r-old' }),
		});

		expect(error).toBeUndefined();
		expect(credentials.zohoDeskSelfClientApi).toMatchObject({ accessToken: 'a3', grantCode: '', refreshToken: 'r-old' });
	});

	test('a revoked refresh token says to paste a new code and clear the field', async () => {
		accounts().post('/oauth/v2/token').reply(200, { error: 'invalid_code' });
		const { error } = await runZohoDesk(getTicket, { credentials: selfClient({ accessToken: '' }) });
		expect(error?.message).toMatch(/Refresh Token.*revoked.*clear the Refresh Token/s);
	});

	test('a client from another data center (invalid_client) names the data center to check', async () => {
		nock('https://accounts.zoho.eu').post('/oauth/v2/token').reply(400, { error: 'invalid_client' });
		const { error } = await runZohoDesk(getTicket, { credentials: freshSelfClient({ dataCenter: 'eu' }) });
		expect(error?.message).toMatch(/accounts\.zoho\.eu.*invalid_client.*data center where you created the Self Client/s);
	});

	test('a wrong client secret has its own message', async () => {
		accounts().post('/oauth/v2/token').reply(200, { error: 'invalid_client_secret' });
		const { error } = await runZohoDesk(getTicket, { credentials: freshSelfClient() });
		expect(error?.message).toMatch(/Client Secret/);
	});

	test('an expired access token (401) is refreshed once and the call retried; no per-call refresh otherwise', async () => {
		nock('https://desk.zoho.com').get(`/api/v1/tickets/${TICKET_ID}`).reply(401, { errorCode: 'INVALID_OAUTH', message: 'expired' });
		accounts().post('/oauth/v2/token', (body) => form(body).grant_type === 'refresh_token').once().reply(200, { access_token: 'fresh' });
		nock('https://desk.zoho.com', { reqheaders: { authorization: 'Zoho-oauthtoken fresh' } })
			.get(`/api/v1/tickets/${TICKET_ID}`)
			.times(2)
			.reply(200, { id: TICKET_ID });

		const first = await runZohoDesk(getTicket);
		const second = await runZohoDesk(getTicket, { credentials: first.credentials });

		expect(first.items[0].json.id).toBe(TICKET_ID);
		expect(second.items[0].json.id).toBe(TICKET_ID);
	});

	test('no token error ever shows the client secret, code or refresh token', async () => {
		accounts().post('/oauth/v2/token').reply(500, 'upstream failure');
		const { error } = await runZohoDesk(getTicket, { credentials: freshSelfClient({ refreshToken: '' }) });
		const shown = JSON.stringify(error) + String(error?.message) + String(error?.description) + String(error?.stack);
		expect(error).toBeDefined();
		for (const secret of [SECRET, '1000.generated.code']) expect(shown).not.toContain(secret);
	});
});
