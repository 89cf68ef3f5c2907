import nock from 'nock';

import { DESK, ORG, TICKET_ID, desk, runZohoDesk, tickets, useNock } from './fixtures';

useNock();

describe('Ticket', () => {
	test('Get sends include and returns the ticket as Zoho sent it (ids stay strings, cf kept)', async () => {
		const ticket = { id: TICKET_ID, ticketNumber: '105', departmentId: '1892000000082069', cf: { cf_region: 'EU' } };
		desk().get(`/api/v1/tickets/${TICKET_ID}`).query({ include: 'contacts,assignee' }).reply(200, ticket);

		const { items, error } = await runZohoDesk({
			resource: 'ticket',
			operation: 'get',
			id: { __rl: true, mode: 'id', value: TICKET_ID },
			options: { include: ['contacts', 'assignee'] },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([ticket]);
	});

	test('Get accepts a pasted ticket link', async () => {
		desk().get(`/api/v1/tickets/${TICKET_ID}`).reply(200, { id: TICKET_ID });
		const { items } = await runZohoDesk({
			resource: 'ticket',
			operation: 'get',
			id: { __rl: true, mode: 'url', value: `https://desk.zoho.com/support/acme/ShowHomePage.do#Cases/dv/${TICKET_ID}` },
		});
		expect(items[0].json.id).toBe(TICKET_ID);
	});

	test('Get with a non-numeric id from the input fails before calling Zoho', async () => {
		const { error } = await runZohoDesk(
			{ resource: 'ticket', operation: 'get', id: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' } },
			{ input: [{ ticketId: '12ab' }] },
		);
		expect(error?.message).toMatch(/"12ab" is not a Zoho Desk ID/);
	});

	test('Get Many sends every filter, sort and option under its spec name', async () => {
		desk()
			.get('/api/v1/tickets')
			.query({
				departmentId: '1892000000082069',
				viewId: '1892000000012345',
				status: 'Open,On Hold',
				priority: 'High',
				channel: 'Email,Phone',
				assignee: 'Unassigned',
				teamIds: '77',
				receivedInDays: '30',
				sortBy: '-createdTime',
				include: 'contacts,assignee',
				fields: 'subject,cf_region',
				from: 0,
				limit: 10,
			})
			.reply(200, { data: tickets(3) });

		const { items, error } = await runZohoDesk({
			resource: 'ticket',
			operation: 'getMany',
			limit: 10,
			filters: {
				departmentId: { __rl: true, mode: 'id', value: '1892000000082069' },
				viewId: { __rl: true, mode: 'id', value: '1892000000012345' },
				status: 'Open, On Hold',
				priority: 'High',
				channel: 'Email,Phone',
				assignee: 'Unassigned',
				teamIds: '77',
				receivedInDays: '30',
			},
			options: { sortBy: 'createdTime', sortOrder: 'desc', include: ['contacts', 'assignee'], fields: 'subject, cf_region' },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	test('Search maps text, filters, custom fields and time ranges to /tickets/search', async () => {
		desk()
			.get('/api/v1/tickets/search')
			.query({
				_all: 'refund',
				status: 'Open',
				departmentId: '1892000000082069',
				customField1: 'cf_region:EU',
				customField2: 'cf_tier:Gold',
				createdTimeRange: '2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z',
				sortBy: '-modifiedTime',
				from: 0,
				limit: 5,
			})
			.reply(200, { data: tickets(2), count: 2 });

		const { items, error } = await runZohoDesk({
			resource: 'ticket',
			operation: 'search',
			searchText: 'refund',
			limit: 5,
			filters: {
				status: 'Open',
				departmentId: { __rl: true, mode: 'list', value: '1892000000082069' },
				createdAfter: '2026-01-01T00:00:00.000Z',
				createdBefore: '2026-02-01T00:00:00.000Z',
				customFields: { field: [{ apiName: 'cf_region', value: 'EU' }, { apiName: 'cf_tier', value: 'Gold' }] },
			},
			options: { sortBy: 'modifiedTime', sortOrder: 'desc' },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});

	test('Search with Return All refuses before reading when Zoho could only return part of the matches', async () => {
		desk().get('/api/v1/tickets/search').query({ _all: 'printer', from: 0, limit: 100 }).reply(200, { data: tickets(100), count: 5000 });
		const { error, items } = await runZohoDesk({ resource: 'ticket', operation: 'search', searchText: 'printer', returnAll: true });
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/matches 5000 tickets.*first 1099/);
	});

	test('Search text shorter than 3 characters is a clear error', async () => {
		const { error } = await runZohoDesk({ resource: 'ticket', operation: 'search', searchText: 'ab' });
		expect(error?.message).toMatch(/at least 3 characters/);
	});

	test('Count returns search\'s count from a one-record call, and 0 on 204', async () => {
		desk().get('/api/v1/tickets/search').query({ status: 'Open', from: 0, limit: 1 }).reply(200, { data: tickets(1), count: '4217' });
		desk().get('/api/v1/tickets/search').query({ status: 'Nope', from: 0, limit: 1 }).reply(204);

		const open = await runZohoDesk({ resource: 'ticket', operation: 'count', filters: { status: 'Open' } });
		const none = await runZohoDesk({ resource: 'ticket', operation: 'count', filters: { status: 'Nope' } });

		expect(open.items[0].json).toEqual({ count: 4217 });
		expect(none.items[0].json).toEqual({ count: 0 });
	});
});

describe('Department', () => {
	test('Get Many sends isEnabled, searchStr and chatStatus and pages at 200', async () => {
		desk()
			.get('/api/v1/departments')
			.query({ isEnabled: 'true', searchStr: 'Sup*', chatStatus: 'AVAILABLE', from: 0, limit: 200 })
			.reply(200, { data: [{ id: '1892000000082069', name: 'Support' }] });
		const { items } = await runZohoDesk({
			resource: 'department',
			operation: 'getMany',
			returnAll: true,
			filters: { isEnabled: 'true', searchStr: 'Sup*', chatStatus: 'AVAILABLE' },
		});
		expect(items.map((i) => i.json.name)).toEqual(['Support']);
	});

	test('Get reads one department', async () => {
		desk().get('/api/v1/departments/1892000000082069').reply(200, { id: '1892000000082069', name: 'Support' });
		const { items } = await runZohoDesk({ resource: 'department', operation: 'get', id: { __rl: true, mode: 'list', value: '1892000000082069' } });
		expect(items[0].json.name).toBe('Support');
	});
});

describe('Product', () => {
	test('Get Many reads all departments (departmentId=0) by default, with sort, owner and fields', async () => {
		desk()
			.get('/api/v1/products')
			.query({ departmentId: '0', ownerId: '42', sortBy: '-productName', include: 'owner', fields: 'productName', from: 0, limit: 20 })
			.reply(200, { data: [{ id: '1', productName: 'Widget', unitPrice: '100.0' }] });
		const { items } = await runZohoDesk({
			resource: 'product',
			operation: 'getMany',
			limit: 20,
			filters: { ownerId: '42' },
			options: { sortBy: 'productName', sortOrder: 'desc', include: ['owner'], fields: 'productName' },
		});
		expect(items[0].json).toEqual({ id: '1', productName: 'Widget', unitPrice: '100.0' });
	});

	test('Get sends include', async () => {
		desk().get('/api/v1/products/55').query({ include: 'departments,owner' }).reply(200, { id: '55' });
		const { items } = await runZohoDesk({
			resource: 'product',
			operation: 'get',
			id: { __rl: true, mode: 'id', value: '55' },
			options: { include: ['departments', 'owner'] },
		});
		expect(items[0].json.id).toBe('55');
	});
});

describe('Organization Field', () => {
	test('Get Many reads one module in a single call (not paginated) and applies Limit locally', async () => {
		const fields = ['status', 'priority', 'cf_region'].map((apiName, i) => ({ id: String(900 + i), apiName }));
		desk()
			.get('/api/v1/organizationFields')
			.query({ module: 'contracts', departmentId: '1892000000082069', apiNames: 'status,priority,cf_region' })
			.reply(200, { data: fields });
		const { items } = await runZohoDesk({
			resource: 'organizationField',
			operation: 'getMany',
			module: 'contracts',
			limit: 2,
			filters: { departmentId: { __rl: true, mode: 'id', value: '1892000000082069' }, apiNames: 'status,priority,cf_region' },
		});
		expect(items.map((i) => i.json.apiName)).toEqual(['status', 'priority']);
	});

	test('Get reads one field', async () => {
		desk().get('/api/v1/organizationFields/901').reply(200, { id: '901', apiName: 'priority' });
		const { items } = await runZohoDesk({ resource: 'organizationField', operation: 'get', id: { __rl: true, mode: 'id', value: '901' } });
		expect(items[0].json.apiName).toBe('priority');
	});
});

describe('Contract', () => {
	test('Get Many sends departmentIds/ownerIds (csv), name prefix, account, view, sort and include', async () => {
		desk()
			.get('/api/v1/contracts')
			.query({
				departmentIds: '1,2',
				accountId: '3',
				ownerIds: '4,5',
				contractName: 'Gold',
				viewId: '6',
				sortBy: 'contractEndDate',
				include: 'accounts,slas',
				from: 0,
				limit: 50,
			})
			.reply(200, { data: [{ id: '7', contractName: 'Gold plan' }] });
		const { items } = await runZohoDesk({
			resource: 'contract',
			operation: 'getMany',
			filters: {
				departmentIds: ['1', '2'],
				accountId: '3',
				ownerIds: '4, 5',
				contractName: 'Gold',
				viewId: { __rl: true, mode: 'id', value: '6' },
			},
			options: { sortBy: 'contractEndDate', sortOrder: 'asc', include: ['accounts', 'slas'] },
		});
		expect(items[0].json.contractName).toBe('Gold plan');
	});

	test('more than 10 department ids is refused before calling Zoho', async () => {
		const { error } = await runZohoDesk({
			resource: 'contract',
			operation: 'getMany',
			filters: { departmentIds: Array.from({ length: 11 }, (_, i) => String(i + 1)) },
		});
		expect(error?.message).toMatch(/at most 10 departmentIds/);
	});

	test('Get reads one contract', async () => {
		desk().get('/api/v1/contracts/7').reply(200, { id: '7', contractName: 'Gold plan' });
		const { items } = await runZohoDesk({ resource: 'contract', operation: 'get', id: { __rl: true, mode: 'id', value: '7' } });
		expect(items[0].json.contractName).toBe('Gold plan');
	});
});

describe('Organization', () => {
	test('Get Many lists the portals without an orgId header', async () => {
		nock(DESK, { badheaders: ['orgid'] })
			.get('/api/v1/organizations')
			.reply(200, { data: [{ id: ORG, companyName: 'Acme' }, { id: '7000', companyName: 'Beta' }] });
		const { items } = await runZohoDesk({ resource: 'organization', operation: 'getMany', returnAll: true });
		expect(items.map((i) => i.json.companyName)).toEqual(['Acme', 'Beta']);
	});
});
