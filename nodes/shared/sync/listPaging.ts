import type { IDataObject } from 'n8n-workflow';

import type { ZohoDeskContext } from '../transport';
import { fetchPage, idOf } from './stats';
import type { ReadStats } from './stats';

/** List calls cost the least (3 credits) up to this `from`; deeper ones cost 5 to 100 (zoho-desk-api.md §5). */
export const CHEAPEST_MAX_FROM = 2000;

export interface ListRead {
	path: string;
	qs: IDataObject;
	pageSize: number;
	itemIndex?: number;
}

/** Where a list read stands, so that it can stop at a depth and resume later. */
export interface ListPosition {
	from: number;
	/** Id of the last record received: the next page starts on it, to notice shifts */
	anchor?: string;
	ended: boolean;
}

/**
 * Offset paging that notices when the list moved under it. Each page after the first starts on the previous page's
 * last record (one record of overlap): if that record is not first, records were inserted ahead of the read (the
 * duplicates are dropped by the caller's ids) or removed ahead of it (a record may have been jumped over, so the
 * read steps back a page). Calls `onPage` with each page's rows; stops when it returns false, at the end of the
 * list, or before a `from` beyond `maxFrom`.
 */
export async function pageList(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	read: ListRead,
	position: ListPosition,
	onPage: (rows: IDataObject[]) => boolean,
	maxFrom = Infinity,
): Promise<void> {
	while (!position.ended && position.from <= maxFrom) {
		const { rows } = await fetchPage(ctx, stats, {
			path: read.path,
			qs: { ...read.qs, from: position.from, limit: read.pageSize },
			itemIndex: read.itemIndex,
		});
		const anchorLost = position.anchor !== undefined && !rows.some((row) => idOf(row) === position.anchor);
		if (anchorLost && position.from > 0) {
			// Records ahead of the read were removed: go back one page, so nothing slips between two pages.
			stats.repairs++;
			position.from = Math.max(0, position.from - read.pageSize + 1);
			position.anchor = undefined;
			continue;
		}
		position.ended = rows.length < read.pageSize;
		if (rows.length) {
			position.from += Math.max(1, rows.length - 1);
			position.anchor = idOf(rows[rows.length - 1]);
		}
		if (!onPage(rows) || position.ended) return;
	}
}

/** Adds rows to `into` (a record fetched again replaces its older copy); returns true to read on. */
function keep(into: Map<string, IDataObject>, rows: IDataObject[]): true {
	for (const row of rows) into.set(idOf(row), row);
	return true;
}

function meets(rows: IDataObject[], other: Map<string, IDataObject>): boolean {
	return rows.some((row) => other.has(idOf(row)));
}

/** Every record of a list, each once, in Zoho's order (or `sortBy` if given). */
export async function readList(ctx: ZohoDeskContext, stats: ReadStats, read: ListRead): Promise<IDataObject[]> {
	const records = new Map<string, IDataObject>();
	await pageList(ctx, stats, read, { from: 0, ended: false }, (rows) => keep(records, rows));
	return [...records.values()];
}

/**
 * Every record of a list sortable by an immutable field, oldest first, reading from both ends: ascending and
 * descending each reach 2,000+ records in the cheapest credit tier, so lists of up to ~4,000 records cost the
 * floor, and larger ones go only half as deep as plain paging. The two reads stop where they meet.
 */
export async function readListFromBothEnds(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	read: ListRead,
	field: string,
): Promise<IDataObject[]> {
	const older = new Map<string, IDataObject>();
	const newer = new Map<string, IDataObject>();
	const ascending = { ...read, qs: { ...read.qs, sortBy: field } };
	const up: ListPosition = { from: 0, ended: false };
	await pageList(ctx, stats, ascending, up, (rows) => keep(older, rows), CHEAPEST_MAX_FROM);
	if (!up.ended) {
		let met = false;
		const descending = { ...read, qs: { ...read.qs, sortBy: `-${field}` } };
		const down: ListPosition = { from: 0, ended: false };
		await pageList(ctx, stats, descending, down, (rows) => {
			met = meets(rows, older);
			keep(newer, rows);
			return !met;
		}, CHEAPEST_MAX_FROM);
		// Still apart: the middle lies deeper than the cheapest tier reaches from either end.
		if (!met && !down.ended) {
			await pageList(ctx, stats, ascending, up, (rows) => keep(older, rows) && !meets(rows, newer));
		}
	}
	for (const id of older.keys()) newer.delete(id);
	return [...older.values(), ...[...newer.values()].reverse()];
}
