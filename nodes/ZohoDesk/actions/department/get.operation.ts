import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../tables';
import { recordIdLocator } from '../common.descriptions';
import { getRecord } from '../records';

const table = TABLES.departments;

export const description = updateDisplayOptions({ show: { resource: ['department'], operation: ['get'] } }, [
	recordIdLocator(table, 'searchDepartments'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getRecord.call(this, table, itemIndex);
}
