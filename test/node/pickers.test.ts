import { listSearch, loadOptions } from '../harness';
import { desk, selfClient, tickets, useNock } from './fixtures';

useNock();

const picker = (method: string, filter?: string, paginationToken?: string) =>
	listSearch({ nodeType: 'zohoDesk', parameters: { resource: 'ticket', operation: 'get' }, credentials: selfClient(), method, filter, paginationToken });

test('departments: a page of names filtered by what was typed, with a token for the next page', async () => {
	const departments = Array.from({ length: 50 }, (_, i) => ({ id: String(100 + i), name: i === 7 ? 'Billing' : `Team ${i}` }));
	desk().get('/api/v1/departments').query({ from: 0, limit: 50 }).reply(200, { data: departments });

	const result = await picker('searchDepartments', 'bill');

	expect(result.results).toEqual([{ name: 'Billing', value: '107' }]);
	expect(result.paginationToken).toBe('50');
});

test('tickets: recent tickets for short input, Zoho full-text search from 3 characters', async () => {
	desk().get('/api/v1/tickets').query({ sortBy: '-createdTime', from: 0, limit: 50 }).reply(200, { data: tickets(2) });
	desk()
		.get('/api/v1/tickets/search')
		.query({ _all: 'printer', from: 0, limit: 50, sortBy: '-modifiedTime' })
		.reply(200, { data: [{ id: '9', ticketNumber: '42', subject: 'Printer on fire', webUrl: 'https://desk.zoho.com/x' }], count: 1 });

	const recent = await picker('searchTickets');
	const found = await picker('searchTickets', 'printer');

	expect(recent.results.map((r) => r.name)).toEqual(['Ticket 0', 'Ticket 1']);
	expect(found.results).toEqual([{ name: '#42 Printer on fire', value: '9', url: 'https://desk.zoho.com/x' }]);
});

test('contracts: Zoho filters by name prefix', async () => {
	desk().get('/api/v1/contracts').query({ contractName: 'Gold', from: 0, limit: 50 }).reply(200, { data: [{ id: '7', contractName: 'Gold plan' }] });
	const result = await picker('searchContracts', 'Gold');
	expect(result.results).toEqual([{ name: 'Gold plan', value: '7' }]);
});

test('ticket views come from /views?module=tickets', async () => {
	desk().get('/api/v1/views').query({ module: 'tickets' }).reply(200, { data: [{ id: '11', name: 'All Cases', displayLabel: 'All Tickets' }] });
	const result = await picker('searchTicketViews');
	expect(result.results).toEqual([{ name: 'All Tickets', value: '11' }]);
});

test('department multi-select lists every department across pages', async () => {
	const page1 = Array.from({ length: 200 }, (_, i) => ({ id: String(i), name: `D${i}` }));
	desk().get('/api/v1/departments').query({ from: 0, limit: 200 }).reply(200, { data: page1 });
	desk().get('/api/v1/departments').query({ from: 200, limit: 200 }).reply(200, { data: [{ id: '200', name: 'Last' }] });

	const options = await loadOptions({
		nodeType: 'zohoDesk',
		parameters: { resource: 'contract', operation: 'getMany' },
		credentials: selfClient(),
		method: 'getDepartments',
	});

	expect(options).toHaveLength(201);
	expect(options[200]).toEqual({ name: 'Last', value: '200' });
});
