import nock from 'nock';

import manifest from '../../package.json';
import { CLIENT_SECRET, ORG, selfClient } from '../fixtures';
import { FakeDeskAction, FakeDeskPicker, FakeDeskPoll, FakeDeskWebhook } from './fakeNodes';
import { HarnessCredentialTypes, HarnessNodeTypes } from './packageTypes';
import {
	CredentialStore,
	N8N_BASE_URL,
	WEBHOOK_ID,
	deliverWebhook,
	executeNode,
	listSearch,
	loadOptions,
	runPoll,
	runWebhookMethod,
	testCredentials,
} from './index';

const ACCOUNTS = 'https://accounts.zoho.eu';
const DESK = 'https://desk.zoho.eu';
const departments = { data: [{ id: '1892000000082069', name: 'Support' }, { id: '1892000000082070', name: 'Sales' }] };

/** The shared Self Client credential in the EU data centre; by default only a grant code, not yet exchanged. */
const euSelfClient = (fields: Record<string, string> = {}) =>
	selfClient({ dataCenter: 'eu', grantCode: 'code-1', refreshToken: '', accessToken: '', ...fields });

/** Form fields of a token request, for matching in nock. */
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** Desk answers 401 to the expired token and 200 to the renewed one, once each. */
const deskRejectsThenAccepts = (expired: string, renewed: string) =>
	nock(DESK)
		.get('/api/v1/departments')
		.query(true)
		.matchHeader('authorization', expired)
		.reply(401, { errorCode: 'INVALID_OAUTH' })
		.get('/api/v1/departments')
		.query(true)
		.matchHeader('authorization', renewed)
		.reply(200, departments);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('serves every node and credential that package.json lists, from source', () => {
	const nodeTypes = new HarnessNodeTypes();
	const credentialTypes = new HarnessCredentialTypes();
	const className = (path: string) => path.split('/').pop()!.split('.')[0];
	const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

	const nodes = manifest.n8n.nodes.map((path) => nodeTypes.getByNameAndVersion(nodeTypes.registerPackageNode(className(path))));
	const credentials = manifest.n8n.credentials.map((path) => credentialTypes.getByName(lowerFirst(className(path))));

	expect(nodes.map((node) => node.description.name)).toEqual(manifest.n8n.nodes.map((path) => lowerFirst(className(path))));
	expect(credentialTypes.getParentTypes('zohoDeskOAuth2Api')).toEqual(['oAuth2Api']);
	expect(credentials.every((credential) => credential.properties.length > 0)).toBe(true);
});

describe('Self Client credential applied by n8n', () => {
	test('the first call exchanges the grant code, sends Zoho-oauthtoken and persists the refresh token', async () => {
		const accounts = nock(ACCOUNTS)
			.post('/oauth/v2/token', (body) => {
				const f = form(body as string);
				return f.grant_type === 'authorization_code' && f.code === 'code-1' && f.client_secret === CLIENT_SECRET;
			})
			.reply(200, { access_token: 'access-1', refresh_token: 'refresh-1', api_domain: 'https://www.zohoapis.eu' });
		const desk = nock(DESK, { reqheaders: { authorization: 'Zoho-oauthtoken access-1', orgid: ORG } })
			.get('/api/v1/departments')
			.query({ limit: 2 })
			.reply(200, departments);

		const { items, error, credentials } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: {},
			credentials: euSelfClient(),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.data).toEqual(departments.data);
		expect(accounts.isDone() && desk.isDone()).toBe(true);
		expect(credentials.zohoDeskSelfClientApi).toMatchObject({
			refreshToken: 'refresh-1',
			grantCode: '',
			accessToken: 'access-1',
		});
	});

	test('a stored access token is used as is: no token request', async () => {
		const desk = nock(DESK, { reqheaders: { authorization: 'Zoho-oauthtoken stored' } })
			.get('/api/v1/departments')
			.query(true)
			.reply(200, departments);

		const { error } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: {},
			credentials: euSelfClient({ grantCode: '', refreshToken: 'refresh-1', accessToken: 'stored' }),
		});

		expect(error).toBeUndefined();
		expect(desk.isDone()).toBe(true);
	});

	test('a 401 triggers exactly one refresh and one retry, and the new token is persisted', async () => {
		const accounts = nock(ACCOUNTS)
			.post('/oauth/v2/token', (body) => form(body as string).grant_type === 'refresh_token')
			.once()
			.reply(200, { access_token: 'access-2' });
		const desk = deskRejectsThenAccepts('Zoho-oauthtoken expired', 'Zoho-oauthtoken access-2');
		const store = new CredentialStore(euSelfClient({ grantCode: '', refreshToken: 'refresh-1', accessToken: 'expired' }));

		const { error } = await executeNode({ nodeType: new FakeDeskAction(), parameters: {}, credentials: store });

		expect(error).toBeUndefined();
		expect(accounts.isDone() && desk.isDone()).toBe(true);
		expect(store.read('zohoDeskSelfClientApi')).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-1' });
	});

	test('a rejected grant code fails the node with Zoho\'s advice and persists nothing', async () => {
		nock(ACCOUNTS).post('/oauth/v2/token').reply(200, { error: 'invalid_code' });

		const { items, error, credentials } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: {},
			credentials: euSelfClient(),
		});

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/Generate a new code/);
		expect(credentials.zohoDeskSelfClientApi.grantCode).toBe('code-1');
	});
});

describe('OAuth2 credential applied by n8n', () => {
	const oauth2 = {
		zohoDeskOAuth2Api: {
			dataCenter: 'eu',
			orgId: ORG,
			clientId: 'cid',
			clientSecret: 'secret',
			oauthTokenData: { access_token: 'bearer-1', refresh_token: 'refresh-9' },
		},
	};

	test('refreshes on 401 at the data centre\'s token URL with the client in the body, then retries', async () => {
		const accounts = nock(ACCOUNTS)
			.post('/oauth/v2/token', (body) => {
				const f = form(body as string);
				return f.grant_type === 'refresh_token' && f.refresh_token === 'refresh-9' && f.client_secret === 'secret';
			})
			.reply(200, { access_token: 'bearer-2', token_type: 'Bearer', expires_in: 3600 });
		const desk = deskRejectsThenAccepts('Bearer bearer-1', 'Bearer bearer-2');

		const { error, credentials } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: { authentication: 'oAuth2' },
			credentials: oauth2,
		});

		expect(error).toBeUndefined();
		expect(accounts.isDone() && desk.isDone()).toBe(true);
		expect(credentials.zohoDeskOAuth2Api.oauthTokenData).toMatchObject({ access_token: 'bearer-2' });
	});
});

describe('testCredentials (the credential\'s Test button)', () => {
	test('runs preAuthentication even with a stored token, persists its result, and calls the test request', async () => {
		const accounts = nock(ACCOUNTS)
			.post('/oauth/v2/token', (body) => form(body as string).grant_type === 'refresh_token')
			.reply(200, { access_token: 'fresh' });
		const desk = nock(DESK, { reqheaders: { authorization: 'Zoho-oauthtoken fresh', orgid: ORG } })
			.get('/api/v1/departments')
			.query({ limit: 1 })
			.reply(200, departments);

		const result = await testCredentials({
			type: 'zohoDeskSelfClientApi',
			credentials: euSelfClient({ grantCode: '', refreshToken: 'r', accessToken: 'stale' }),
		});

		expect([result.status, result.message]).toEqual(['OK', 'Connection successful!']);
		expect(accounts.isDone() && desk.isDone()).toBe(true);
		expect(result.credentials.zohoDeskSelfClientApi.accessToken).toBe('fresh');
	});

	test('an HTTP error fails the test; this n8n-workflow drops the cause, so n8n\'s own message shows, not the rule\'s', async () => {
		nock(ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'fresh' });
		nock(DESK).get('/api/v1/departments').query(true).reply(403, { errorCode: 'OAUTH_ORG_MISMATCH' });

		const result = await testCredentials({ type: 'zohoDeskSelfClientApi', credentials: euSelfClient({ refreshToken: 'r', grantCode: '' }) });

		expect([result.status, result.message]).toEqual(['Error', 'Forbidden - perhaps check your credentials?']);
	});
});

describe('executeNode', () => {
	const stored = euSelfClient({ grantCode: '', refreshToken: 'r', accessToken: 'a' });

	test('runs the latest type version, one output item per input item, paired', async () => {
		nock(DESK).get('/api/v1/departments').query(true).times(2).reply(200, departments);

		const { items } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: {},
			credentials: stored,
			input: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(items.map((item) => [item.json.typeVersion, item.pairedItem])).toEqual([
			[2, { item: 0 }],
			[2, { item: 1 }],
		]);
	});

	test('continueOnFail keeps going and reports the failed item', async () => {
		nock(DESK).get('/api/v1/departments').query(true).reply(200, departments);

		const { items, error } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: { failOnItem: 0 },
			credentials: stored,
			input: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.error ?? 'ok')).toEqual(['item 0 failed', 'ok']);
	});

	test('without continueOnFail the node error is returned', async () => {
		const { error } = await executeNode({
			nodeType: new FakeDeskAction(),
			parameters: { failOnItem: 0 },
			credentials: stored,
		});

		expect(error?.message).toBe('item 0 failed');
	});

	test('a credential the node needs but the test did not set is an error, not a silent pass', async () => {
		const { error } = await executeNode({ nodeType: new FakeDeskAction(), parameters: { authentication: 'oAuth2' }, credentials: stored });

		expect(error?.message).toMatch(/credentials/i);
	});
});

describe('runPoll', () => {
	test('static data passed back keeps the cursor between polls; null output means no items', async () => {
		nock(DESK).get('/api/v1/departments').query(true).times(2).reply(200, departments);
		const credentials = new CredentialStore(euSelfClient());
		nock(ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'a', refresh_token: 'r' });

		const first = await runPoll({ nodeType: new FakeDeskPoll(), parameters: {}, credentials });
		const second = await runPoll({ nodeType: new FakeDeskPoll(), parameters: {}, credentials, staticData: first.staticData });

		expect(first.items).toHaveLength(2);
		expect(first.staticData).toEqual({ 'node:fakeDeskPoll': { ids: ['1892000000082069', '1892000000082070'] } });
		expect(second.items).toEqual([]);
		expect(credentials.read('zohoDeskSelfClientApi').refreshToken).toBe('r');
	});

	test('a manual poll ("Fetch test event") leaves static data as it was, as n8n does', async () => {
		nock(DESK).get('/api/v1/departments').query(true).reply(200, departments);
		const staticData = { 'node:fakeDeskPoll': { ids: ['1892000000082069'] } };

		const manual = await runPoll({
			nodeType: new FakeDeskPoll(),
			parameters: {},
			credentials: euSelfClient({ grantCode: '', refreshToken: 'r', accessToken: 'a' }),
			staticData,
			mode: 'manual',
		});

		expect(manual.items.map((item) => item.json.id)).toEqual(['1892000000082070']);
		expect(manual.staticData).toEqual(staticData);
	});
});

describe('webhooks', () => {
	const credentials = euSelfClient({ grantCode: '', refreshToken: 'r', accessToken: 'a' });

	test.each([
		['trigger', `${N8N_BASE_URL}/webhook/${WEBHOOK_ID}/webhook`],
		['manual', `${N8N_BASE_URL}/webhook-test/${WEBHOOK_ID}/webhook`],
	] as const)('create in %s mode registers n8n\'s %s URL; checkExists and delete see it', async (mode, url) => {
		const node = { nodeType: new FakeDeskWebhook(), parameters: {}, credentials, mode };
		const created = await runWebhookMethod({ ...node, method: 'create' });
		const exists = await runWebhookMethod({ ...node, method: 'checkExists', staticData: created.staticData });
		const deleted = await runWebhookMethod({ ...node, method: 'delete', staticData: created.staticData });

		expect(created.staticData).toEqual({ 'node:fakeDeskWebhook': { registeredUrl: url } });
		expect(exists.result).toBe(true);
		expect(deleted.staticData).toEqual({ 'node:fakeDeskWebhook': {} });
	});

	test('a POST starts the workflow with body, raw body and headers; n8n answers for the node', async () => {
		const delivery = await deliverWebhook({
			nodeType: new FakeDeskWebhook(),
			parameters: {},
			credentials,
			request: { method: 'POST', headers: { 'X-Signature': 'sig' }, body: { a: 1 }, rawBody: '{"a": 1}' },
		});

		expect(delivery.workflowData?.[0][0].json).toEqual({ body: { a: 1 }, raw: '{"a": 1}', signature: 'sig' });
		expect([delivery.responseStatus, delivery.responseBody]).toEqual([200, { message: 'Workflow was started' }]);
	});

	test('a GET reaches the setup webhook, which answers itself (Zoho\'s validation) and starts nothing', async () => {
		const delivery = await deliverWebhook({ nodeType: new FakeDeskWebhook(), parameters: {}, credentials, request: { method: 'GET' } });

		expect(delivery).toMatchObject({ workflowData: undefined, noWebhookResponse: true, responseStatus: 200, responseBody: '' });
	});

	test('a method no webhook of the node takes gets n8n\'s 404 without reaching the node', async () => {
		const delivery = await deliverWebhook({ nodeType: new FakeDeskWebhook(), parameters: {}, credentials, request: { method: 'PUT' } });

		expect([delivery.responseStatus, delivery.workflowData]).toEqual([404, undefined]);
	});
});

describe('pickers', () => {
	const credentials = euSelfClient({ grantCode: '', refreshToken: 'r', accessToken: 'a' });

	test('loadOptions and listSearch run with the node\'s credential', async () => {
		nock(DESK, { reqheaders: { authorization: 'Zoho-oauthtoken a' } }).get('/api/v1/departments').query(true).times(2).reply(200, departments);

		const options = await loadOptions({ nodeType: new FakeDeskPicker(), parameters: {}, credentials, method: 'getDepartments' });
		const search = await listSearch({ nodeType: new FakeDeskPicker(), parameters: {}, credentials, method: 'searchDepartments', filter: 'Sal' });

		expect(options.map((o) => o.name)).toEqual(['Support', 'Sales']);
		expect(search.results).toEqual([{ name: 'Sales', value: '1892000000082070' }]);
	});
});
