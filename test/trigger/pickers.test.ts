import nock from 'nock';

import { loadOptions } from '../harness';
import { DESK, credentials, useNock } from './fixtures';

useNock();

const picker = (method: string) =>
	loadOptions({ nodeType: 'zohoDeskTrigger', parameters: { mode: 'automatic', events: ['Ticket_Update'] }, credentials: credentials(), method });

test('watched ticket fields are offered by label with their API name, the form Zoho filters on', async () => {
	nock(DESK)
		.get('/api/v1/organizationFields')
		.query({ module: 'tickets' })
		.reply(200, {
			data: [
				{ id: '1', apiName: 'status', displayLabel: 'Status' },
				{ id: '2', apiName: 'cf_severity', displayLabel: 'Severity' },
				{ id: '3', apiName: 'priority', displayLabel: 'Priority' },
			],
		});

	expect(await picker('getTicketFields')).toEqual([
		{ name: 'Priority', value: 'priority' },
		{ name: 'Severity', value: 'cf_severity' },
		{ name: 'Status', value: 'status' },
	]);
});

test('departments are offered by name with their ID as a string', async () => {
	nock(DESK)
		.get('/api/v1/departments')
		.query({ from: 0, limit: 200 })
		.reply(200, { data: [{ id: '1892000000082069', name: 'Support' }] });

	expect(await picker('getDepartments')).toEqual([{ name: 'Support', value: '1892000000082069' }]);
});
