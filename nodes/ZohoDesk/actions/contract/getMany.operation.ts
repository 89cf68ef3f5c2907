import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { departmentsOption, filtersCollection, getManyOption, listOptionsCollection, recordLocator, returnAllProperties } from '../../../core/descriptions';
import { csv, listOptionsQuery, optionalLocator, readRecords } from '../../../core/records';

const table = TABLES.contracts;

/** Contracts' departmentIds and ownerIds take at most 10 ids each (Contract.json). */
const MAX_IDS = 10;

const properties: INodeProperties[] = [
	...returnAllProperties(),
	filtersCollection(table, [
		departmentsOption('Only contracts of these departments (at most 10).'),
		{ displayName: 'Account ID', name: 'accountId', type: 'string', default: '', description: 'Only contracts of this account' },
		{ displayName: 'Owner IDs', name: 'ownerIds', type: 'string', default: '', description: 'Comma-separated agent IDs (at most 10)' },
		{
			displayName: 'Name Starts With',
			name: 'contractName',
			type: 'string',
			default: '',
			description: 'Only contracts whose name starts with this text',
		},
		recordLocator({ name: 'viewId', displayName: 'View', searchListMethod: 'searchContractViews' }),
	]),
	listOptionsCollection(table),
];

export const option = getManyOption('contracts');

export const description = updateDisplayOptions({ show: { resource: ['contract'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		departmentIds: csv(filters.departmentIds),
		accountId: filters.accountId,
		ownerIds: csv(filters.ownerIds),
		contractName: filters.contractName,
		viewId: optionalLocator(filters.viewId),
		...listOptionsQuery(options),
	};
	for (const key of ['departmentIds', 'ownerIds']) {
		if (String(qs[key] ?? '').split(',').length > MAX_IDS) {
			throw new NodeOperationError(this.getNode(), `Zoho accepts at most ${MAX_IDS} ${key} per request`, { itemIndex });
		}
	}
	return await readRecords.call(this, table, qs, itemIndex);
}
