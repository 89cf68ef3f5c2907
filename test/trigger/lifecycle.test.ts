import { randomBytes } from 'node:crypto';
import nock from 'nock';

import { runWebhookMethod } from '../harness';
import type { NodeUnderTest } from '../harness';
import { DESK, NODE_DATA, ORG, PRODUCTION_URL, TEST_URL, TOKEN, ZOHO_WEBHOOK_ID, credentials, useNock } from './fixtures';

const DEPARTMENT = '1892000000082069';

const automatic = (parameters: Record<string, unknown> = {}): NodeUnderTest => ({
	nodeType: 'zohoDeskTrigger',
	parameters: { mode: 'automatic', events: ['Ticket_Add', 'Ticket_Update', 'Contact_Delete'], ...parameters } as never,
	credentials: credentials(),
});

/** The subscriptions the default parameters above ask Zoho for. */
const defaultSubscriptions = {
	Ticket_Add: null,
	Ticket_Update: { includePrevState: true },
	Contact_Delete: null,
};

const remote = (url: string, subscriptions: object, extra: object = {}) => ({
	id: ZOHO_WEBHOOK_ID,
	url,
	subscriptions,
	isEnabled: true,
	type: 'CUSTOMER_WEBHOOK',
	createdTime: '2026-11-27T10:00:00.000Z',
	...extra,
});

useNock();

describe('create', () => {
	test('registers the production URL with the chosen events, filters only where Zoho accepts them, and keeps the id', async () => {
		let sent: Record<string, unknown> = {};
		nock(DESK).get('/api/v1/webhooks').reply(204);
		nock(DESK, { reqheaders: { orgid: ORG, authorization: `Zoho-oauthtoken ${TOKEN}` } })
			.post('/api/v1/webhooks', (body) => ((sent = body), true))
			.reply(200, remote(PRODUCTION_URL, {}));

		const { result, staticData } = await runWebhookMethod({
			...automatic({
				events: ['Ticket_Add', 'Ticket_Update', 'Ticket_Thread_Add', 'Contact_Add', 'Task_Update', 'Ticket_Comment_Attachment_Add'],
				departmentIds: [DEPARTMENT],
				watchedFields: ['status', 'priority'],
				direction: 'in',
				options: { includeAutomationEvents: true, ignoreSourceId: '49ad222a-f812-11e7-8c3f-9a214cf093ae' },
			}),
			method: 'create',
		});

		expect(result).toBe(true);
		expect(staticData[NODE_DATA]).toEqual({ webhookId: ZOHO_WEBHOOK_ID });
		expect(sent).toMatchObject({
			url: PRODUCTION_URL,
			isEnabled: true,
			includeEventsFrom: ['AUTOMATION'],
			ignoreSourceId: '49ad222a-f812-11e7-8c3f-9a214cf093ae',
		});
		expect(sent.subscriptions).toEqual({
			Ticket_Add: { departmentIds: [DEPARTMENT] },
			Ticket_Update: { departmentIds: [DEPARTMENT], includePrevState: true, fields: ['status', 'priority'] },
			Ticket_Thread_Add: { departmentIds: [DEPARTMENT], direction: 'in' },
			Contact_Add: null,
			Task_Update: { departmentIds: [DEPARTMENT], includePrevState: true },
			Ticket_Comment_Attachment_Add: null,
		});
		expect(String(sent.name)).toMatch(/^n8n /);
	});

	test('listening for a test event registers the test URL, not the production one', async () => {
		let url = '';
		nock(DESK).get('/api/v1/webhooks').reply(200, { data: [remote(PRODUCTION_URL, defaultSubscriptions)] });
		nock(DESK)
			.post('/api/v1/webhooks', (body) => ((url = body.url), true))
			.reply(200, remote(TEST_URL, defaultSubscriptions, { id: '1892000000999999999' }));

		const { staticData } = await runWebhookMethod({ ...automatic(), method: 'create', mode: 'manual' });

		expect(url).toBe(TEST_URL);
		expect(staticData[NODE_DATA]).toEqual({ webhookId: '1892000000999999999' });
	});

	test('replaces an outdated registration of the same URL instead of adding a second webhook', async () => {
		nock(DESK)
			.get('/api/v1/webhooks')
			.reply(200, { data: [remote(PRODUCTION_URL, { Ticket_Add: null }, { id: '1892000000000000001' })] });
		nock(DESK).delete('/api/v1/webhooks/1892000000000000001').reply(200);
		nock(DESK).post('/api/v1/webhooks').reply(200, remote(PRODUCTION_URL, defaultSubscriptions));

		const { staticData } = await runWebhookMethod({ ...automatic(), method: 'create' });

		expect(staticData[NODE_DATA]).toEqual({ webhookId: ZOHO_WEBHOOK_ID });
	});

	test('the plan limit says so and points to polling and Manual mode', async () => {
		nock(DESK).get('/api/v1/webhooks').reply(204);
		nock(DESK).post('/api/v1/webhooks').reply(403, {
			errorCode: 'LICENSE_ACCESS_LIMITED',
			message: 'Your edition does not allow this operation.',
			feature: 'WEBHOOKS',
			editionType: 'STANDARD',
			maxAllowedEntity: 0,
			isTrial: false,
		});

		const failure = runWebhookMethod({ ...automatic(), method: 'create' });

		await expect(failure).rejects.toThrow('Your Zoho Desk plan allows no further webhook');
		await expect(failure).rejects.toMatchObject({
			description: expect.stringMatching(/\(STANDARD\) allows 0 webhooks.*Poll Trigger.*Manual/s),
		});
	});

	test('a missing Webhook permission says which permission and scope are needed', async () => {
		nock(DESK).get('/api/v1/webhooks').reply(204);
		nock(DESK)
			.post('/api/v1/webhooks')
			.reply(403, { errorCode: 'FORBIDDEN', message: 'You do not have sufficient permission to perform this operation.' });

		const failure = runWebhookMethod({ ...automatic(), method: 'create' });

		await expect(failure).rejects.toThrow('Zoho Desk does not allow this user or token to create webhooks');
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/"Webhook" permission.*Desk\.webhooks\.ALL.*Poll Trigger/s) });
	});

	test('a URL Zoho cannot validate is explained (public, port 80 or 443)', async () => {
		nock(DESK).get('/api/v1/webhooks').reply(204);
		nock(DESK)
			.post('/api/v1/webhooks')
			.reply(422, { errorCode: 'INVALID_DATA', message: 'The URL could not be validated.', errors: [{ fieldName: '/url', errorType: 'invalid' }] });

		const failure = runWebhookMethod({ ...automatic(), method: 'create' });

		await expect(failure).rejects.toThrow(`Zoho Desk could not register ${PRODUCTION_URL}`);
		await expect(failure).rejects.toMatchObject({ description: expect.stringContaining('port 80 or 443') });
	});

	test.each([
		[{ events: [] }, 'Choose at least one event'],
		[{ watchedFields: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'at most 5 ticket fields'],
		[{ options: { ignoreSourceId: 'my-app' } }, 'must be a UUID'],
	])('refuses settings Zoho would reject before calling it: %j', async (parameters, message) => {
		await expect(runWebhookMethod({ ...automatic(parameters), method: 'create' })).rejects.toThrow(message);
	});
});

describe('checkExists', () => {
	test('adopts the webhook with this exact URL and the same subscriptions', async () => {
		nock(DESK)
			.get('/api/v1/webhooks')
			.reply(200, {
				data: [
					remote(`${PRODUCTION_URL}-other`, defaultSubscriptions, { id: '1' }),
					// Zoho may echo filters it was not sent as null/false and reorder them; that is still a match.
					remote(PRODUCTION_URL, {
						Contact_Delete: null,
						Ticket_Update: { includePrevState: true, departmentIds: null },
						Ticket_Add: { departmentIds: [] },
					}),
				],
			});

		const { result, staticData } = await runWebhookMethod({ ...automatic(), method: 'checkExists' });

		expect(result).toBe(true);
		expect(staticData[NODE_DATA]).toEqual({ webhookId: ZOHO_WEBHOOK_ID });
	});

	test('the production webhook does not count while listening on the test URL', async () => {
		nock(DESK).get('/api/v1/webhooks').reply(200, { data: [remote(PRODUCTION_URL, defaultSubscriptions)] });

		const { result, staticData } = await runWebhookMethod({ ...automatic(), method: 'checkExists', mode: 'manual' });

		expect(result).toBe(false);
		expect(staticData[NODE_DATA]).toBeUndefined();
	});

	test.each([
		['other events', remote(PRODUCTION_URL, { Ticket_Add: null })],
		['other filters', remote(PRODUCTION_URL, { ...defaultSubscriptions, Ticket_Add: { departmentIds: [DEPARTMENT] } })],
		['other options', remote(PRODUCTION_URL, defaultSubscriptions, { includeEventsFrom: ['AUTOMATION'] })],
		['disabled by Zoho', remote(PRODUCTION_URL, defaultSubscriptions, { isEnabled: false })],
	])('a webhook with %s is not ours as configured', async (_, webhook) => {
		nock(DESK).get('/api/v1/webhooks').reply(200, { data: [webhook] });

		const { result } = await runWebhookMethod({ ...automatic(), method: 'checkExists' });

		expect(result).toBe(false);
	});

	test('no webhooks at all (HTTP 204)', async () => {
		nock(DESK).get('/api/v1/webhooks').reply(204);

		expect((await runWebhookMethod({ ...automatic(), method: 'checkExists' })).result).toBe(false);
	});
});

describe('delete', () => {
	test('deletes the stored webhook and forgets it', async () => {
		nock(DESK).delete(`/api/v1/webhooks/${ZOHO_WEBHOOK_ID}`).reply(200);

		const { result, staticData } = await runWebhookMethod({
			...automatic(),
			staticData: { [NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID, zohoDeskJwks: { keys: [], fetchedAt: 1 } } },
			method: 'delete',
		});

		expect(result).toBe(true);
		expect(staticData[NODE_DATA]).toEqual({ zohoDeskJwks: { keys: [], fetchedAt: 1 } });
	});

	test('a webhook that is already gone (404) counts as deleted', async () => {
		nock(DESK)
			.delete(`/api/v1/webhooks/${ZOHO_WEBHOOK_ID}`)
			.reply(404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' });

		const { result, staticData } = await runWebhookMethod({
			...automatic(),
			staticData: { [NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID } },
			method: 'delete',
		});

		expect(result).toBe(true);
		expect(staticData[NODE_DATA]).toEqual({});
	});

	test('any other failure is reported, not swallowed', async () => {
		nock(DESK)
			.delete(`/api/v1/webhooks/${ZOHO_WEBHOOK_ID}`)
			.reply(403, { errorCode: 'FORBIDDEN', message: 'You do not have sufficient permission to perform this operation.' });

		await expect(
			runWebhookMethod({ ...automatic(), staticData: { [NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID } }, method: 'delete' }),
		).rejects.toThrow('FORBIDDEN');
	});

	test('a webhook left from Automatic mode is deleted after switching to Manual', async () => {
		nock(DESK).delete(`/api/v1/webhooks/${ZOHO_WEBHOOK_ID}`).reply(200);

		const { staticData } = await runWebhookMethod({
			...automatic({ mode: 'manual' }),
			staticData: { [NODE_DATA]: { webhookId: ZOHO_WEBHOOK_ID } },
			method: 'delete',
		});

		expect(staticData[NODE_DATA]).toEqual({});
	});
});

describe('Manual mode', () => {
	const manual = (parameters: Record<string, unknown>) => automatic({ mode: 'manual', ...parameters });

	test('registers nothing in Zoho Desk', async () => {
		const signed = manual({ zohoWebhookId: ZOHO_WEBHOOK_ID });
		expect((await runWebhookMethod({ ...signed, method: 'checkExists' })).result).toBe(false);
		const { result, staticData } = await runWebhookMethod({ ...signed, method: 'create' });
		expect(result).toBe(true);
		expect(staticData).toEqual({});
	});

	test("with Zoho's signature, refuses to activate without the Zoho Webhook ID (a token of any webhook of the organization would pass)", async () => {
		await expect(runWebhookMethod({ ...manual({ verification: 'jwt' }), method: 'create' })).rejects.toThrow(
			'Set the Zoho Webhook ID',
		);
		await expect(runWebhookMethod({ ...manual({ verification: 'jwt', zohoWebhookId: 'abc' }), method: 'create' })).rejects.toThrow(
			'Set the Zoho Webhook ID',
		);
	});

	test('refuses to activate with a guessable secret token in the credential', async () => {
		const withSecret = (webhookSecret: string) => ({
			...manual({ verification: 'token' }),
			credentials: credentials({ webhookSecret }),
		});
		await expect(runWebhookMethod({ ...withSecret('short'), method: 'create' })).rejects.toThrow(
			'Set a Webhook Secret Token of at least 16 random characters',
		);
		const ok = await runWebhookMethod({ ...withSecret(randomBytes(9).toString('hex')), method: 'create' });
		expect(ok.result).toBe(true);
	});
});
