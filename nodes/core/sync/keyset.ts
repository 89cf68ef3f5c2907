import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { SearchDescription } from '../tables';
import type { ZohoDeskContext } from '../transport';
import { inParallel } from './parallel';
import { countedPage, idOf, withFields } from './calls';
import type { ReadStats } from './calls';
import { MAX_PAGES } from './pager';
import { byTime, isoMs, timeMs } from './time';
import { advance, lostRecords, splitIndex, splitOffset } from './windowMath';
import type { KeysetPosition } from './windowMath';

/** Repairs a read may make before it fails: this many, plus one for every REPAIR_EVERY calls. */
const REPAIR_ALLOWANCE = 10;
const REPAIR_EVERY = 10;

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
	/**
	 * `readTie` takes over a millisecond once this many of its records were read (default: when search cannot page
	 * further). Lower, it wastes fewer pages before a tie that search cannot page through anyway.
	 */
	readTieAfter?: number;
	/** Keep only these fields of each record (with `field`), as the pages arrive */
	fields?: string[];
	/** Told the number of records read so far after every page */
	onProgress?: (records: number) => void;
}

/** A time window [cursor, end] read by keyset, one page at a time, by one parallel request at a time. */
interface Window extends KeysetPosition {
	end: number;
	/** Records left to read, per the latest count */
	remaining?: number;
	/** What the next query's count must be if no record left [cursor, end] meanwhile (with the `end` it holds for) */
	expected?: { count: number; end: number };
	/** Set when a split fixed the window's end: the window is complete once this record arrives (the split has the rest) */
	lastId?: string;
	/**
	 * Records this window's reader has received. Splits place pages by this count: the record at `received + n` is
	 * the one `skip + n` into the window's next query.
	 */
	received: number;
	state: 'waiting' | 'reading' | 'done';
	/** Set when a split page found only the window's last millisecond: pages cannot split it */
	unsplittable?: boolean;
	/** Split pages in flight, by the `received` count of their first record */
	splitsAt: number[];
	/** For a window split off another: that window, and where this one's `received` starts in its count */
	origin?: { window: Window; shift: number };
}

/**
 * Reads every record whose `field` lies in [from, to] with search's time ranges, each record once, with
 * `concurrency` requests in flight: whenever a request is free, it splits the window with the most records left in
 * two and reads the new part (README.md). Records are returned sorted by `field`; a record fetched twice (it moved
 * while the read ran) keeps its latest version.
 */
export async function readByTimeKeyset(ctx: ZohoDeskContext, read: KeysetQuery, stats: ReadStats): Promise<IDataObject[]> {
	return await new KeysetReader(ctx, read, stats).run();
}

class KeysetReader {
	private readonly records = new Map<string, IDataObject>();

	private readonly windows: Window[] = [];

	/** Requests (or tie reads) under way: while any is, an idle request may yet get work from it */
	private active = 0;

	private wakeUp: Array<() => void> = [];

	/** Set when one request failed for good: the other parallel requests stop instead of reading on. */
	private stopped = false;

	constructor(
		private readonly ctx: ZohoDeskContext,
		private readonly read: KeysetQuery,
		private readonly stats: ReadStats,
	) {}

	async run(): Promise<IDataObject[]> {
		const first = this.open(this.read.from, 0, this.read.to);
		if (first.state === 'done') return []; // an empty range (e.g. a start in the future): nothing to ask
		await inParallel(this.read.concurrency, async () => await this.work(), () => this.stop());
		return [...this.records.values()].sort(byTime(this.read.field));
	}

	private open(cursor: number, skip: number, end: number): Window {
		const window: Window = { cursor, skip, end, received: 0, state: cursor > end ? 'done' : 'waiting', splitsAt: [] };
		this.windows.push(window);
		return window;
	}

	private get pageSize(): number {
		return this.read.search.pageSize;
	}

	private stop(): void {
		this.stopped = true;
		this.wake();
	}

	private wake(): void {
		for (const resolve of this.wakeUp.splice(0)) resolve();
	}

	/** One parallel request: reads windows nobody reads, else splits the fullest one and reads its new part. */
	private async work(): Promise<void> {
		while (!this.stopped) {
			let window = this.windows.find((w) => w.state === 'waiting');
			const split = window ? undefined : this.fullestSplittable();
			if (!window && !split) {
				// Nothing to do now; a request under way may still open a window (the first page, a split).
				if (this.active === 0) return;
				await new Promise<void>((resolve) => this.wakeUp.push(resolve));
				continue;
			}
			this.active++;
			try {
				if (split) window = await this.split(split.window, split.offset);
				if (window) await this.readWindow(window);
			} finally {
				this.active--;
				this.wake();
			}
		}
	}

	private async readWindow(window: Window): Promise<void> {
		if (window.state === 'waiting') window.state = 'reading';
		while (!this.stopped && window.state === 'reading') {
			if (this.reachedSplit(window)) {
				// The next page would start where the split's page does: wait for it rather than read it twice.
				await new Promise<void>((resolve) => this.wakeUp.push(resolve));
				continue;
			}
			await this.nextPage(window);
			this.wake(); // the page may have made a split worth it: tell idle requests
		}
	}

	private reachedSplit({ splitsAt, received }: Window): boolean {
		return splitsAt.some((at) => received >= at);
	}

	/**
	 * The window with the most records nobody reads yet, and where to split it (README.md: "keep every slot busy"):
	 * after its split pages in flight, else after its reader.
	 */
	private fullestSplittable(): { window: Window; offset: number } | undefined {
		let best: { window: Window; offset: number; unread: number } | undefined;
		for (const window of this.windows) {
			if (window.state !== 'reading' || window.remaining === undefined || window.unsplittable) continue;
			const from = window.splitsAt.length ? Math.max(...window.splitsAt) + this.pageSize : window.received;
			const unread = window.received + window.remaining - from;
			const { maxFrom } = this.read.search;
			const offset = splitOffset(window.skip + from - window.received, unread, this.pageSize, maxFrom, this.read.concurrency);
			if (offset !== undefined && unread > (best?.unread ?? 0)) best = { window, offset, unread };
		}
		return best;
	}

	private async fetch(cursor: number, end: number, from: number) {
		const { field } = this.read;
		if (this.stats.repairs > REPAIR_ALLOWANCE + this.stats.calls / REPAIR_EVERY || this.stats.calls >= MAX_PAGES) {
			throw new NodeOperationError(this.ctx.getNode(), `Reading ${this.read.search.path} by ${field} stopped after ${this.stats.calls} calls`, {
				description: `Records kept leaving the range while it was read (${this.stats.repairs} pages were read again), so the read stopped instead of running until the execution is killed. ${this.records.size} records had been read. Try again later; if it persists, narrow the read with filters.`,
				itemIndex: this.read.itemIndex,
			});
		}
		return await countedPage(this.ctx, this.stats, {
			path: this.read.search.path,
			qs: { ...this.read.criteria, [`${field}Range`]: `${isoMs(cursor)},${isoMs(end)}`, sortBy: field, from, limit: this.pageSize },
			itemIndex: this.read.itemIndex,
		});
	}

	private keep(rows: IDataObject[]): void {
		const { fields } = this.read;
		for (const row of rows) this.records.set(idOf(row), fields ? withFields(row, fields) : row);
		this.read.onProgress?.(this.records.size);
	}

	/**
	 * Splits `window` at the page `offset` records into its query: the page's records from its first new millisecond
	 * on start a new window (returned, to be read by the caller) that runs to the old end; the old window ends just
	 * before that millisecond. The page costs what any page costs and its records are kept, so a split costs a call
	 * only when the page cannot split (every record in one millisecond) or the window's reader got there first.
	 */
	private async split(window: Window, offset: number): Promise<Window | undefined> {
		const { cursor, end, skip, received } = window;
		const at = received + offset - skip;
		window.splitsAt.push(at);
		try {
			const { rows, count } = await this.fetch(cursor, end, offset);
			const times = this.sortedTimes(rows, cursor);
			this.keep(rows);
			return this.splitAt(window, at, rows, times, count !== undefined && end === window.end ? count - offset - rows.length : undefined);
		} finally {
			window.splitsAt.splice(window.splitsAt.indexOf(at), 1);
		}
	}

	/**
	 * Splits the window that holds the page's first new millisecond there: the page's records from it on start a new
	 * window (returned, for the caller to read) that runs to that window's end; that window now ends just before it.
	 * `at`: the page's place in `window`'s `received` count. `left`: records after the page, when search counted them.
	 */
	private splitAt(window: Window, at: number, rows: IDataObject[], times: number[], left?: number): Window | undefined {
		const first = splitIndex(times);
		if (first < 0) {
			const part = times.length ? this.splitAfter(times[0]) : undefined;
			// The page lies in the window's last millisecond: so would any other split page, so none is tried again.
			if (!part) window.unsplittable = true;
			return part;
		}
		const time = times[first];
		const target = this.windows.find((w) => w.state !== 'done' && w.cursor < time && time <= w.end);
		// The page's place in the target's own count: the target is the window, or a part split off it.
		const shift = target === window ? 0 : target?.origin?.window === window ? target.origin.shift : undefined;
		if (!target || shift === undefined || target.remaining === undefined) return undefined;
		let kept = rows.length;
		while (kept > first && times[kept - 1] > target.end) kept--;
		const next = advance({ cursor: time, skip: 0 }, 0, times.slice(first, kept));
		const part = this.open(next.cursor, next.skip, target.end);
		part.state = 'reading';
		part.lastId = target.lastId;
		part.origin = { window, shift: at + rows.length };
		const targetEnd = target.received + target.remaining + shift;
		part.remaining = left ?? Math.max(0, targetEnd - (at + rows.length));
		const reachedEnd = part.lastId !== undefined && rows.slice(first, kept).some((row) => idOf(row) === part.lastId);
		if (reachedEnd || kept < rows.length || rows.length < this.pageSize || part.remaining === 0) part.state = 'done';
		if (left !== undefined) part.expected = { count: left + kept - first - next.passed, end: target.end };
		// The target now ends before the new millisecond; the page already holds its last records (from the page's
		// first on), so its reader stops there, and its pages end on a whole page.
		target.end = time - 1;
		target.lastId = idOf(rows[0]);
		target.remaining = Math.max(0, at - shift + 1 - target.received);
		// Its reader already has every record before the split, and waits for this page: nothing is left there.
		if (target === window && target.remaining === 0) target.state = 'done';
		this.stats.splits++;
		return part;
	}

	/**
	 * A split page entirely in one millisecond (a bulk import) has no place to split in it: the window holding it is
	 * split just after that millisecond instead. The new part, returned for the caller to read, has no known count
	 * until its first page; the window keeps that millisecond and everything before it.
	 */
	private splitAfter(time: number): Window | undefined {
		const target = this.windows.find((w) => w.state !== 'done' && w.cursor <= time && time < w.end);
		if (!target) return undefined;
		const part = this.open(time + 1, 0, target.end);
		part.lastId = target.lastId;
		target.end = time;
		target.lastId = undefined;
		target.remaining = undefined;
		this.stats.splits++;
		return part;
	}

	/** Fetches the window's next page. */
	private async nextPage(window: Window): Promise<void> {
		if (window.skip >= (this.read.readTieAfter ?? this.read.search.maxFrom + 1)) return await this.readTie(window);
		const { cursor, skip, end } = window;
		const { rows, count } = await this.fetch(cursor, end, skip);
		if (count !== undefined && this.stats.counted === undefined) this.stats.counted = count;
		// A record counted in [cursor, end] is gone (deleted, or modified out of the range): `skip` may now jump
		// over an unread record at `cursor`, so read that millisecond again from its first record.
		if (window.expected?.end === end && lostRecords(skip, count, window.expected.count)) {
			this.stats.repairs++;
			window.skip = 0;
			window.expected = undefined;
			return;
		}
		const times = this.sortedTimes(rows, cursor);
		// The window may have been split while this page was in flight: what lies past its new end is another's.
		let kept = rows.length;
		while (kept > 0 && times[kept - 1] > window.end) kept--;
		this.keep(rows.slice(0, kept));
		window.received += kept;
		const reachedLast = window.lastId !== undefined && rows.slice(0, kept).some((row) => idOf(row) === window.lastId);
		if (reachedLast || kept < rows.length || rows.length < this.pageSize || (count !== undefined && skip + rows.length >= count)) {
			window.state = 'done';
			return;
		}
		const next = advance(window, skip, times);
		window.cursor = next.cursor;
		window.skip = next.skip;
		if (count !== undefined && window.end === end) {
			window.expected = { count: count - next.passed, end };
			window.remaining = count - skip - rows.length;
		} else if (window.remaining !== undefined) {
			window.remaining = Math.max(0, window.remaining - rows.length);
		}
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
		const tied = (await readTie(window.cursor)).filter((row) => timeMs(row[field]) === window.cursor);
		this.keep(tied);
		// The millisecond's records the reader had not received yet: splits place their pages by this count.
		const unseen = Math.max(0, tied.length - window.skip);
		window.received += unseen;
		if (window.remaining !== undefined) window.remaining = Math.max(0, window.remaining - unseen);
		window.cursor++;
		window.skip = 0;
		window.expected = undefined;
		if (window.cursor > window.end) window.state = 'done';
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
