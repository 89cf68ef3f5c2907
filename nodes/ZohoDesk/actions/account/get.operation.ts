import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../../shared/tables';
import { getOption, includeOption, recordIdLocator } from '../../../shared/descriptions';
import { csv, getRecord } from '../../../shared/records';

const table = TABLES.accounts;

export const option = getOption('account');

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['get'] } }, [
	recordIdLocator(table),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeOption(table.recordInclude, 'Related records to embed in the account')],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await getRecord.call(this, table, itemIndex, { include: csv(options.include) });
}
