'use strict';
/** The Desk API's behaviour beyond shapes: paging limits, 204, 422, org binding, scopes, search, seeded data. */
const { startSimulator } = require('./index');
const { deskClient } = require('./helpers');

/** Every page of a list, following from/limit until the 204 (or a short page). */
async function readAll(desk, path, limit) {
	const rows = [];
	for (let from = 0; ; from += limit) {
		const { status, body } = await desk.get(`${path}${path.includes('?') ? '&' : '?'}from=${from}&limit=${limit}`);
		if (status === 204) return rows;
		rows.push(...body.data);
		if (body.data.length < limit) return rows;
	}
}

describe('Desk API', () => {
	let sim;
	let desk;

	beforeAll(async () => {
		sim = await startSimulator({ tickets: 1000, seed: 7 });
		desk = deskClient(sim);
	});
	afterAll(() => sim.stop());

	test('ids are 19-digit strings in every table', async () => {
		const lists = await Promise.all(
			['/tickets?limit=5', '/departments', '/products', '/contracts', '/organizationFields?module=tickets'].map((p) =>
				desk.get(p),
			),
		);
		for (const { body } of lists) {
			for (const record of body.data) expect(record.id).toMatch(/^[0-9]{19}$/);
		}
	});

	test('views of a module, for view pickers (GET /views needs module)', async () => {
		const { status, body } = await desk.get('/views?module=tickets');
		expect(status).toBe(200);
		expect(body.data.map((view) => view.displayLabel)).toEqual(['All Tickets', 'Open Tickets', 'My Tickets']);
		for (const view of body.data) expect(view.id).toMatch(/^[0-9]{19}$/);
		expect((await desk.get('/views')).status).toBe(422);
	});

	test('paging maxima and from limits of the spec', async () => {
		const status = async (path) => (await desk.get(path)).status;
		expect(await status('/tickets?limit=100')).toBe(200);
		expect(await status('/tickets?limit=101')).toBe(422);
		expect(await status('/tickets?limit=0')).toBe(422);
		expect(await status('/tickets?from=-1')).toBe(422);
		expect(await status('/departments?limit=200')).toBe(200);
		expect(await status('/departments?limit=201')).toBe(422);
		expect(await status('/products?limit=101')).toBe(422);
		expect(await status('/contracts?limit=101')).toBe(422);
		expect(await status('/tickets/search?from=900&limit=100')).toBe(200);
		expect(await status('/tickets/search?from=999&limit=100')).toBe(204); // allowed, but fewer than 1,000 live tickets
		expect(await status('/tickets/search?from=1000')).toBe(422);
		expect(await status('/tickets/search?limit=101')).toBe(422);
		expect(await status('/tickets/search?limit=0')).toBe(422);
	});

	test('unknown parameters and values are 422 UNPROCESSABLE_ENTITY', async () => {
		for (const path of [
			'/tickets?modifiedSince=2024-01-01',
			'/tickets?sortBy=modifiedTime',
			'/tickets?include=isRead',
			'/tickets/search?createdTimeRange=yesterday',
			'/organizationFields',
			'/contracts?departmentId=1',
		]) {
			const { status, body } = await desk.get(path);
			expect([path, status, body.errorCode]).toEqual([path, 422, 'UNPROCESSABLE_ENTITY']);
		}
	});

	test('a full read by from/limit returns every live ticket once, then 204; counts agree', async () => {
		const listed = await readAll(desk, '/tickets', 100);
		const ids = new Set(listed.map((t) => t.id));
		expect(ids.size).toBe(listed.length);
		const search = await desk.get('/tickets/search?limit=1');
		const queue = await desk.get('/ticketQueueView/count?viewId=1&departmentId=allDepartment');
		expect(search.body.count).toBe(listed.length);
		expect(queue.body.count).toBe(String(listed.length));
		// ~1% of seeded tickets are in the trash: not listed, not searchable, but readable by id with isTrashed.
		expect(listed.length).toBeLessThan(1000);
		expect(listed.length).toBeGreaterThan(970);
		const trashed = sim.createRecord('tickets', { subject: 'To be trashed' });
		sim.deleteRecord('tickets', trashed.id);
		expect((await readAll(desk, '/tickets', 100)).some((t) => t.id === trashed.id)).toBe(false);
		expect((await desk.get(`/tickets/search?id=${trashed.id}`)).status).toBe(204);
		expect((await desk.get(`/tickets/${trashed.id}`)).body).toMatchObject({ id: trashed.id, isTrashed: true });
	});

	test('default list order is createdTime ascending, ties by id; "-" reverses', async () => {
		const asc = (await desk.get('/tickets?limit=100&sortBy=createdTime')).body.data;
		const byDefault = (await desk.get('/tickets?limit=100')).body.data;
		expect(byDefault.map((t) => t.id)).toEqual(asc.map((t) => t.id));
		for (let i = 1; i < asc.length; i++) {
			const [a, b] = [asc[i - 1], asc[i]];
			expect(a.createdTime < b.createdTime || (a.createdTime === b.createdTime && a.id < b.id)).toBe(true);
		}
		const all = await readAll(desk, '/tickets?sortBy=createdTime', 100);
		const desc = await readAll(desk, '/tickets?sortBy=-createdTime', 100);
		expect(desc.map((t) => t.id)).toEqual(all.map((t) => t.id).reverse());
	});

	test('seeded data: same seed, same data; records share createdTime and modifiedTime milliseconds', async () => {
		const twin = await startSimulator({ tickets: 1000, seed: 7 });
		const other = await startSimulator({ tickets: 1000, seed: 8 });
		try {
			// webUrl carries the port, which differs between simulators.
			const page = async (client) =>
				(await client.get('/tickets/search?limit=100&sortBy=createdTime')).body.data.map(({ webUrl, ...t }) => t);
			const first = await page(desk);
			const same = await page(deskClient(twin));
			const different = await page(deskClient(other));
			expect(same).toEqual(first);
			expect(different.map((t) => t.subject)).not.toEqual(first.map((t) => t.subject));
		} finally {
			await Promise.all([twin.stop(), other.stop()]);
		}
		const all = [];
		for (let from = 0; from < 1000; from += 100)
			all.push(...(await desk.get(`/tickets/search?from=${from}&limit=100&sortBy=createdTime`)).body.data);
		const sharing = (key) => all.length - new Set(all.map((t) => t[key])).size;
		expect(sharing('createdTime')).toBeGreaterThan(5);
		expect(sharing('modifiedTime')).toBeGreaterThan(5);
		expect(all.every((t) => t.modifiedTime >= t.createdTime)).toBe(true);
		const years =
			(Date.parse(all[all.length - 1].createdTime) - Date.parse(all[0].createdTime)) / (365 * 24 * 3600 * 1000);
		expect(years).toBeGreaterThan(1.5);
	});

	test('search time ranges are inclusive at both ends and sort by the ranged time', async () => {
		const sorted = (await desk.get('/tickets/search?limit=100&from=300&sortBy=createdTime')).body.data;
		const [from, to] = [sorted[10].createdTime, sorted[60].createdTime];
		const inRange = (await desk.get(`/tickets/search?limit=100&sortBy=createdTime&createdTimeRange=${from},${to}`))
			.body;
		expect(inRange.data[0].createdTime).toBe(from);
		expect(inRange.data[inRange.data.length - 1].createdTime).toBe(to);
		expect(inRange.count).toBe(inRange.data.length);
		expect(inRange.data.every((t) => t.createdTime >= from && t.createdTime <= to)).toBe(true);

		const modified = (
			await desk.get(
				`/tickets/search?limit=100&sortBy=-modifiedTime&modifiedTimeRange=2026-01-01T00:00:00.000Z,2026-03-01T00:00:00.000Z`,
			)
		).body.data;
		expect(modified.length).toBeGreaterThan(10);
		for (let i = 1; i < modified.length; i++) {
			const [a, b] = [modified[i - 1], modified[i]];
			expect(a.modifiedTime > b.modifiedTime || (a.modifiedTime === b.modifiedTime && a.id > b.id)).toBe(true);
		}
	});

	test('search criteria: status, departmentId, subject wildcard, custom fields', async () => {
		const department = (await desk.get('/departments?isEnabled=true')).body.data[1];
		const byDepartment = (await desk.get(`/tickets/search?limit=100&departmentId=${department.id}&status=Open`)).body
			.data;
		expect(byDepartment.length).toBeGreaterThan(0);
		expect(byDepartment.every((t) => t.departmentId === department.id && t.status === 'Open')).toBe(true);
		const bySubject = (await desk.get('/tickets/search?limit=100&subject=Invoice*')).body.data;
		expect(bySubject.length).toBeGreaterThan(0);
		expect(bySubject.every((t) => t.subject.startsWith('Invoice'))).toBe(true);
		const byCustom = (await desk.get('/tickets/search?limit=100&customField1=cf_severity:S1')).body.data;
		expect(byCustom.length).toBeGreaterThan(0);
		expect(byCustom.every((t) => t.cf.cf_severity === 'S1')).toBe(true);
	});

	test('custom fields on records are the cf_ fields organizationFields describes', async () => {
		const fields = (await desk.get('/organizationFields?module=tickets')).body.data;
		const custom = fields
			.filter((f) => f.isCustomField)
			.map((f) => f.apiName)
			.sort();
		const ticket = (await desk.get('/tickets?limit=1')).body.data[0];
		const detail = (await desk.get(`/tickets/${ticket.id}`)).body;
		expect(Object.keys(detail.cf).sort()).toEqual(custom);
		expect(Object.keys(detail.customFields)).toContain('Severity');
		const statuses = fields.find((f) => f.apiName === 'status').allowedValues;
		expect(statuses).toContainEqual({ value: 'On Hold', statusType: 'On Hold' });
	});

	test('fields and include shape list items', async () => {
		const { data } = (await desk.get('/tickets?limit=3&fields=subject,modifiedTime,cf_severity')).body;
		expect(Object.keys(data[0]).sort()).toEqual(['cf', 'id', 'modifiedTime', 'subject']);
		expect(Object.keys(data[0].cf)).toEqual(['cf_severity']);
		expect((await desk.get('/tickets?limit=3&fields=noSuchField')).status).toBe(422);
		const products = (await desk.get('/products?limit=2&fields=productName,modifiedTime')).body.data;
		expect(products[0]).toEqual({
			id: expect.any(String),
			productName: expect.any(String),
			modifiedTime: expect.any(String),
		});
		const withInclude = (await desk.get('/tickets?limit=3&include=contacts,departments')).body.data[0];
		expect(withInclude.contact.id).toBe(withInclude.contactId);
		expect(withInclude.department.id).toBe(withInclude.departmentId);
	});

	test("orgId is required, may be a query parameter, and must be the token's org", async () => {
		const noOrg = await deskClient(sim, { headerOrgId: null }).get('/tickets');
		expect([noOrg.status, noOrg.body.errorCode]).toEqual([422, 'UNPROCESSABLE_ENTITY']);
		expect((await deskClient(sim, { headerOrgId: null }).get(`/tickets?orgId=${sim.orgId}&limit=1`)).status).toBe(200);
		const mismatch = await deskClient(sim, { headerOrgId: sim.otherOrgId }).get('/tickets');
		expect([mismatch.status, mismatch.body.errorCode]).toEqual([403, 'OAUTH_ORG_MISMATCH']);
		expect((await deskClient(sim, { headerOrgId: null }).get('/organizations')).body.data.map((o) => o.id)).toEqual(
			sim.orgIds,
		);
		const other = deskClient(sim, { orgId: sim.otherOrgId });
		const otherTickets = await readAll(other, '/tickets', 100);
		const mine = new Set((await desk.get('/tickets?limit=100')).body.data.map((t) => t.id));
		expect(otherTickets.length).toBeGreaterThan(0);
		expect(otherTickets.some((t) => mine.has(t.id))).toBe(false);
	});

	test('scopes are enforced per endpoint', async () => {
		const withScopes = (scopes, path) => deskClient(sim, { scopes }).get(path);
		const mismatch = await withScopes(['Desk.tickets.READ'], '/tickets/search');
		expect([mismatch.status, mismatch.body.errorCode]).toEqual([403, 'SCOPE_MISMATCH']);
		expect((await withScopes(['Desk.tickets.READ', 'Desk.search.READ'], '/tickets/search')).status).toBe(200);
		expect((await withScopes(['Desk.tickets.ALL'], '/tickets?limit=1')).status).toBe(200);
		expect((await withScopes(['Desk.basic.READ'], '/departments')).status).toBe(200);
		expect((await withScopes(['Desk.basic.READ'], '/organizationFields?module=tickets')).status).toBe(403);
		expect(
			(await withScopes(['Desk.basic.READ', 'Desk.fields.READ'], '/organizationFields?module=tickets')).status,
		).toBe(200);
		expect((await withScopes(['Desk.contracts.READ'], '/contracts')).status).toBe(403);
		expect((await withScopes(['Desk.settings.READ'], '/contracts')).status).toBe(200);
		expect((await withScopes(['Desk.products.READ'], '/webhooks')).status).toBe(403);
	});

	test('control changes show up in the API: create, update bumps modifiedTime, delete trashes', async () => {
		const created = sim.createRecord('tickets', {
			subject: 'Printer on fire',
			status: 'Open',
			cf: { cf_severity: 'S1' },
		});
		expect(created.id).toMatch(/^[0-9]{19}$/);
		expect((await desk.get(`/tickets/search?id=${created.id}`)).body.data[0]).toMatchObject({
			subject: 'Printer on fire',
			cf: { cf_severity: 'S1' },
		});
		await new Promise((resolve) => setTimeout(resolve, 5));
		const updated = sim.updateRecord('tickets', created.id, { status: 'Closed' });
		expect(updated.modifiedTime > created.modifiedTime).toBe(true);
		expect(updated).toMatchObject({
			statusType: 'Closed',
			closedTime: updated.modifiedTime,
			cf: { cf_severity: 'S1' },
		});
		const recent = await desk.get(
			`/tickets/search?sortBy=modifiedTime&modifiedTimeRange=${updated.modifiedTime},${updated.modifiedTime}`,
		);
		expect(recent.body.data.map((t) => t.id)).toContain(created.id);

		const product = sim.createRecord('products', { productName: 'Gizmo', unitPrice: '12.5' });
		expect((await desk.get(`/products/${product.id}`)).body).toMatchObject({
			productName: 'Gizmo',
			unitPrice: '12.5',
			isDeleted: false,
		});
		sim.deleteRecord('products', product.id);
		expect((await desk.get(`/products/${product.id}`)).body.isDeleted).toBe(true);
		const contract = (await desk.get('/contracts?limit=1')).body.data[0];
		sim.deleteRecord('contracts', contract.id);
		expect((await desk.get(`/contracts/${contract.id}`)).status).toBe(404);
		sim.deleteRecord('tickets', created.id, { permanent: true });
		expect((await desk.get(`/tickets/${created.id}`)).status).toBe(404);
	});

	test('unknown paths are 404 URL_NOT_FOUND, wrong methods 405', async () => {
		expect((await desk.get('/ticketsCount')).body.errorCode).toBe('URL_NOT_FOUND');
		expect((await desk.request('PUT', '/tickets')).status).toBe(405);
	});
});
