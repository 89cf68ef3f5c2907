import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { recordLabel, TABLES } from '../tables';
import { readPages } from '../sync';
import { zohoDeskApi } from '../transport';

/** Every department, for multi-select filters. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = TABLES.departments;
	const departments = await readPages(this, { path: table.listPath, pageSize: table.pageSize });
	return departments.map((department) => ({ name: recordLabel(table, department), value: String(department.id) }));
}

/** The ticket layouts of the chosen department (Layout.json getLayouts). */
export async function getTicketLayouts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const department = this.getNodeParameter('department', '', { extractValue: true }) as string;
	const qs = { module: 'tickets', ...(/^[0-9]{1,19}$/.test(String(department)) ? { departmentId: String(department) } : {}) };
	const body = (await zohoDeskApi.call(this, { path: '/layouts', qs })) as { data?: IDataObject[] } | undefined;
	return (body?.data ?? []).map((layout) => ({
		name: String(layout.layoutDisplayName ?? layout.layoutName ?? layout.id),
		value: String(layout.id),
	}));
}
