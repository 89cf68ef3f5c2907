import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { recordPath } from '../tables';
import type { TableDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { ignoringZohoErrors } from '../transport/errors';
import { countedCall, countedPage, idOf } from './calls';
import type { TimeField } from './keyset';
import { Pager } from './pager';
import { inParallel } from './parallel';
import { createdTimeTies, readWholeList } from './readAll';
import {
	beginRead,
	endRead,
	isAtOrAfter,
	listQuery,
	logWarnings,
	searchByTime,
	unlessSearchForbidden,
	withoutSort,
} from './readState';
import type { ReadOptions, ReadResult, ReadState } from './readState';
import { searchCriteria } from './searchCriteria';
import { EPOCH_MS, byTime, isoMs, timeMs } from './time';

/** When a record's `field` was, as the read that found it saw it. */
export interface RecordVersion {
	id: string;
	time: number;
}

export interface SinceResult extends ReadResult {
	/**
	 * Each record's `field` as the read ordered it. Usually the records' own; for lists whose items carry no times,
	 * the records were fetched by id afterwards and may be newer: a cursor must advance by these, not by the records.
	 */
	versions: RecordVersion[];
}

export function versionsOf(records: IDataObject[], field: string): RecordVersion[] {
	return records.flatMap((record) => {
		const time = timeMs(record[field]);
		return time === undefined ? [] : [{ id: idOf(record), time }];
	});
}

/** Each record's get-by-id view (all its fields), `concurrency` at a time; records deleted meanwhile are left out. */
async function readByIds(read: ReadState, ids: string[]): Promise<IDataObject[]> {
	const found = new Map<string, IDataObject>();
	const queue = [...ids];
	const worker = async () => {
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			const path = recordPath(read.table, id);
			const get = async () => await countedCall<IDataObject>(read.ctx, read.stats, { path, itemIndex: read.itemIndex });
			const record = (await ignoringZohoErrors(['URL_NOT_FOUND'], get))?.body;
			if (record) found.set(id, record);
		}
	};
	await inParallel(read.concurrency, worker, () => queue.splice(0));
	return ids.flatMap((id) => {
		const record = found.get(id);
		return record ? [record] : [];
	});
}

/** Records by id (their get-by-id view), in the order given; ids of deleted records are left out. */
export async function readRecordsByIds(
	ctx: ZohoDeskContext,
	table: TableDescription,
	ids: string[],
	options: ReadOptions = {},
): Promise<ReadResult> {
	const read = beginRead(ctx, table, {}, options);
	return endRead(read, await readByIds(read, ids), 'byId');
}

/** List items carry no times (spec schemas): ask for them with `fields`, alongside the fields the user chose. */
export function withTimes(table: TableDescription, fields: unknown): string {
	const times = [table.createdTimeField, table.modifiedTimeField].filter((name): name is string => Boolean(name));
	const chosen = String(fields ?? '').split(',').map((name) => name.trim()).filter(Boolean);
	return [...new Set([...chosen, ...times])].join(',');
}

/**
 * Records whose `field` (modifiedTime or createdTime) is at or after `since` (epoch ms, inclusive: a record at
 * exactly `since` is returned again, so an upsert by id never misses one), oldest first, each once.
 * Tickets: search time-range keyset. Lists sortable by the field: newest first until older than `since`, asking
 * only for times (unless the user chose `fields`), then each changed record by id. Otherwise the whole list.
 */
export async function readChangedSince(
	ctx: ZohoDeskContext,
	table: TableDescription,
	field: TimeField,
	since: number,
	qs: IDataObject,
	options: ReadOptions = {},
): Promise<SinceResult> {
	const read = beginRead(ctx, table, qs, options);
	const has = field === 'createdTime' ? table.createdTimeField : table.modifiedTimeField;
	if (!has) {
		throw new NodeOperationError(ctx.getNode(), `${table.displayName} records have no ${field}`, {
			itemIndex: options.itemIndex,
		});
	}
	const filters = withoutSort(read.filters);
	const criteria = searchCriteria(table, filters);
	if (criteria && table.search?.timeRanges.includes(field)) {
		const ties = field === 'createdTime' ? createdTimeTies(read, criteria) : {};
		const records = await searchByTime(read, { field, criteria, from: since, to: Date.now(), ...ties });
		if (records) return { ...endRead(read, records, 'searchByTime', field === 'createdTime'), versions: versionsOf(records, field) };
	}
	if (table.pageSize !== undefined && table.sortFields.includes(field)) {
		const found = new Map<string, IDataObject>();
		const newestFirst = listQuery(read, { ...filters, sortBy: `-${field}`, fields: withTimes(table, filters.fields) });
		await new Pager(ctx, read.stats, newestFirst).read(({ rows }) => {
			for (const row of rows) if (isAtOrAfter(row, field, since)) found.set(idOf(row), row);
			return !rows.some((row) => (timeMs(row[field]) ?? since) < since);
		});
		const changed = [...found.values()].sort(byTime(field)).slice(0, options.limit);
		const records = filters.fields ? changed : await readByIds(read, changed.map(idOf));
		return { ...endRead(read, records, 'listSince'), versions: versionsOf(changed, field) };
	}
	if (table.search) {
		// The ticket list can neither filter nor sort by modifiedTime (nor does it return it): only search can.
		throw new NodeOperationError(ctx.getNode(), `Zoho Desk finds ${table.name} changed since a time only with its search`, {
			description: criteria
				? 'Add the Desk.search.READ scope to the credential.'
				: `Use only filters that search understands (${Object.keys(table.search.listFilters).join(', ')}).`,
			itemIndex: options.itemIndex,
		});
	}
	read.filters = filters;
	const { records, method } = await readWholeList(read, true);
	const changed = records.filter((record) => isAtOrAfter(record, field, since)).sort(byTime(field));
	return { ...endRead(read, changed, method), versions: versionsOf(changed, field) };
}

/**
 * The record with the latest `field`, in one or two calls: null when there is none, undefined when Zoho cannot
 * sort the table by that field with these filters. `versions`: every record at that latest time (a page's worth),
 * so that a cursor started there knows them all (see SinceResult.versions).
 */
export async function readNewest(
	ctx: ZohoDeskContext,
	table: TableDescription,
	field: TimeField,
	qs: IDataObject,
	options: ReadOptions = {},
): Promise<{ record: IDataObject; versions: RecordVersion[] } | null | undefined> {
	const read = beginRead(ctx, table, qs, options);
	const filters = withoutSort(read.filters);
	const criteria = searchCriteria(table, filters);
	const { search } = table;
	// A full page costs what one record costs, and shows every record sharing the latest time.
	const newest = async (path: string, query: IDataObject, limit: number) => {
		const page = { ...query, sortBy: `-${field}`, from: 0, limit };
		const { rows } = await countedPage(ctx, read.stats, { path, qs: page, itemIndex: read.itemIndex });
		const versions = versionsOf(rows, field);
		return rows.length ? { record: rows[0], versions: versions.filter((version) => version.time === versions[0].time) } : null;
	};
	let found: Awaited<ReturnType<typeof newest>> | undefined;
	if (criteria && search?.timeRanges.includes(field)) {
		const range = { [`${field}Range`]: `${isoMs(EPOCH_MS)},${isoMs(Date.now())}` };
		found = await unlessSearchForbidden(read, async () => await newest(search.path, { ...criteria, ...range }, search.pageSize));
	}
	if (found === undefined && table.pageSize !== undefined && table.sortFields.includes(field)) {
		found = await newest(table.listPath, { ...filters, fields: withTimes(table, undefined) }, table.pageSize);
		if (found) [found.record] = await readByIds(read, [idOf(found.record)]);
	}
	logWarnings(read);
	return found;
}
