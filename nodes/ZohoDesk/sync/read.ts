import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { recordPath } from '../tables';
import type { TableDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { pageList, readList, readListFromBothEnds } from './listPaging';
import { inParallel } from './parallel';
import type { ListRead } from './listPaging';
import { searchCriteria, setFilters } from './searchCriteria';
import { fetchCounted, fetchPage, idOf, newStats } from './stats';
import type { ReadStats } from './stats';
import { EPOCH_MS, byTime, isoMs, timeMs } from './time';
import { readByTimeKeyset } from './timeKeyset';
import type { KeysetRead, TimeField } from './timeKeyset';
import { unlessZohoSays } from './zohoErrors';

/** Parallel requests of one read: well under the smallest portal's concurrency limit (5, Free edition). */
export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 4;

export interface ReadOptions {
	/** Requests in flight at once (1 to MAX_CONCURRENCY) */
	concurrency?: number;
	itemIndex?: number;
}

/** How the records were read, cheapest first. */
export type ReadMethod = 'searchByTime' | 'listFromBothEnds' | 'listSince' | 'list' | 'single' | 'byId';

export interface SyncRead {
	records: IDataObject[];
	method: ReadMethod;
	stats: ReadStats;
	/** What the user should know (a costlier fallback was used, totals differ); also logged */
	warnings: string[];
}

const NO_SEARCH_SCOPE =
	'The credential lacks the Desk.search.READ scope, so tickets were read by list paging, which costs more credits on large portals. Add the scope to read at the lowest cost.';

interface Read {
	ctx: ZohoDeskContext;
	table: TableDescription;
	filters: IDataObject;
	stats: ReadStats;
	warnings: string[];
	concurrency: number;
	itemIndex?: number;
}

function start(ctx: ZohoDeskContext, table: TableDescription, qs: IDataObject, options: ReadOptions): Read {
	const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
	return { ctx, table, filters: setFilters(qs), stats: newStats(), warnings: [], concurrency, itemIndex: options.itemIndex };
}

/** `countIsFinal`: nothing can leave the read's range but a delete, so Zoho's count must match what was read. */
function finish(read: Read, records: IDataObject[], method: ReadMethod, countIsFinal = false): SyncRead {
	const { expected } = read.stats;
	if (countIsFinal && expected !== undefined && records.length !== expected) {
		read.warnings.push(
			`Zoho counted ${expected} ${read.table.name} at the start of the read and ${records.length} were read: records were deleted (or restored) while it ran.`,
		);
	}
	logWarnings(read);
	return { records, method, stats: read.stats, warnings: read.warnings };
}

function logWarnings(read: Read): void {
	for (const warning of read.warnings) read.ctx.logger.warn(warning);
}

function listRead(read: Read, qs: IDataObject): ListRead {
	return { path: read.table.listPath, qs, pageSize: read.table.pageSize ?? 0, itemIndex: read.itemIndex };
}

function isAtOrAfter(record: IDataObject, field: string, since: number): boolean {
	const time = timeMs(record[field]);
	return time !== undefined && time >= since;
}

function withoutSort(filters: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== 'sortBy'));
}

/** Runs a search, or gives undefined when the token may not search (the caller then reads the list instead). */
async function unlessSearchForbidden<T>(read: Read, search: () => Promise<T>): Promise<T | undefined> {
	const result = await unlessZohoSays(['SCOPE_MISMATCH'], search);
	if (result === undefined) read.warnings.push(NO_SEARCH_SCOPE);
	return result;
}

async function searchByTime(read: Read, keyset: Omit<KeysetRead, 'search' | 'concurrency' | 'itemIndex'>) {
	const search = read.table.search!;
	const { concurrency, itemIndex } = read;
	return await unlessSearchForbidden(
		read,
		async () => await readByTimeKeyset(read.ctx, { ...keyset, search, concurrency, itemIndex }, read.stats),
	);
}

/**
 * All records created at exactly `time`, from the list sorted by createdTime: search cannot page through more
 * than 1,099 records of one millisecond. Search counts the records before it, which is where they start in the
 * list (one earlier, in case Zoho's `from` counts from 1).
 */
async function createdAtFromList(read: Read, criteria: IDataObject, time: number): Promise<IDataObject[]> {
	const search = read.table.search!;
	const { count } = await fetchPage(read.ctx, read.stats, {
		path: search.path,
		qs: { ...criteria, createdTimeRange: `${isoMs(EPOCH_MS)},${isoMs(time - 1)}`, limit: 1 },
		itemIndex: read.itemIndex,
	});
	const found: IDataObject[] = [];
	const position = { from: Math.max(0, (count ?? 0) - 1), ended: false };
	await pageList(read.ctx, read.stats, listRead(read, { ...withoutSort(read.filters), sortBy: 'createdTime' }), position, (rows) => {
		found.push(...rows.filter((row) => timeMs(row.createdTime) === time));
		return !rows.some((row) => (timeMs(row.createdTime) ?? time) > time);
	});
	return found;
}

/** The whole list the cheapest way the filters allow. */
async function readWholeList(read: Read, byCreatedTime: boolean): Promise<{ records: IDataObject[]; method: ReadMethod }> {
	const { ctx, stats, table } = read;
	if (table.pageSize === undefined) {
		const { rows } = await fetchPage(ctx, stats, { path: table.listPath, qs: read.filters, itemIndex: read.itemIndex });
		return { records: rows, method: 'single' };
	}
	if (byCreatedTime && table.sortFields.includes('createdTime')) {
		const records = await readListFromBothEnds(ctx, stats, listRead(read, withoutSort(read.filters)), 'createdTime');
		return { records, method: 'listFromBothEnds' };
	}
	return { records: await readList(ctx, stats, listRead(read, read.filters)), method: 'list' };
}

/**
 * Every record of a table matching list filters `qs`, each exactly once, at the lowest credit cost Zoho allows:
 * tickets by a keyset over createdTime in search (every call at offset ~0) when search can express the filters,
 * other lists from both ends. Records created after the read started are left to the next incremental read.
 */
export async function readAllRecords(
	ctx: ZohoDeskContext,
	table: TableDescription,
	qs: IDataObject,
	options: ReadOptions = {},
): Promise<SyncRead> {
	const read = start(ctx, table, qs, options);
	const sortBy = String(read.filters.sortBy ?? '');
	const byCreatedTime = sortBy === '' || sortBy.replace(/^-/, '') === 'createdTime';
	const criteria = byCreatedTime ? searchCriteria(table, read.filters) : undefined;
	let records: IDataObject[] | undefined;
	let method: ReadMethod = 'searchByTime';
	if (criteria && table.search?.timeRanges.includes('createdTime')) {
		records = await searchByTime(read, {
			field: 'createdTime',
			criteria,
			from: EPOCH_MS,
			to: Date.now(),
			readTie: async (time) => await createdAtFromList(read, criteria, time),
		});
	}
	if (!records) ({ records, method } = await readWholeList(read, byCreatedTime));
	if (sortBy === '-createdTime' && method !== 'list' && method !== 'single') records.reverse();
	return finish(read, records, method, method === 'searchByTime');
}

/** When a record's `field` was, as the read that found it saw it. */
export interface RecordVersion {
	id: string;
	time: number;
}

export interface ChangedRead extends SyncRead {
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
async function readByIds(read: Read, ids: string[]): Promise<IDataObject[]> {
	const found = new Map<string, IDataObject>();
	const queue = [...ids];
	const worker = async () => {
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			const path = recordPath(read.table, id);
			const get = async () => await fetchCounted<IDataObject>(read.ctx, read.stats, { path, itemIndex: read.itemIndex });
			const record = (await unlessZohoSays(['URL_NOT_FOUND'], get))?.body;
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
): Promise<SyncRead> {
	const read = start(ctx, table, {}, options);
	return finish(read, await readByIds(read, ids), 'byId');
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
): Promise<ChangedRead> {
	const read = start(ctx, table, qs, options);
	const has = field === 'createdTime' ? table.createdTimeField : table.modifiedTimeField;
	if (!has) {
		throw new NodeOperationError(ctx.getNode(), `${table.displayName} records have no ${field}`, {
			itemIndex: options.itemIndex,
		});
	}
	const filters = withoutSort(read.filters);
	const criteria = searchCriteria(table, filters);
	if (criteria && table.search?.timeRanges.includes(field)) {
		const records = await searchByTime(read, { field, criteria, from: since, to: Date.now() });
		if (records) return { ...finish(read, records, 'searchByTime', field === 'createdTime'), versions: versionsOf(records, field) };
	}
	if (table.pageSize !== undefined && table.sortFields.includes(field)) {
		const found = new Map<string, IDataObject>();
		const newestFirst = listRead(read, { ...filters, sortBy: `-${field}`, fields: withTimes(table, filters.fields) });
		await pageList(ctx, read.stats, newestFirst, { from: 0, ended: false }, (rows) => {
			for (const row of rows) if (isAtOrAfter(row, field, since)) found.set(idOf(row), row);
			return !rows.some((row) => (timeMs(row[field]) ?? since) < since);
		});
		const changed = [...found.values()].sort(byTime(field));
		const records = filters.fields ? changed : await readByIds(read, changed.map(idOf));
		return { ...finish(read, records, 'listSince'), versions: versionsOf(changed, field) };
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
	return { ...finish(read, changed, method), versions: versionsOf(changed, field) };
}

/**
 * The record with the latest `field`, in one or two calls: null when there is none, undefined when Zoho cannot
 * sort the table by that field with these filters. `versions`: every record at that latest time (a page's worth),
 * so that a cursor started there knows them all (see ChangedRead.versions).
 */
export async function readNewest(
	ctx: ZohoDeskContext,
	table: TableDescription,
	field: TimeField,
	qs: IDataObject,
	options: ReadOptions = {},
): Promise<{ record: IDataObject; versions: RecordVersion[] } | null | undefined> {
	const read = start(ctx, table, qs, options);
	const filters = withoutSort(read.filters);
	const criteria = searchCriteria(table, filters);
	const { search } = table;
	// A full page costs what one record costs, and shows every record sharing the latest time.
	const newest = async (path: string, query: IDataObject, limit: number) => {
		const page = { ...query, sortBy: `-${field}`, from: 0, limit };
		const { rows } = await fetchPage(ctx, read.stats, { path, qs: page, itemIndex: read.itemIndex });
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
