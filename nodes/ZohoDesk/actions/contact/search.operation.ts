import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../shared/tables';
import { returnAllProperties } from '../../../shared/descriptions';
import { searchRecords } from '../../../shared/records';

const table = TABLES.contacts;
const search = table.search!;

/** Zoho's contact search criteria (GET /contacts/search): a value ending in * matches as a prefix. */
const CRITERIA: INodeProperties[] = [
	{ displayName: 'Account Name', name: 'accountName', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Full Name', name: 'fullName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
];

export const option = { name: 'Search', description: 'Find contacts by email, phone or name', action: 'Search contacts' };

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['search'] } }, [
	{
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		default: '',
		description: 'Words to find anywhere in the contact. Leave empty to match on the criteria only.',
	},
	{ displayName: 'Criteria', name: 'criteria', type: 'collection', placeholder: 'Add Criterion', default: {}, options: CRITERIA },
	...returnAllProperties(search.maxFrom + search.pageSize),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const text = String(this.getNodeParameter('searchText', itemIndex, '')).trim();
	const criteria = this.getNodeParameter('criteria', itemIndex, {}) as IDataObject;
	return await searchRecords.call(this, table, { _all: text, ...criteria }, itemIndex);
}
