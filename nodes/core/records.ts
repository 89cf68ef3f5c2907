import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAllRecords, readChangedSince, readPages, timeMs, withFields } from './sync';
import type { ReadProgress } from './sync';
import { zohoDeskApi } from './transport';
import { recordPath } from './tables';
import type { RelatedList, TableDescription } from './tables';
import { ID_PATTERN } from './descriptions';
import { compact } from './query';

/** The items of a multi-select value, also when an expression gave a comma-separated string: trimmed, no duplicates. */
export function listOf(value: unknown): string[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(',')).map((part) => String(part).trim());
	return [...new Set(parts.filter(Boolean))];
}

/** A comma-separated list from a string ("a, b") or an array, trimmed and without duplicates. */
export function csv(value: unknown): string | undefined {
	return listOf(value).join(',') || undefined;
}

/** Zoho's sortBy: a `-` prefix sorts descending. */
export function sortParam(sortBy: unknown, sortOrder: unknown): string | undefined {
	if (!sortBy) return undefined;
	return `${sortOrder === 'desc' ? '-' : ''}${String(sortBy)}`;
}

/** The query parameters of a list's Options collection (listOptionsCollection). */
export function listOptionsQuery(options: IDataObject): IDataObject {
	return { sortBy: sortParam(options.sortBy, options.sortOrder), include: csv(options.include), fields: csv(options.fields) };
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
	return record ? keepFields([record], simplifiedFields.call(this, table, itemIndex)) : [];
}

/** The fields the read keeps: the table's most used ones when Simplify is on, else all. */
export function simplifiedFields(this: IExecuteFunctions, table: TableDescription, itemIndex: number): string[] | undefined {
	return this.getNodeParameter('simplify', itemIndex, false) ? table.simpleFields : undefined;
}

/** Records trimmed to `fields`, when given. */
export function keepFields(records: IDataObject[], fields: string[] | undefined): IDataObject[] {
	return fields ? records.map((record) => withFields(record, fields)) : records;
}

/** A long read reports every this many records. */
const PROGRESS_EVERY = 5000;

const number = (value: number) => value.toLocaleString('en-US');

/**
 * Signs of life for a long read (minutes on a big portal), every PROGRESS_EVERY records: records so far, calls and
 * credits, and what is left per search's count with the time it should take at the pace so far. n8n's log at info
 * and, in a manual run, the browser console of the editor (n8n-core's sendMessageToUI sends nothing in other modes).
 */
function reportProgress(this: IExecuteFunctions, table: TableDescription): (progress: ReadProgress) => void {
	const started = Date.now();
	let reported = 0;
	return ({ records, counted, calls, credits }) => {
		if (records - reported < PROGRESS_EVERY) return;
		reported = records;
		const read = `${number(records)}${counted === undefined ? '' : ` of about ${number(counted)}`} ${table.name} read`;
		const left = counted === undefined ? 0 : Math.max(0, counted - records);
		const seconds = Math.ceil((left * (Date.now() - started)) / records / 1000);
		const remainder = left ? `; about ${number(left)} to go, ~${number(seconds)} s` : '';
		const message = `Zoho Desk: ${read} (${number(calls)} calls, ${number(credits)} credits so far)${remainder}`;
		this.logger.info(message);
		this.sendMessageToUI(message);
	};
}

/** The node's "Created Since" / "Modified Since" filters, as epoch ms. */
function changedSince(this: IExecuteFunctions, itemIndex: number) {
	const at = (name: string) => timeMs(this.getNodeParameter(`filters.${name}`, itemIndex, '') as string);
	return { createdSince: at('createdSince'), modifiedSince: at('modifiedSince') };
}

/**
 * A table's list endpoint with the node's Return All / Limit and Since filters. Return All and the Since filters
 * read at the lowest credit cost (nodes/core/sync); a limited read stops at its limit.
 */
export async function readRecords(
	this: IExecuteFunctions,
	table: TableDescription,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	// Departments pass their filters collection as is: the Since filters are not Zoho parameters.
	const filters = Object.fromEntries(Object.entries(qs).filter(([name]) => name !== 'createdSince' && name !== 'modifiedSince'));
	const since = changedSince.call(this, itemIndex);
	// 0: the table has no Parallel Requests option, so the sync code's default applies.
	const concurrency = (this.getNodeParameter('options.parallelRequests', itemIndex, 0) as number) || undefined;
	const fields = simplifiedFields.call(this, table, itemIndex);
	const sync = { concurrency, itemIndex, fields, onProgress: reportProgress.call(this, table) };
	if (since.createdSince !== undefined || since.modifiedSince !== undefined) {
		const field = since.modifiedSince !== undefined ? 'modifiedTime' : 'createdTime';
		const from = (since.modifiedSince ?? since.createdSince)!;
		// With both set, created time is checked below, so Zoho's changes cannot be cut at the limit first.
		const bothSet = since.createdSince !== undefined && since.modifiedSince !== undefined;
		const { records } = await readChangedSince(this, table, field, from, compact(filters), {
			...sync,
			limit: bothSet ? undefined : limit,
		});
		// Both set: Zoho reads by modified time, and created time is checked here.
		const wanted = records.filter((record) => since.createdSince === undefined || (timeMs(record.createdTime) ?? 0) >= since.createdSince);
		return limit === undefined ? wanted : wanted.slice(0, limit);
	}
	if (returnAll) {
		const { records, stats } = await readAllRecords(this, table, compact(filters), sync);
		if (records.length >= PROGRESS_EVERY) {
			this.addExecutionHints({
				message: `Read ${number(records.length)} ${table.name} in ${number(stats.calls)} calls (${number(stats.credits)} of the portal's daily API credits)`,
				type: 'info',
				location: 'outputPane',
			});
		}
		return records;
	}
	const { listPath: path, pageSize, firstFrom } = table;
	return keepFields(await readPages(this, { path, qs: compact(filters), pageSize, firstFrom, limit, itemIndex }), fields);
}

/** A related list (an account's contacts...) of the record picked as `id`, with the node's Return All / Limit. */
export async function readRelatedList(this: IExecuteFunctions, list: RelatedList, itemIndex: number): Promise<IDataObject[]> {
	const parentId = recordId.call(this, 'id', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await readPages(this, {
		path: list.path.replace('{id}', encodeURIComponent(parentId)),
		qs: compact({ sortBy: sortParam(options.sortBy, options.sortOrder), include: csv(options.include) }),
		pageSize: list.pageSize,
		firstFrom: list.firstFrom,
		limit,
		itemIndex,
	});
}

/**
 * A table's search endpoint with the node's Return All / Limit. Zoho's search pages stop at offset `maxFrom`, so
 * Return All fails up front, before spending credits, when more records match than search can return.
 */
export async function searchRecords(
	this: IExecuteFunctions,
	table: TableDescription,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const search = table.search!;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const reachable = search.maxFrom + search.pageSize;
	const query = { path: search.path, qs: compact(qs), pageSize: search.pageSize, limit, maxFrom: search.maxFrom, itemIndex };
	const fields = simplifiedFields.call(this, table, itemIndex);
	const records = await readPages(this, query, {
		inspect: ({ count, from }) => {
			if (from === 0 && returnAll && (count ?? 0) > reachable) {
				throw new NodeOperationError(
					this.getNode(),
					`The search matches ${count} ${table.name}, but Zoho's search can only return the first ${reachable}`,
					{ itemIndex, description: 'Narrow the search, or use Get Many with Return All, which reads every record.' },
				);
			}
		},
	});
	return keepFields(records, fields);
}
