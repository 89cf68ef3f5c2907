import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { filtersCollection, getManyOption, listOptionsCollection, recordLocator, returnAllProperties } from '../../../core/descriptions';
import { listOptionsQuery, optionalLocator, readRecords } from '../../../core/records';

const table = TABLES.products;

/** Zoho reads products of every accessible department when departmentId is 0. */
const ALL_DEPARTMENTS = '0';

const properties: INodeProperties[] = [
	...returnAllProperties(),
	filtersCollection(table, [
		recordLocator({
			name: 'departmentId',
			displayName: 'Department',
			searchListMethod: 'searchDepartments',
			description: 'Only products of this department (default: all accessible departments)',
		}),
		recordLocator({ name: 'viewId', displayName: 'View ID', description: 'Only products in this view' }),
		{ displayName: 'Owner ID', name: 'ownerId', type: 'string', default: '', description: 'Only products owned by this agent' },
	]),
	listOptionsCollection(table),
];

export const option = getManyOption('products');

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		departmentId: optionalLocator(filters.departmentId) ?? ALL_DEPARTMENTS,
		viewId: optionalLocator(filters.viewId),
		ownerId: filters.ownerId,
		...listOptionsQuery(options),
	};
	return await readRecords.call(this, table, qs, itemIndex);
}
