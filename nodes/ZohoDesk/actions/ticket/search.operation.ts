import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { returnAllProperties, simplifyProperty, sortOptions, optionsCollection } from '../../../core/descriptions';
import { searchRecords, sortParam } from '../../../core/records';
import { searchFilterProperties, searchQuery } from './searchFilters';

/** Zoho's ticket search accepts `from` up to 999 (OpenAPI spec), so one query reaches 1,099 tickets. */
const search = TABLES.tickets.search!;

const properties: INodeProperties[] = [
	...searchFilterProperties,
	...returnAllProperties(search.maxFrom + search.pageSize),
	simplifyProperty(TABLES.tickets),
	optionsCollection(sortOptions(['modifiedTime', 'createdTime', 'customerResponseTime', 'relevance'])),
];

export const option = { name: 'Search', description: 'Search tickets', action: 'Search tickets' };

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = { ...searchQuery.call(this, itemIndex), sortBy: sortParam(options.sortBy, options.sortOrder) };
	return await searchRecords.call(this, TABLES.tickets, qs, itemIndex);
}
