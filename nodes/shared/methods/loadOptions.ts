import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { recordLabel, TABLES } from '../tables';
import { collect } from '../transport';

/** Every department, for multi-select filters. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = TABLES.departments;
	const departments = await collect.call(this, { path: table.listPath, pageSize: table.pageSize ?? 100 });
	return departments.map((department) => ({ name: recordLabel(table, department), value: String(department.id) }));
}
