import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../../shared/tables';
import { getOption, recordIdLocator } from '../../../shared/descriptions';
import { getRecord } from '../../../shared/records';

const table = TABLES.contracts;

export const option = getOption('contract');

export const description = updateDisplayOptions({ show: { resource: ['contract'], operation: ['get'] } }, [
	recordIdLocator(table),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getRecord.call(this, table, itemIndex);
}
