import { searchCriteria } from '../../nodes/core/sync/searchCriteria';
import { TABLES } from '../../nodes/core/tables';

const tickets = TABLES.tickets;

test('list filters search can say become search criteria, under search\'s names; unset ones and sortBy are left out', () => {
	expect(
		searchCriteria(tickets, {
			departmentId: '1892000000082069',
			status: 'Open,On Hold',
			assignee: '1892000000056007,1892000000056008',
			priority: '',
			channel: undefined,
			sortBy: '-createdTime',
		}),
	).toEqual({ departmentId: '1892000000082069', status: 'Open,On Hold', assigneeId: '1892000000056007,1892000000056008' });
});

test('"Any time" restricts nothing', () => {
	expect(searchCriteria(tickets, { receivedInDays: '-1' })).toEqual({});
});

test.each([
	['a filter search has no name for', { viewId: '1892000000031001' }],
	['several values where search takes one', { departmentId: '1,2' }],
	['the list\'s "Unassigned", which search\'s assigneeId cannot say', { assignee: 'Unassigned' }],
	['a real received-in-days period', { receivedInDays: '15' }],
])('undefined (only the list can select the same records) for %s', (_, filters) => {
	expect(searchCriteria(tickets, filters)).toBeUndefined();
});

test('a table without a search endpoint has no criteria', () => {
	expect(searchCriteria(TABLES.products, {})).toBeUndefined();
});
