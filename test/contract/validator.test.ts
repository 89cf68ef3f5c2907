import { TABLES } from '../../nodes/core/tables';
import { isDeskApiCall, validateRequest } from './validator';

const DESK = 'https://desk.zoho.eu/api/v1';
const ID = '1892000000082069123';

const check = (path: string, method = 'GET', value?: unknown) =>
	validateRequest({ method, url: `${DESK}${path}`, body: value === undefined ? undefined : { kind: 'json', value } });

describe('requests the spec allows', () => {
	test.each([
		[`/tickets?from=0&limit=100&include=contacts,assignee&sortBy=-createdTime&departmentId=${ID}&orgId=649720812`],
		['/tickets?assignee=Unassigned&status=Open,On%20Hold&receivedInDays=-1'],
		['/tickets/search?from=999&limit=100&sortBy=-modifiedTime&modifiedTimeRange=2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z'],
		[`/tickets/${ID}?include=contacts,isRead`],
		['/organizationFields?module=tickets'],
		['/departments?from=0&limit=200&isEnabled=true'],
		['/products?sortBy=-modifiedTime&limit=100'],
		['/contracts?sortBy=-modifiedTime&limit=100&include=accounts,owner'],
		['/views?module=contracts'],
		['/organizations'],
	])('GET %s', (path) => {
		expect(check(path)).toEqual([]);
	});

	test('webhook registration and removal', () => {
		const webhook = { url: 'https://n8n.example.com/webhook/abc', subscriptions: { Ticket_Add: null } };
		expect([...check('/webhooks', 'POST', webhook), ...check(`/webhooks/${ID}`, 'DELETE')]).toEqual([]);
	});
});

describe('requests the spec forbids', () => {
	test.each([
		['an undeclared query parameter', '/tickets?foo=1', 'query parameter "foo" is not declared'],
		['n8n\'s default array encoding', '/tickets?include[0]=contacts', 'query parameter "include[0]" is not declared'],
		['an enum value outside the list', '/tickets?include=contacts,isRead', 'include: "isRead" is not one of'],
		['a sort field the endpoint lacks', '/tickets?sortBy=modifiedTime', 'sortBy: "modifiedTime" is not one of'],
		['a "-" where the spec does not allow one', '/organizationFields?module=-tickets', '"-tickets" is not one of'],
		['ticket list limit 101', '/tickets?limit=101', 'limit: 101 is above the maximum 100'],
		['contracts limit 0', '/contracts?limit=0', 'limit: 0 is below the minimum 1'],
		['search from 1000', '/tickets/search?from=1000', 'from: 1000 is above the maximum 999'],
		['a missing required parameter', '/organizationFields', 'required query parameter "module" is missing'],
		['a non-integer limit', '/departments?limit=ten', 'limit: "ten" is not an integer'],
		['a repeated single-value parameter', '/departments?limit=1&limit=2', 'limit is sent 2 times'],
		['too many list values', `/tickets?departmentIds=${Array(21).fill(ID).join(',')}`, 'more than maxItems 20'],
		['an id that is not digits', '/tickets/undefined', 'path {ticketId}: "undefined" does not match'],
		['an unknown path', '/ticketsCount', '/api/v1/ticketsCount is in no spec file'],
		['an undeclared method', `/tickets/${ID}`, 'DELETE is not declared for', 'DELETE'],
	])('%s', (_, path, problem, method = 'GET') => {
		const problems = check(path, method);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(problem);
	});

	test('each violation names the spec file and operation it was checked against', () => {
		expect(check('/tickets/search?from=1000')[0]).toContain('(extra/tickets-search.json GET /api/v1/tickets/search)');
	});
});

describe('request bodies', () => {
	const ticket = { subject: 'Printer on fire', departmentId: ID, contactId: ID, priority: 'High', cf: { cf_floor: '3' } };
	const attachment = (parts: Array<{ name: string; file: boolean }>) =>
		validateRequest({ method: 'POST', url: `${DESK}/tickets/${ID}/attachments`, body: { kind: 'multipart', parts } });

	test.each([
		['a ticket with its required fields', '/tickets', ticket],
		['a ticket update with one field', `/tickets/${ID}`, { status: 'Closed' }, 'PATCH'],
		['closing tickets by id', '/closeTickets', { ids: [ID] }],
		['a comment', `/tickets/${ID}/comments`, { content: 'Called back', contentType: 'plainText', isPublic: false, attachmentIds: [] }],
	])('%s', (_, path, body, method = 'POST') => {
		expect(check(path, method, body)).toEqual([]);
	});

	test.each([
		['a missing required field', '/tickets', { subject: 'x', contactId: ID }, 'body /departmentId: required field is missing'],
		['neither a contact id nor a contact', '/tickets', { subject: 'x', departmentId: ID }, 'matches none of 2 alternatives; closest: /contactId: required field is missing'],
		['a field the spec does not have', '/tickets', { ...ticket, mood: 'grumpy' }, 'body /mood: field is not in the spec'],
		['a wrong type', '/closeTickets', { ids: ID }, 'body /ids: string "1892000000082069123" is not array'],
		['a value outside the enum', `/tickets/${ID}/comments`, { content: 'x', contentType: 'markdown', attachmentIds: [] }, 'body /contentType: "markdown" is not one of'],
		['an id that is not digits', '/closeTickets', { ids: ['abc'] }, 'body /ids/0: "abc" does not match'],
		['a body where the spec takes none', '/departments', { name: 'x' }, 'sends a body, but the spec declares none'],
	])('%s', (_, path, body, problem) => {
		const problems = check(path, path === '/departments' ? 'GET' : 'POST', body);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(problem);
	});

	test('a required body that is not sent', () => {
		expect(check('/closeTickets', 'POST')).toEqual([expect.stringContaining('the request body is missing')]);
	});

	test('an attachment is a multipart upload with a file part', () => {
		expect(attachment([{ name: 'file', file: true }])).toEqual([]);
		expect(attachment([{ name: 'file', file: false }])).toEqual([expect.stringContaining('part "file" must be a file')]);
		expect(attachment([{ name: 'upload', file: true }])).toEqual([expect.stringContaining('required part "file" is missing')]);
		expect(check(`/tickets/${ID}/attachments`, 'POST', { file: 'x' })).toEqual([
			expect.stringContaining('sends JSON, the spec takes multipart/form-data'),
		]);
	});
});

test('accounts-server and signing-key requests are not Desk API calls', () => {
	expect(isDeskApiCall('https://accounts.zoho.eu/oauth/v2/token')).toBe(false);
	expect(isDeskApiCall('http://127.0.0.1:4010/.well-known/jwks.json')).toBe(false);
	expect(isDeskApiCall(`${DESK}/tickets`)).toBe(true);
});

test('every list and record path in the table registry is in the spec', () => {
	const paths = Object.values(TABLES).flatMap((table) => [table.listPath, table.recordPath.replace('{id}', ID)]);
	const pathProblems = paths.flatMap((path) => check(path)).filter((problem) => !problem.startsWith('required query'));
	expect(pathProblems).toEqual([]);
});
