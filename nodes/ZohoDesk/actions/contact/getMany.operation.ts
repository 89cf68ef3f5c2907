import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import {
	optionsCollection,
	getManyOption,
	includeOption,
	parallelRequestsOption,
	recordLocator,
	returnAllProperties,
	sortOptions,
} from '../../../core/descriptions';
import { csv, optionalLocator, readRecords, sortParam } from '../../../core/records';

const table = TABLES.contacts;

const properties: INodeProperties[] = [
	...returnAllProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [recordLocator({ name: 'viewId', displayName: 'View', searchListMethod: 'searchContactViews' })],
	},
	optionsCollection([
		...sortOptions(table.sortFields),
		includeOption(table.listInclude, 'Related records to embed in each contact, instead of one call per contact'),
		parallelRequestsOption,
	]),
];

export const option = getManyOption('contacts');

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		viewId: optionalLocator(filters.viewId),
		sortBy: sortParam(options.sortBy, options.sortOrder),
		include: csv(options.include),
	};
	return await readRecords.call(this, table, qs, itemIndex);
}
