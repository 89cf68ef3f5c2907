import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { filtersCollection, getManyOption, returnAllProperties } from '../../../core/descriptions';
import { readRecords } from '../../../core/records';

const table = TABLES.departments;

const properties: INodeProperties[] = [
	...returnAllProperties(),
	filtersCollection(table, [
		{
			displayName: 'Enabled',
			name: 'isEnabled',
			type: 'options',
			options: [
				{ name: 'Enabled Only', value: 'true' },
				{ name: 'Disabled Only', value: 'false' },
			],
			default: 'true',
		},
		{
			displayName: 'Search',
			name: 'searchStr',
			type: 'string',
			default: '',
			description: 'Department name to match; end with * to match names starting with it',
		},
		{
			displayName: 'Chat Status',
			name: 'chatStatus',
			type: 'options',
			options: [
				{ name: 'Available', value: 'AVAILABLE' },
				{ name: 'Disabled', value: 'DISABLED' },
				{ name: 'Not Created', value: 'NOT_CREATED' },
			],
			default: 'AVAILABLE',
		},
	]),
];

export const option = getManyOption('departments');

export const description = updateDisplayOptions({ show: { resource: ['department'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await readRecords.call(this, table, { ...filters }, itemIndex);
}
