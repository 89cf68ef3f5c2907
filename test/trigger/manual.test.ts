import { randomBytes } from 'node:crypto';

import { NODE_DATA, ZOHO_WEBHOOK_ID, post, signingKey, validClaims, zohoEvent, zohoJwt, zohoKey, useNock } from './fixtures';

const SECRET = randomBytes(12).toString('hex');
const cachedKeys = { [NODE_DATA]: { zohoDeskJwks: { keys: [zohoKey.jwk], fetchedAt: Date.now() } } };
const ticket = zohoEvent('Ticket_Add', { id: '1892000000093001' });

/** A request to a Manual-mode trigger (no webhook registered by the node). */
const manual = (body: unknown, parameters: Record<string, unknown>, request: { headers?: Record<string, string>; query?: Record<string, string> } = {}) =>
	post(body, {
		parameters: { mode: 'manual', ...parameters },
		staticData: cachedKeys,
		headers: { 'x-zdesk-jwt': '', ...request.headers },
		query: request.query,
		credentialFields: { webhookSecret: SECRET },
	});

const signedBy = (claims: Record<string, unknown>, key = zohoKey) => ({ headers: { 'x-zdesk-jwt': zohoJwt(key, validClaims(claims)) } });

useNock();

describe('Developer Space webhook (verification: Zoho signature)', () => {
	test('without a Zoho Webhook ID, even a delivery signed by Zoho for this organization is refused', async () => {
		const result = await manual([ticket], { verification: 'jwt' }, signedBy({ aud: 'webhookId:1892000000777000001' }));

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test('with a Zoho Webhook ID set, other webhooks are refused', async () => {
		const parameters = { verification: 'jwt', zohoWebhookId: ZOHO_WEBHOOK_ID };

		expect((await manual([ticket], parameters, signedBy({}))).workflowData?.[0]).toHaveLength(1);
		expect((await manual([ticket], parameters, signedBy({ aud: 'webhookId:1892000000777000001' }))).responseStatus).toBe(401);
	});

	test.each([
		['unsigned', {}],
		['signed for another organization', signedBy({ iss: 'orgId:1' })],
		['signed with a foreign key', signedBy({}, signingKey('zoho-key-1'))],
	])('%s is refused with 401', async (_, request) => {
		const result = await manual([ticket], { verification: 'jwt', zohoWebhookId: ZOHO_WEBHOOK_ID }, request);

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});

describe('workflow rule (verification: secret token from the credential)', () => {
	const parameters = { verification: 'token' };

	test('the token is accepted in the X-Webhook-Secret header as well as in the URL', async () => {
		const inHeader = await manual({ text: 'status: Open' }, parameters, { headers: { 'x-webhook-secret': SECRET } });
		const inUrl = await manual({ text: 'status: Open' }, parameters, { query: { token: SECRET } });

		expect(inHeader.workflowData?.[0]).toHaveLength(1);
		expect(inUrl.workflowData?.[0]).toHaveLength(1);
	});

	test('a secret kept in the node (workflow JSON) is not a credential: it is not accepted', async () => {
		const inNode = randomBytes(12).toString('hex');
		const result = await post({ text: 'status: Open' }, {
			parameters: { mode: 'manual', verification: 'token', secretToken: inNode },
			staticData: cachedKeys,
			headers: { 'x-zdesk-jwt': '' },
			query: { token: inNode },
		});

		expect(result.responseStatus).toBe(401);
	});

	test('a Cliq message with "field: value" lines becomes one item with those fields', async () => {
		const message = { text: 'ticketId: 1892000000093001\nstatus: Escalated\nsubject: Printer: on fire' };

		const result = await manual(message, parameters, { query: { token: SECRET } });

		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			source: 'workflowRule',
			fields: { ticketId: '1892000000093001', status: 'Escalated', subject: 'Printer: on fire' },
			message,
		});
	});

	test('a message whose text is JSON gives its fields; a body without text gives the body', async () => {
		const json = await manual({ text: '{"ticketId":"1892000000093001","priority":"High"}' }, parameters, { query: { token: SECRET } });
		const deluge = await manual({ ticketId: '1892000000093001', status: 'Open' }, parameters, { query: { token: SECRET } });

		expect(json.workflowData?.[0][0].json.fields).toEqual({ ticketId: '1892000000093001', priority: 'High' });
		expect(deluge.workflowData?.[0][0].json.fields).toEqual({ ticketId: '1892000000093001', status: 'Open' });
	});

	test("Zoho's event array is accepted on the token URL too", async () => {
		const result = await manual([ticket], parameters, { query: { token: SECRET } });

		expect(result.workflowData?.[0][0].json).toMatchObject({ table: 'tickets', id: '1892000000093001', webhookId: null });
	});

	test.each([
		['without a token', undefined, {}],
		['with a wrong token', { token: `${SECRET}x` }, {}],
		['with the right token but a forged signature', { token: SECRET }, signedBy({}, signingKey('zoho-key-1')).headers],
	])('a request %s is refused with 401', async (_, query, headers) => {
		const result = await manual({ text: 'status: Open' }, parameters, { query, headers });

		expect(result.responseStatus).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});

test('verification None accepts unsigned requests', async () => {
	const result = await manual({ text: 'status: Open' }, { verification: 'none' });

	expect(result.workflowData?.[0][0].json.fields).toEqual({ status: 'Open' });
});

test('in Automatic mode a single object is not a delivery (400)', async () => {
	const result = await post({ text: 'status: Open' });

	expect(result.responseStatus).toBe(400);
});
