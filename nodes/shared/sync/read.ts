import type { IDataObject } from 'n8n-workflow';

import { compact } from '../query';
import type { TableDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { pageList, readList, readListFromBothEnds } from './listPaging';
import type { ListRead } from './listPaging';
import { searchCriteria } from './searchCriteria';
import { fetchPage, newStats } from './stats';
import type { ReadStats } from './stats';
import { EPOCH_MS, isoMs, timeMs } from './time';
import { readByTimeKeyset } from './timeKeyset';
import type { KeysetRead } from './timeKeyset';
import { unlessZohoSays } from './zohoErrors';

/** Parallel requests of one read: well under the smallest portal's concurrency limit (5, Free edition). */
export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 4;

export interface ReadOptions {
	/** Requests in flight at once (1 to MAX_CONCURRENCY) */
	concurrency?: number;
	itemIndex?: number;
	/** Changed-record reads: only the oldest `limit` changes are wanted, so only they are fetched by id */
	limit?: number;
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

export interface Read {
	ctx: ZohoDeskContext;
	table: TableDescription;
	filters: IDataObject;
	stats: ReadStats;
	warnings: string[];
	concurrency: number;
	itemIndex?: number;
}

export function start(ctx: ZohoDeskContext, table: TableDescription, qs: IDataObject, options: ReadOptions): Read {
	const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
	return { ctx, table, filters: compact(qs), stats: newStats(), warnings: [], concurrency, itemIndex: options.itemIndex };
}

/** `countIsFinal`: nothing can leave the read's range but a delete, so Zoho's count must match what was read. */
export function finish(read: Read, records: IDataObject[], method: ReadMethod, countIsFinal = false): SyncRead {
	const { expected } = read.stats;
	if (countIsFinal && expected !== undefined && records.length !== expected) {
		read.warnings.push(
			`Zoho counted ${expected} ${read.table.name} at the start of the read and ${records.length} were read: records were deleted (or restored) while it ran.`,
		);
	}
	logWarnings(read);
	return { records, method, stats: read.stats, warnings: read.warnings };
}

export function logWarnings(read: Read): void {
	for (const warning of read.warnings) read.ctx.logger.warn(warning);
}

export function listRead(read: Read, qs: IDataObject): ListRead {
	return { path: read.table.listPath, qs, pageSize: read.table.pageSize ?? 0, itemIndex: read.itemIndex };
}

export function isAtOrAfter(record: IDataObject, field: string, since: number): boolean {
	const time = timeMs(record[field]);
	return time !== undefined && time >= since;
}

export function withoutSort(filters: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== 'sortBy'));
}

/** Runs a search, or gives undefined when the token may not search (the caller then reads the list instead). */
export async function unlessSearchForbidden<T>(read: Read, search: () => Promise<T>): Promise<T | undefined> {
	const result = await unlessZohoSays(['SCOPE_MISMATCH'], search);
	if (result === undefined) read.warnings.push(NO_SEARCH_SCOPE);
	return result;
}

export async function searchByTime(read: Read, keyset: Omit<KeysetRead, 'search' | 'concurrency' | 'itemIndex'>) {
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
export async function readWholeList(read: Read, byCreatedTime: boolean): Promise<{ records: IDataObject[]; method: ReadMethod }> {
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
