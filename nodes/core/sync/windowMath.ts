/**
 * The arithmetic of time windows read by keyset (README.md): pure functions over record times, so that each rule can
 * be tested on its own. Offsets count from the first record of a query's range [cursor, end], sorted by time.
 */

/** Where a window's next query starts: at `cursor`, after the `skip` records at exactly that time already read. */
export interface KeysetPosition {
	cursor: number;
	skip: number;
}

/**
 * The position after a page of a query from `position`: the page was fetched at offset `from` and its records
 * have `times` (sorted). `passed`: how many records of the query's range now lie behind the new cursor, so that
 * the next query's count can be checked against the previous one's.
 */
export function advance(position: KeysetPosition, from: number, times: number[]): KeysetPosition & { passed: number } {
	const last = times[times.length - 1];
	if (last === position.cursor) return { cursor: last, skip: from + times.length, passed: 0 };
	const atLast = times.length - times.indexOf(last);
	return { cursor: last, skip: atLast, passed: from + times.length - atLast };
}

/**
 * Where a page can split its window: the index of its first record at a later time than the record before it
 * (that record starts a new millisecond, so everything before it in the query lies before that time), or -1 when
 * every record of the page shares one millisecond.
 */
export function splitIndex(times: number[]): number {
	for (let i = 1; i < times.length; i++) if (times[i] > times[i - 1]) return i;
	return -1;
}

/**
 * The offset of the page that splits a window with `remaining` unread records, `skip` records into its query, for
 * `requests` parallel requests: the front part keeps one request's share of the window (so that the parts end
 * together), a whole number of pages (its reader then needs no short page), and the split page lies within search's
 * reach (`maxFrom`). Undefined when one page holds the rest, or its next offset is already beyond reach.
 */
export function splitOffset(skip: number, remaining: number, pageSize: number, maxFrom: number, requests: number): number | undefined {
	if (remaining <= pageSize) return undefined;
	const reachable = Math.floor((maxFrom - skip + 1) / pageSize);
	const pages = Math.min(reachable, Math.ceil(remaining / (Math.max(2, requests) * pageSize)));
	return pages < 1 ? undefined : skip + pages * pageSize - 1;
}

/**
 * True when search now counts fewer records in the same range than the previous page left there: a record counted
 * before is gone (deleted, or modified out of the range), so `skip` may jump over an unread record at the cursor.
 */
export function lostRecords(skip: number, count: number | undefined, expected: number | undefined): boolean {
	return skip > 0 && count !== undefined && expected !== undefined && count < expected;
}
