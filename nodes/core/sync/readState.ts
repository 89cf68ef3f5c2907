import type { IDataObject } from 'n8n-workflow';

import { compact } from '../query';
import type { TableDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { ignoringZohoErrors } from '../transport/errors';
import { newStats, withFields } from './calls';
import type { ReadStats } from './calls';
import { readByTimeKeyset } from './keyset';
import type { KeysetQuery } from './keyset';
import type { PageQuery } from './pager';
import { timeMs } from './time';

/** Parallel requests of one read: well under the smallest portal's concurrency limit (5, Free edition). */
export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 4;

export interface ReadOptions {
	/** Requests in flight at once (1 to MAX_CONCURRENCY) */
	concurrency?: number;
	itemIndex?: number;
	/** Changed-record reads: only the oldest `limit` changes are wanted, so only they are fetched by id */
	limit?: number;
	/** Keep only these fields of each record (Simplify), as the pages arrive where the read allows */
	fields?: string[];
	/** Told how far a long read has come, after each page */
	onProgress?: (progress: ReadProgress) => void;
}

export interface ReadProgress {
	/** Records read so far */
	records: number;
	/** Records search counted at the start, when it did */
	counted?: number;
	calls: number;
	credits: number;
}

/** How the records were read, cheapest first. */
export type ReadMethod = 'searchByTime' | 'listFromBothEnds' | 'listSince' | 'list' | 'single' | 'byId';

/** What a read returns. */
export interface ReadResult {
	records: IDataObject[];
	method: ReadMethod;
	stats: ReadStats;
	/** What the user should know (a costlier fallback was used, totals differ); also logged */
	warnings: string[];
}

const NO_SEARCH_SCOPE =
	'The credential lacks the Desk.search.READ scope, so tickets were read by list paging, which costs more credits on large portals. Add the scope to read at the lowest cost.';

/** One read under way: where it reads, with which filters, and what it has cost and found to say so far. */
export interface ReadState {
	ctx: ZohoDeskContext;
	table: TableDescription;
	filters: IDataObject;
	stats: ReadStats;
	warnings: string[];
	concurrency: number;
	itemIndex?: number;
	fields?: string[];
	onProgress?: (progress: ReadProgress) => void;
}

export function beginRead(ctx: ZohoDeskContext, table: TableDescription, qs: IDataObject, options: ReadOptions): ReadState {
	const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
	const { itemIndex, fields, onProgress } = options;
	return { ctx, table, filters: compact(qs), stats: newStats(), warnings: [], concurrency, itemIndex, fields, onProgress };
}

/**
 * `countIsFinal`: nothing can leave the read's range but a delete, so search's count must match what was read.
 * `trimmed`: the records hold only the read's fields already (trimmed as the pages arrived), so no second copy is made.
 */
export function endRead(read: ReadState, records: IDataObject[], method: ReadMethod, countIsFinal = false, trimmed = false): ReadResult {
	const { counted } = read.stats;
	if (countIsFinal && counted !== undefined && records.length !== counted) {
		read.warnings.push(
			`Zoho counted ${counted} ${read.table.name} at the start of the read and ${records.length} were read: records were deleted (or restored) while it ran.`,
		);
	}
	logWarnings(read);
	const kept = read.fields && !trimmed ? records.map((record) => withFields(record, read.fields!)) : records;
	return { records: kept, method, stats: read.stats, warnings: read.warnings };
}

export function logWarnings(read: ReadState): void {
	for (const warning of read.warnings) read.ctx.logger.warn(warning);
}

/** The table's list with these query parameters, paged by the read's pager. */
export function listQuery(read: ReadState, qs: IDataObject, overlap = true): PageQuery {
	const { listPath: path, pageSize, firstFrom } = read.table;
	return { path, qs, pageSize, firstFrom, overlap, itemIndex: read.itemIndex };
}

export function isAtOrAfter(record: IDataObject, field: string, since: number): boolean {
	const time = timeMs(record[field]);
	return time !== undefined && time >= since;
}

export function withoutSort(filters: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== 'sortBy'));
}

/** Runs a search, or gives undefined when the token may not search (the caller then reads the list instead). */
export async function unlessSearchForbidden<T>(read: ReadState, search: () => Promise<T>): Promise<T | undefined> {
	const result = await ignoringZohoErrors(['SCOPE_MISMATCH'], search);
	if (result === undefined) read.warnings.push(NO_SEARCH_SCOPE);
	return result;
}

/** Reads by time keyset over search, or gives undefined when the token may not search. */
export async function searchByTime(read: ReadState, keyset: Omit<KeysetQuery, 'search' | 'concurrency' | 'itemIndex'>) {
	const search = read.table.search!;
	const { concurrency, itemIndex, stats, onProgress } = read;
	// Trim records as they arrive (memory), keeping the time the read sorts by.
	const fields = read.fields && [...read.fields, keyset.field];
	const progress = onProgress && ((records: number) => onProgress({ records, counted: stats.counted, calls: stats.calls, credits: stats.credits }));
	return await unlessSearchForbidden(
		read,
		async () =>
			await readByTimeKeyset(read.ctx, { ...keyset, search, concurrency, itemIndex, fields, onProgress: progress }, read.stats),
	);
}
