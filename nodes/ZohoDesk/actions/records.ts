import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collect, zohoDeskApi } from '../transport';
import { recordPath } from '../tables';
import type { TableDescription } from '../tables';
import { ID_PATTERN } from './common.descriptions';

/** A comma-separated list from a string ("a, b") or an array, trimmed and without duplicates. */
export function csv(value: unknown): string | undefined {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((part) => String(part).trim())
		.filter(Boolean);
	return parts.length ? [...new Set(parts)].join(',') : undefined;
}

/** Zoho's sortBy: a `-` prefix sorts descending. */
export function sortParam(sortBy: unknown, sortOrder: unknown): string | undefined {
	if (!sortBy) return undefined;
	return `${sortOrder === 'desc' ? '-' : ''}${String(sortBy)}`;
}

/** Drops empty values so only what the user set is sent. */
export function compact(qs: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(qs).filter(([, value]) => value !== undefined && value !== null && value !== ''),
	);
}

/** A record id from a resource locator (or plain string), checked to be a Zoho id. */
export function recordId(this: IExecuteFunctions, parameter: string, itemIndex: number, path = parameter): string {
	const raw = this.getNodeParameter(path, itemIndex, '', { extractValue: true }) as string | number;
	const id = String(raw ?? '').trim();
	if (!new RegExp(ID_PATTERN).test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a Zoho Desk ID (digits only)`, {
			itemIndex,
			description: `Check the ${parameter} parameter: pick the record from the list or paste its numeric ID.`,
		});
	}
	return id;
}

/** Optional picker value: undefined when the user left it empty. */
export function optionalLocator(value: unknown): string | undefined {
	const raw = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	const id = String(raw ?? '').trim();
	return id || undefined;
}

export async function getRecord(
	this: IExecuteFunctions,
	table: TableDescription,
	itemIndex: number,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const id = recordId.call(this, 'id', itemIndex);
	const record = (await zohoDeskApi.call(this, { path: recordPath(table, id), qs: compact(qs), itemIndex })) as
		| IDataObject
		| undefined;
	return record ? [record] : [];
}

/** A table's list endpoint with the node's Return All / Limit. */
export async function readRecords(
	this: IExecuteFunctions,
	table: TableDescription,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	if (table.pageSize === undefined) {
		// Not paginated: one call returns everything.
		const body = (await zohoDeskApi.call(this, { path: table.listPath, qs: compact(qs), itemIndex })) as
			| { data?: IDataObject[] }
			| undefined;
		const rows = body?.data ?? [];
		return limit === undefined ? rows : rows.slice(0, limit);
	}
	return await collect.call(this, { path: table.listPath, qs: compact(qs), pageSize: table.pageSize, limit, itemIndex });
}
