import type { IDataObject } from 'n8n-workflow';

import type { TableDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { countedPage, idOf } from './calls';
import { readByTimeKeyset } from './keyset';
import type { KeysetQuery } from './keyset';
import { CHEAPEST_MAX_FROM, Pager, readPages } from './pager';
import type { PageQuery } from './pager';
import { beginRead, endRead, listQuery, searchByTime, withoutSort } from './readState';
import type { ReadMethod, ReadOptions, ReadResult, ReadState } from './readState';
import { searchCriteria } from './searchCriteria';
import { EPOCH_MS, isoMs, timeMs } from './time';

/**
 * Every record of a list sortable by an immutable field, oldest first, reading from both ends: ascending and
 * descending each reach 2,000+ records in the cheapest credit tier, so lists of up to ~4,000 records cost the
 * floor, and larger ones go only half as deep as plain paging. The two reads stop where they meet.
 */
async function readListFromBothEnds(read: ReadState, query: PageQuery, field: string): Promise<IDataObject[]> {
	const older = new Map<string, IDataObject>();
	const newer = new Map<string, IDataObject>();
	const keep = (into: Map<string, IDataObject>, rows: IDataObject[]) => rows.forEach((row) => into.set(idOf(row), row));
	const meets = (rows: IDataObject[], other: Map<string, IDataObject>) => rows.some((row) => other.has(idOf(row)));
	const up = new Pager(read.ctx, read.stats, { ...query, qs: { ...query.qs, sortBy: field } });
	await up.read(({ rows }) => keep(older, rows), CHEAPEST_MAX_FROM);
	if (!up.ended) {
		let met = false;
		const down = new Pager(read.ctx, read.stats, { ...query, qs: { ...query.qs, sortBy: `-${field}` } });
		await down.read(({ rows }) => {
			met = meets(rows, older);
			keep(newer, rows);
			return !met;
		}, CHEAPEST_MAX_FROM);
		// Still apart: the middle lies deeper than the cheapest tier reaches from either end.
		if (!met && !down.ended) {
			await up.read(({ rows }) => {
				keep(older, rows);
				return !meets(rows, newer);
			});
		}
	}
	for (const id of older.keys()) newer.delete(id);
	return [...older.values(), ...[...newer.values()].reverse()];
}

/**
 * All records created at exactly `time`, by search at 3 credits a page (search's `from` cannot page through more
 * than 1,099 records of one millisecond, but its other sort can): a keyset over modifiedTime within that millisecond.
 * modifiedTime only grows, so a record modified meanwhile leaves that read's range [epoch, start] and is then among
 * the newest: passes sorted newest first read every record modified after `start` (a pass of one page is one answer;
 * a longer one is followed by a pass for what changed during it). When more than search can page through share a
 * modifiedTime as well (an import that set both), the list gives the whole millisecond. Undefined when more records were
 * modified meanwhile than a pass can page through: the caller reads the list instead.
 */
async function createdAtBySearch(read: ReadState, criteria: IDataObject, time: number): Promise<IDataObject[] | undefined> {
	const search = read.table.search!;
	const withinTime = { ...criteria, createdTimeRange: `${isoMs(time)},${isoMs(time)}` };
	const start = Date.now();
	const found = new Map<string, IDataObject>();
	const keep = (row: IDataObject) => found.set(idOf(row), row);
	let fromList: IDataObject[] | undefined;
	// Search cannot separate those records: the list reads the whole millisecond (list items carry no modifiedTime to
	// pick them by), and the keyset reads on past them.
	const sharedModifiedTime = async () => {
		fromList ??= await createdAtFromList(read, criteria, time);
		return [];
	};
	const keyset = { search, field: 'modifiedTime' as const, criteria: withinTime, from: EPOCH_MS, to: start, concurrency: 1 };
	(await readByTimeKeyset(read.ctx, { ...keyset, itemIndex: read.itemIndex, readTie: sharedModifiedTime }, read.stats)).forEach(keep);
	// The list gave every record of the millisecond; search's are as new or newer.
	if (fromList) return [...found.values(), ...fromList.filter((row) => !found.has(idOf(row)))];
	for (let since = start + 1; ; ) {
		const newestFirst = { ...withinTime, sortBy: '-modifiedTime' };
		const pass = new Pager(read.ctx, read.stats, { path: search.path, qs: newestFirst, pageSize: search.pageSize, maxFrom: search.maxFrom, overlap: true, itemIndex: read.itemIndex });
		let pages = 0;
		let newest: number | undefined;
		let reachedOlder = false;
		await pass.read(({ rows }) => {
			pages++;
			for (const row of rows) {
				const modified = timeMs(row.modifiedTime) ?? EPOCH_MS;
				newest ??= modified;
				if (modified >= since) keep(row);
				else reachedOlder = true;
			}
			return !reachedOlder;
		});
		if (!reachedOlder && !pass.ended) return undefined; // more were modified meanwhile than search reaches
		if (pages <= 1 || newest === undefined) break;
		// Whatever was modified while this pass paged is at least as new as the newest record it found first.
		since = newest;
	}
	return [...found.values()];
}

/**
 * All records created at exactly `time`, from the list sorted by createdTime, when search cannot read them
 * (createdAtBySearch). Search counts the records before it, which is where they start in the list (one earlier,
 * in case Zoho's `from` counts from 1).
 */
async function createdAtFromList(read: ReadState, criteria: IDataObject, time: number): Promise<IDataObject[]> {
	const search = read.table.search!;
	const { count } = await countedPage(read.ctx, read.stats, {
		path: search.path,
		qs: { ...criteria, createdTimeRange: `${isoMs(EPOCH_MS)},${isoMs(time - 1)}`, limit: 1 },
		itemIndex: read.itemIndex,
	});
	const found: IDataObject[] = [];
	// Whole records: `fields` could leave out the createdTime this relies on (the read trims them later).
	const filters = Object.fromEntries(Object.entries(withoutSort(read.filters)).filter(([name]) => name !== 'fields'));
	const query = listQuery(read, { ...filters, sortBy: 'createdTime' });
	await new Pager(read.ctx, read.stats, query, Math.max(0, (count ?? 0) - 1)).read(({ rows }) => {
		found.push(...rows.filter((row) => timeMs(row.createdTime) === time));
		return !rows.some((row) => (timeMs(row.createdTime) ?? time) > time);
	});
	return found;
}

/**
 * How a read by createdTime reads a millisecond of many records (a bulk import): as soon as a whole page shares one,
 * by search within it, else (it shares modifiedTimes too) from the list.
 */
export function createdTimeTies(read: ReadState, criteria: IDataObject): Pick<KeysetQuery, 'readTie' | 'readTieAfter'> {
	return {
		readTie: async (time) => (await createdAtBySearch(read, criteria, time)) ?? (await createdAtFromList(read, criteria, time)),
		// A tie search cannot page through costs fewer pages read by its own keyset at once than after search paged
		// through the 1,099 records it reaches.
		readTieAfter: read.table.search!.pageSize,
	};
}

/** The whole list the cheapest way the filters allow. */
export async function readWholeList(read: ReadState, byCreatedTime: boolean): Promise<{ records: IDataObject[]; method: ReadMethod }> {
	const { table } = read;
	if (table.pageSize === undefined) {
		return { records: await readPages(read.ctx, listQuery(read, read.filters), { stats: read.stats }), method: 'single' };
	}
	if (byCreatedTime && table.sortFields.includes('createdTime')) {
		const records = await readListFromBothEnds(read, listQuery(read, withoutSort(read.filters)), 'createdTime');
		return { records, method: 'listFromBothEnds' };
	}
	return { records: await readPages(read.ctx, listQuery(read, read.filters), { stats: read.stats }), method: 'list' };
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
): Promise<ReadResult> {
	const read = beginRead(ctx, table, qs, options);
	const sortBy = String(read.filters.sortBy ?? '');
	const byCreatedTime = sortBy === '' || sortBy.replace(/^-/, '') === 'createdTime';
	// Search has no `fields`: it returns whole records, which the read trims to the chosen fields instead.
	const { fields, ...filters } = read.filters;
	const criteria = byCreatedTime ? searchCriteria(table, filters) : undefined;
	let records: IDataObject[] | undefined;
	let method: ReadMethod = 'searchByTime';
	if (criteria && table.search?.timeRanges.includes('createdTime')) {
		if (fields) read.fields = ['id', ...String(fields).split(',')];
		records = await searchByTime(read, {
			field: 'createdTime',
			criteria,
			from: EPOCH_MS,
			to: Date.now(),
			...createdTimeTies(read, criteria),
		});
	}
	if (!records) {
		read.fields = options.fields; // the list takes `fields` itself
		({ records, method } = await readWholeList(read, byCreatedTime));
	}
	if (sortBy === '-createdTime' && method !== 'list' && method !== 'single') records.reverse();
	// The keyset trimmed each record to the fields and its time as it arrived: when the time is one of the fields
	// (Simplify), that is the output, and a second copy of 100,000 records would only double the read's peak memory.
	const trimmed = method === 'searchByTime' && read.fields?.includes('createdTime');
	return endRead(read, records, method, method === 'searchByTime', trimmed);
}
