import { TABLES } from '../../nodes/shared/tables';
import { isDeskApiCall, validateRequest } from './validator';

const DESK = 'https://desk.zoho.eu/api/v1';
const ID = '1892000000082069123';

const check = (path: string, method = 'GET') => validateRequest(method, `${DESK}${path}`);

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
		expect([...check('/webhooks', 'POST'), ...check(`/webhooks/${ID}`, 'DELETE')]).toEqual([]);
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
