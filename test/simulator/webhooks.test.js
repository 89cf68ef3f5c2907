'use strict';
/** Webhook management (validation, quotas) and delivery (filters, JWT, retries, 410). */
const { DEFAULT_SCOPES, startSimulator } = require('./index');
const { deskClient, startReceiver, verifyJwt } = require('./helpers');

describe('webhooks', () => {
	let sim;
	let desk;
	let receiver;
	let departments;

	const jwks = () => fetch(`${sim.url}/.well-known/jwks.json`).then((r) => r.json());
	const create = (body) => desk.request('POST', '/webhooks', { body: { url: receiver.url, ...body } });
	const deliveredEvents = () => receiver.deliveries().flatMap((request) => request.body);

	beforeAll(async () => {
		sim = await startSimulator({ tickets: 100, webhookRetryBaseMs: 20, webhookTimeoutMs: 1000 });
		// The package never updates a webhook; the simulator's PATCH is tested with the scope for it.
		desk = deskClient(sim, { scopes: [...DEFAULT_SCOPES, 'Desk.webhooks.UPDATE'] });
		departments = (await desk.get('/departments?isEnabled=true')).body.data;
	});
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		const all = await desk.get('/webhooks');
		for (const webhook of all.body?.data ?? []) await desk.request('DELETE', `/webhooks/${webhook.id}`);
		await sim.deliveriesSettled();
		sim.clearDeliveries();
		sim.configure({ edition: 'enterprise' });
		await receiver.close();
	});
	afterAll(() => sim.stop());

	test('creation validates the URL with a GET, then a POST, and fails without a 200', async () => {
		expect((await create({ subscriptions: { Ticket_Add: null } })).status).toBe(200);
		expect(receiver.requests.map((r) => r.method)).toEqual(['GET']);

		receiver.answer((req) => (req.method === 'GET' ? 404 : 200));
		expect((await create({ subscriptions: { Ticket_Add: null } })).status).toBe(200);

		receiver.answer(() => 404);
		const refused = await create({ subscriptions: { Ticket_Add: null } });
		expect(refused.status).toBe(422);
		expect(refused.body).toMatchObject({
			errorCode: 'INVALID_DATA',
			errors: [{ fieldName: '/url', errorType: 'invalid' }],
		});
		const unreachable = await desk.request('POST', '/webhooks', {
			body: { url: 'http://127.0.0.1:1/none', subscriptions: { Ticket_Add: null } },
		});
		expect(unreachable.status).toBe(422);
		expect((await desk.get('/webhooks')).body.data).toHaveLength(2);
	});

	test('a URL change re-validates; PATCH needs subscriptions; bodies are checked', async () => {
		const { body: webhook } = await create({ subscriptions: { Ticket_Add: null } });
		const other = await startReceiver(() => 500);
		try {
			const patched = await desk.request('PATCH', `/webhooks/${webhook.id}`, {
				body: { url: other.url, subscriptions: { Ticket_Add: null } },
			});
			expect(patched.status).toBe(422);
			expect(other.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
		} finally {
			await other.close();
		}
		expect((await desk.request('PATCH', `/webhooks/${webhook.id}`, { body: { name: 'renamed' } })).status).toBe(422);
		for (const body of [
			{ subscriptions: { Ticket_Delete: { departmentIds: [] } } },
			{ subscriptions: { Ticket_Update: { fields: ['a', 'b', 'c', 'd', 'e', 'f'] } } },
			{ subscriptions: { Ticket_Add: null }, ignoreSourceId: 'not-a-uuid' },
			{ subscriptions: { Ticket_Add: null }, color: 'red' },
			{ subscriptions: {} },
		]) {
			expect((await create(body)).status).toBe(422);
		}
	});

	test('contact and account writes through the Desk API send Contact_* and Account_* events; sourceId is honoured', async () => {
		const events = ['Contact_Add', 'Contact_Update', 'Contact_Delete', 'Account_Add', 'Account_Update', 'Account_Delete'];
		const ignored = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
		expect((await create({ subscriptions: Object.fromEntries(events.map((event) => [event, null])), ignoreSourceId: ignored })).status).toBe(200);

		for (const [table, idsKey, body] of [
			['contacts', 'contactIds', { lastName: 'Evented', email: 'evented@example.com' }],
			['accounts', 'accountIds', { accountName: 'Evented Ltd' }],
		]) {
			const { body: record } = await desk.request('POST', `/${table}`, { body });
			expect((await desk.request('PATCH', `/${table}/${record.id}`, { body: { description: 'changed' } })).status).toBe(200);
			await desk.request('PATCH', `/${table}/${record.id}`, { body: { description: 'quiet' }, headers: { sourceId: ignored } });
			expect((await desk.request('POST', `/${table}/moveToTrash`, { body: { [idsKey]: [record.id] } })).status).toBe(204);
		}
		await sim.deliveriesSettled();

		expect(deliveredEvents().map((event) => event.eventType)).toEqual(events);
		expect(deliveredEvents()[1].payload).toMatchObject({ lastName: 'Evented', description: 'changed' });
	});

	test('edition quotas: LICENSE_ACCESS_LIMITED beyond the enabled webhooks an edition allows', async () => {
		sim.configure({ edition: 'professional' });
		for (let i = 0; i < 5; i++) expect((await create({ subscriptions: { Ticket_Add: null } })).status).toBe(200);
		const sixth = await create({ subscriptions: { Ticket_Add: null } });
		expect(sixth.status).toBe(403);
		expect(sixth.body).toMatchObject({
			errorCode: 'LICENSE_ACCESS_LIMITED',
			editionType: 'PROFESSIONAL',
			maxAllowedEntity: '5',
			isTrial: false,
			feature: 'WEBHOOKS',
		});
		expect((await create({ subscriptions: { Ticket_Add: null }, isEnabled: false })).status).toBe(200);
		sim.configure({ edition: 'standard' });
		expect((await create({ subscriptions: { Ticket_Add: null } })).body).toMatchObject({
			errorCode: 'LICENSE_ACCESS_LIMITED',
			maxAllowedEntity: '0',
		});
	});

	test('a record change is delivered as an event array signed with X-ZDesk-JWT verifiable by the JWKS', async () => {
		const { body: webhook } = await create({
			subscriptions: { Ticket_Add: null, Ticket_Update: null, Ticket_Delete: null },
		});
		const ticket = sim.createRecord('tickets', { subject: 'Webhook me' });
		sim.updateRecord('tickets', ticket.id, { priority: 'High' });
		sim.deleteRecord('tickets', ticket.id);
		await sim.deliveriesSettled();
		const [request] = receiver.deliveries();
		const { header, claims } = verifyJwt(request.headers['x-zdesk-jwt'], await jwks());
		expect(header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
		expect(claims).toMatchObject({ iss: `orgId:${sim.orgId}`, aud: `webhookId:${webhook.id}` });
		expect(claims.exp).toBeGreaterThan(claims.iat);
		expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(60); // seconds, not ms
		const events = deliveredEvents();
		expect(events.map((e) => e.eventType)).toEqual(['Ticket_Add', 'Ticket_Update', 'Ticket_Delete']);
		expect(events[0]).toEqual({
			eventType: 'Ticket_Add',
			orgId: sim.orgId,
			eventTime: expect.stringMatching(/^\d{13}$/),
			payload: expect.objectContaining({ id: ticket.id, subject: 'Webhook me' }),
		});
		expect(events[1].prevState).toBeUndefined();
		expect(events[1].payload.priority).toBe('High');
		expect(events[2].payload).toMatchObject({ id: ticket.id, isTrashed: true });
	});

	test('subscription filters: departmentIds, fields, includePrevState', async () => {
		await create({
			subscriptions: {
				Ticket_Add: { departmentIds: [departments[0].id] },
				Ticket_Update: { fields: ['status'], includePrevState: true },
			},
		});
		const inDepartment = sim.createRecord('tickets', { departmentId: departments[0].id });
		sim.createRecord('tickets', { departmentId: departments[1].id });
		sim.updateRecord('tickets', inDepartment.id, { cf: { cf_severity: 'S1' } });
		sim.updateRecord('tickets', inDepartment.id, { status: 'On Hold' });
		await sim.deliveriesSettled();
		const events = deliveredEvents();
		expect(events.map((e) => [e.eventType, e.payload.departmentId])).toEqual([
			['Ticket_Add', departments[0].id],
			['Ticket_Update', departments[0].id],
		]);
		expect(events[1].prevState).toMatchObject({ id: inDepartment.id, status: 'Open' });
		expect(events[1].payload.status).toBe('On Hold');
	});

	test('ignoreSourceId and includeEventsFrom AUTOMATION', async () => {
		const sourceId = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
		await create({ subscriptions: { Ticket_Add: null }, ignoreSourceId: sourceId });
		const automation = await startReceiver();
		try {
			await desk.request('POST', '/webhooks', {
				body: { url: automation.url, subscriptions: { Ticket_Add: null }, includeEventsFrom: ['AUTOMATION'] },
			});
			sim.createRecord('tickets', { subject: 'from our own API call' }, { sourceId });
			sim.createRecord('tickets', { subject: 'from a workflow rule' }, { origin: 'automation' });
			sim.createRecord('tickets', { subject: 'by an agent' });
			await sim.deliveriesSettled();
			expect(deliveredEvents().map((e) => e.payload.subject)).toEqual(['by an agent']);
			expect(
				automation
					.deliveries()
					.flatMap((r) => r.body)
					.map((e) => e.payload.subject),
			).toEqual(['from our own API call', 'from a workflow rule', 'by an agent']);
		} finally {
			await automation.close();
		}
	});

	test('failed deliveries are retried with back-off; a 410 removes the webhook', async () => {
		const { body: webhook } = await create({
			subscriptions: { Department_Add: null, Department_Update: { includePrevState: true } },
		});
		let posts = 0;
		receiver.answer((req) => (req.method === 'POST' && ++posts <= 2 ? 500 : 200));
		const department = sim.createRecord('departments', { name: 'Retries' });
		await sim.deliveriesSettled();
		expect(
			sim
				.deliveries()
				.filter((d) => d.kind === 'delivery')
				.map((d) => [d.attempt, d.status]),
		).toEqual([
			[1, 500],
			[2, 500],
			[3, 200],
		]);

		receiver.answer(() => 410);
		sim.updateRecord('departments', department.id, { name: 'Gone' });
		await sim.deliveriesSettled();
		expect((await desk.get(`/webhooks/${webhook.id}`)).status).toBe(404);
		const log = await fetch(`${sim.url}/__sim/deliveries?settle=true`).then((r) => r.json());
		expect(log[log.length - 1]).toMatchObject({ status: 410, removed: true, eventTypes: ['Department_Update'] });
	});

	test('a change set is one delivery; a rotated key signs from then on and both keys stay in the JWKS', async () => {
		await create({ subscriptions: { Ticket_Add: null } });
		const before = (await jwks()).keys.map((k) => k.kid);
		const { kid } = await fetch(`${sim.url}/__sim/jwks/rotate`, { method: 'POST' }).then((r) => r.json());
		sim.createRecord('tickets', [{ subject: 'one' }, { subject: 'two' }, { subject: 'three' }]);
		await sim.deliveriesSettled();
		const [request] = receiver.deliveries();
		expect(request.body.map((e) => e.payload.subject)).toEqual(['one', 'two', 'three']);
		const keys = await jwks();
		expect(keys.keys.map((k) => k.kid)).toEqual([...before, kid]);
		expect(verifyJwt(request.headers['x-zdesk-jwt'], keys).header.kid).toBe(kid);
		expect(() => verifyJwt(request.headers['x-zdesk-jwt'], { keys: keys.keys.filter((k) => k.kid !== kid) })).toThrow();
	});
});
