import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { recordLabel, TABLES } from '../tables';
import { readPages } from '../sync';

/** Every department, for multi-select filters. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = TABLES.departments;
	const departments = await readPages(this, { path: table.listPath, pageSize: table.pageSize });
	return departments.map((department) => ({ name: recordLabel(table, department), value: String(department.id) }));
}
