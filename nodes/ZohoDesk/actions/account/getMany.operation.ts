import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import {
	getManyOption,
	parallelRequestsOption,
	returnAllProperties,
	sortOptions,
	optionsCollection,
} from '../../../core/descriptions';
import { readRecords, sortParam } from '../../../core/records';

const table = TABLES.accounts;

const properties: INodeProperties[] = [
	...returnAllProperties(),
	optionsCollection([...sortOptions(table.sortFields), parallelRequestsOption]),
];

export const option = getManyOption('accounts');

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await readRecords.call(this, table, { sortBy: sortParam(options.sortBy, options.sortOrder) }, itemIndex);
}
