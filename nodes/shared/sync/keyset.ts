import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { SearchDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { inParallel } from './parallel';
import { countedPage, idOf } from './calls';
import type { ReadStats } from './calls';
import { byTime, isoMs, timeMs } from './time';

/** A window is split for an idle parallel request only if this many pages are left in it. */
const MIN_SPLIT_PAGES = 3;
/** Splits beyond the initial ones may add at most this share of calls (each costs at most one short page). */
const EXTRA_SPLIT_SHARE = 0.004;

export type TimeField = 'createdTime' | 'modifiedTime';

export interface KeysetQuery {
	search: SearchDescription;
	field: TimeField;
	/** Search criteria besides time range, sort and paging */
	criteria: IDataObject;
	/** Inclusive bounds in epoch ms */
	from: number;
	to: number;
	/** Requests in flight at once */
	concurrency: number;
	itemIndex?: number;
	/** Every record at exactly `time`, for when more share one millisecond than search can page through */
	readTie?: (time: number) => Promise<IDataObject[]>;
}

/**
 * A time window [cursor, hi] read by keyset: each query starts at `cursor`, skipping the `skip` records at exactly
 * that time which were already received, so every call sits at offset ~0 (the cheapest credit tier).
 */
interface Window {
	cursor: number;
	hi: number;
	skip: number;
	/** What the next query's count must be if no record we counted left [cursor, hi] meanwhile */
	expected?: { count: number; hi: number };
	/** Records left in the window per Zoho's last count */
	remaining?: number;
	done: boolean;
	busy: boolean;
}

/**
 * Reads every record whose `field` lies in [from, to] with search's time ranges, each record once. Records are
 * returned sorted by `field`; a record fetched twice (it moved while the read ran) keeps its latest version.
 */
export async function readByTimeKeyset(ctx: ZohoDeskContext, read: KeysetQuery, stats: ReadStats): Promise<IDataObject[]> {
	return await new KeysetQueryer(ctx, read, stats).run();
}

class KeysetQueryer {
	private readonly records = new Map<string, IDataObject>();

	private readonly windows: Window[] = [];

	private extraSplits = 0;

	/** Set when one request failed for good: the other parallel requests stop instead of reading on. */
	private stopped = false;

	constructor(
		private readonly ctx: ZohoDeskContext,
		private readonly read: KeysetQuery,
		private readonly stats: ReadStats,
	) {}

	async run(): Promise<IDataObject[]> {
		// The first page says where the records start and how many there are; then the rest is shared out.
		const first = this.open(this.read.from, this.read.to);
		if (first.done) return []; // an empty range (e.g. a start in the future): nothing to ask
		first.busy = true;
		this.stats.counted = await this.nextPage(first);
		first.busy = false;
		if (!first.done) {
			this.extraSplits = Math.floor(((first.remaining ?? 0) / this.pageSize) * EXTRA_SPLIT_SHARE);
			this.splitEvenly(first, this.read.concurrency);
		}
		await inParallel(this.read.concurrency, async () => await this.work(), () => (this.stopped = true));
		return [...this.records.values()].sort(byTime(this.read.field));
	}

	private open(cursor: number, hi: number): Window {
		const window: Window = { cursor, hi, skip: 0, done: cursor > hi, busy: false };
		this.windows.push(window);
		return window;
	}

	private get pageSize(): number {
		return this.read.search.pageSize;
	}

	private async work(): Promise<void> {
		for (let window = this.claim(); window; window = this.claim()) {
			while (!window.done && !this.stopped) await this.nextPage(window);
			window.busy = false;
		}
	}

	/** A window nobody reads yet, else a piece split off the fullest window being read. */
	private claim(): Window | undefined {
		if (this.stopped) return undefined;
		const window = this.windows.find((w) => !w.done && !w.busy) ?? this.splitFullest();
		if (window) window.busy = true;
		return window;
	}

	private splitEvenly(window: Window, parts: number): void {
		const span = window.hi - window.cursor + 1;
		const pieces = Math.min(parts, span);
		if (pieces < 2) return;
		const bounds = Array.from({ length: pieces + 1 }, (_, i) => window.cursor + Math.floor((span * i) / pieces));
		for (let i = 1; i < pieces; i++) this.open(bounds[i], bounds[i + 1] - 1);
		window.hi = bounds[1] - 1;
		if (window.remaining !== undefined) window.remaining = Math.floor(window.remaining / pieces);
		this.stats.splits += pieces - 1;
	}

	private splitFullest(): Window | undefined {
		if (this.extraSplits <= 0) return undefined;
		const candidates = this.windows.filter(
			(w) => !w.done && (w.remaining ?? 0) >= MIN_SPLIT_PAGES * this.pageSize && w.hi > w.cursor,
		);
		if (!candidates.length) return undefined;
		const fullest = candidates.reduce((a, b) => ((b.remaining ?? 0) > (a.remaining ?? 0) ? b : a));
		const mid = fullest.cursor + Math.ceil((fullest.hi - fullest.cursor) / 2);
		const piece = this.open(mid, fullest.hi);
		fullest.hi = mid - 1;
		fullest.remaining = Math.floor((fullest.remaining ?? 0) / 2);
		this.extraSplits--;
		this.stats.splits++;
		return piece;
	}

	/** Fetches the window's next page; returns the count Zoho reported for it. */
	private async nextPage(window: Window): Promise<number | undefined> {
		if (window.skip > this.read.search.maxFrom) {
			await this.readTie(window);
			return undefined;
		}
		const { cursor, skip, hi } = window;
		const { field } = this.read;
		const { rows, count } = await countedPage(this.ctx, this.stats, {
			path: this.read.search.path,
			qs: { ...this.read.criteria, [`${field}Range`]: `${isoMs(cursor)},${isoMs(hi)}`, sortBy: field, from: skip, limit: this.pageSize },
			itemIndex: this.read.itemIndex,
		});
		// A record counted in [cursor, hi] is gone (deleted, or modified out of the range): `skip` may now jump
		// over an unread record at `cursor`, so read that millisecond again from its first record.
		const { expected } = window;
		if (skip > 0 && count !== undefined && expected?.hi === hi && count < expected.count) {
			this.stats.repairs++;
			window.skip = 0;
			window.expected = undefined;
			return count;
		}
		const times = this.sortedTimes(rows, cursor);
		// The window may have been split while this page was in flight: what lies past its new end is another's.
		let kept = rows.length;
		while (kept > 0 && times[kept - 1] > window.hi) kept--;
		for (const row of rows.slice(0, kept)) this.records.set(idOf(row), row);
		if (kept < rows.length || rows.length < this.pageSize || (count !== undefined && skip + rows.length >= count)) {
			window.done = true;
			return count;
		}
		const last = times[rows.length - 1];
		const atLast = times.filter((time) => time === last).length;
		window.skip = last === cursor ? skip + rows.length : atLast;
		window.cursor = last;
		if (count !== undefined) {
			// Records now behind the cursor: the skipped ones plus this page's rows before `last`.
			const passed = last === cursor ? 0 : skip + rows.length - atLast;
			window.expected = { count: count - passed, hi };
			window.remaining = count - skip - rows.length;
		}
		return count;
	}

	/** More records share one millisecond than `from` can reach: read that millisecond another way, or say so. */
	private async readTie(window: Window): Promise<void> {
		const { field, readTie } = this.read;
		if (!readTie) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`More than ${this.read.search.maxFrom + this.pageSize} records share the ${field} ${isoMs(window.cursor)}`,
				{
					description: `Zoho Desk's search cannot page past offset ${this.read.search.maxFrom}, and no other sort separates records of one millisecond, so they cannot all be read this way. Narrow the read with a filter (e.g. a department).`,
					itemIndex: this.read.itemIndex,
				},
			);
		}
		for (const row of await readTie(window.cursor)) {
			if (timeMs(row[field]) === window.cursor) this.records.set(idOf(row), row);
		}
		window.cursor++;
		window.skip = 0;
		window.expected = undefined;
		window.done = window.cursor > window.hi;
	}

	private timeOf(record: IDataObject): number {
		const time = timeMs(record[this.read.field]);
		if (time === undefined) {
			throw new NodeOperationError(this.ctx.getNode(), `Zoho Desk returned a record without ${this.read.field}`, {
				description: `Record ${String(record.id)} has no readable ${this.read.field}, so it cannot be placed in time.`,
				itemIndex: this.read.itemIndex,
			});
		}
		return time;
	}

	/** The rows' times, checked to be in the order asked for: a keyset over an unsorted answer would lose records. */
	private sortedTimes(rows: IDataObject[], cursor: number): number[] {
		const times = rows.map((row) => this.timeOf(row));
		const outOfOrder = times.findIndex((time, i) => time < (i ? times[i - 1] : cursor));
		if (outOfOrder >= 0) {
			throw new NodeOperationError(this.ctx.getNode(), `Zoho Desk's search did not sort by ${this.read.field}`, {
				description: `Record ${String(rows[outOfOrder].id)} came out of order, so reading by time could skip records. Nothing was returned.`,
				itemIndex: this.read.itemIndex,
			});
		}
		return times;
	}
}
