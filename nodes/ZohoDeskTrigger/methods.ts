import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getDepartments } from '../shared/methods/loadOptions';
import { recordLabel, TABLES } from '../shared/tables';
import { zohoDeskApi } from '../shared/transport';

/** Ticket fields by API name, the form Zoho's Ticket_Update `fields` filter takes. */
async function getTicketFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = TABLES.organizationFields;
	const body = (await zohoDeskApi.call(this, { path: table.listPath, qs: { module: 'tickets' } })) as
		| { data?: IDataObject[] }
		| undefined;
	return (body?.data ?? [])
		.filter((field) => typeof field.apiName === 'string')
		.map((field) => ({ name: recordLabel(table, field), value: String(field.apiName) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const loadOptions = { getDepartments, getTicketFields };
