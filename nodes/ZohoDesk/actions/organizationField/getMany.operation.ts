import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FIELD_MODULES, TABLES } from '../../../core/tables';
import { filtersCollection, getManyOption, recordLocator, returnAllProperties } from '../../../core/descriptions';
import { csv, optionalLocator, readRecords } from '../../../core/records';

const table = TABLES.organizationFields;

const properties: INodeProperties[] = [
	{
		displayName: 'Module',
		name: 'module',
		type: 'options',
		options: FIELD_MODULES.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value })),
		default: 'tickets',
		required: true,
		description: 'Whose fields to list',
	},
	...returnAllProperties(),
	filtersCollection(table, [
		recordLocator({
			name: 'departmentId',
			displayName: 'Department',
			searchListMethod: 'searchDepartments',
			description: 'Fields of the layouts of this department',
		}),
		{
			displayName: 'API Names',
			name: 'apiNames',
			type: 'string',
			default: '',
			placeholder: 'status,priority,cf_region',
			description: 'Comma-separated API names: only these fields',
		},
	]),
];

export const option = getManyOption('fields');

export const description = updateDisplayOptions(
	{ show: { resource: ['organizationField'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		module: this.getNodeParameter('module', itemIndex) as string,
		departmentId: optionalLocator(filters.departmentId),
		apiNames: csv(filters.apiNames),
	};
	return await readRecords.call(this, table, qs, itemIndex);
}
