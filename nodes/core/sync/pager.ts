import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { ZohoDeskContext } from '../transport';
import { countedPage, idOf, newStats } from './calls';
import type { ReadStats } from './calls';

/** List calls cost the least (3 credits) up to this `from`; deeper ones cost 5 to 100 (docs/zoho-facts.md, "Paging, limits and credits"). */
export const CHEAPEST_MAX_FROM = 2000;

/** No read pages further than this (2 million records at 100 a page, more than one n8n execution can hold). */
export const MAX_PAGES = 20_000;

/** Repairs a read may make before it fails: this many, plus one for every REPAIR_EVERY pages read. */
const REPAIR_ALLOWANCE = 10;
const REPAIR_EVERY = 10;

export interface PageQuery {
	path: string;
	qs?: IDataObject;
	/** The endpoint's largest `limit`; undefined when the endpoint is not paginated (one call returns everything) */
	pageSize?: number;
	/** Stop once this many records were read (a Limit); undefined reads to the end */
	limit?: number;
	/** The `from` of the list's first record when it is not 0 (the accounts list: 1) */
	firstFrom?: number;
	/** The largest `from` the endpoint accepts (ticket search: 999); paging stops there */
	maxFrom?: number;
	/**
	 * Start each page on the previous page's last record (costs one record a page) to notice records removed ahead
	 * of the read, which would otherwise shift one record past the read unseen. Return All pays it; a Limit does not.
	 */
	overlap?: boolean;
	itemIndex?: number;
}

/** One page as the pager hands it on: the records not seen before, and search's `count` when Zoho sent it. */
export interface Page {
	rows: IDataObject[];
	count?: number;
	/** The page's `from` */
	from: number;
}

/**
 * Offset paging for every list and search endpoint, the one pager of the package. It asks for `limit` only as many
 * records as are still wanted, stops on 204, on a short page, at the limit or at `maxFrom`, hands on each record
 * once (by id: records shifting between pages are not repeated), and never loops: a full page that brings no new
 * record, more than MAX_PAGES pages, or repairs that never let the read advance fail the read with a clear error.
 * It can stop (onPage returns false) and resume later, which the two-ended list read does.
 */
export class Pager {
	/** The next page's `from` */
	from: number;

	ended = false;

	/** Records handed on so far */
	delivered = 0;

	private pages = 0;

	private repairs = 0;

	/** Id of the previous page's last record, where the next page must start (overlap) */
	private anchor: string | undefined;

	private readonly seen = new Set<string>();

	constructor(
		private readonly ctx: ZohoDeskContext,
		private readonly stats: ReadStats,
		private readonly query: PageQuery,
		from = query.firstFrom ?? 0,
	) {
		this.from = from;
	}

	/** Reads pages into `onPage` until the end of the list, the limit or `maxFrom`, or until `onPage` returns false. */
	async read(onPage: (page: Page) => boolean | void, maxFrom = this.query.maxFrom ?? Infinity): Promise<void> {
		const { pageSize, limit } = this.query;
		if (pageSize === undefined) return await this.readUnpaginated(onPage);
		while (!this.ended && this.from <= maxFrom && (limit === undefined || this.delivered < limit)) {
			const overlap = this.anchor === undefined ? 0 : 1;
			const size = limit === undefined ? pageSize : Math.min(pageSize, limit - this.delivered + overlap);
			const from = this.from;
			const { rows, count } = await countedPage(this.ctx, this.stats, {
				path: this.query.path,
				qs: { ...this.query.qs, from, limit: size },
				itemIndex: this.query.itemIndex,
			});
			this.pages++;
			if (this.pages > MAX_PAGES) this.fail(`more than ${MAX_PAGES} pages`, 'a list that never ends');
			if (this.anchor !== undefined && !rows.some((row) => idOf(row) === this.anchor)) {
				this.repair();
				continue;
			}
			const fresh = rows.filter((row) => !this.seen.has(idOf(row)));
			if (rows.length === size && !fresh.length) {
				this.fail(`a full page at offset ${from} with no record it had not returned before`, 'a server that ignores `from`');
			}
			for (const row of fresh) this.seen.add(idOf(row));
			this.ended = rows.length < size;
			if (rows.length) {
				this.from += this.query.overlap ? Math.max(1, rows.length - 1) : rows.length;
				if (this.query.overlap) this.anchor = idOf(rows[rows.length - 1]);
			}
			const wanted = limit === undefined ? fresh : fresh.slice(0, limit - this.delivered);
			this.delivered += wanted.length;
			if (onPage({ rows: wanted, count, from }) === false) return;
		}
	}

	/** Records ahead of the read were removed: go back one page, so nothing slips between two pages. */
	private repair(): void {
		this.stats.repairs++;
		this.repairs++;
		if (this.repairs > REPAIR_ALLOWANCE + this.pages / REPAIR_EVERY) {
			this.fail(`${this.repairs} pages that had shifted under it in ${this.pages}`, 'records deleted ahead of the read all the time');
		}
		this.from = Math.max(this.query.firstFrom ?? 0, this.from - this.query.pageSize! + 1);
		this.anchor = undefined;
	}

	private async readUnpaginated(onPage: (page: Page) => boolean | void): Promise<void> {
		if (this.ended) return;
		const { rows, count } = await countedPage(this.ctx, this.stats, {
			path: this.query.path,
			qs: this.query.qs,
			itemIndex: this.query.itemIndex,
		});
		this.ended = true;
		const wanted = rows.slice(0, this.query.limit);
		this.delivered = wanted.length;
		onPage({ rows: wanted, count, from: 0 });
	}

	private fail(what: string, cause: string): never {
		throw new NodeOperationError(this.ctx.getNode(), `Paging ${this.query.path} stopped after ${what}`, {
			description: `Zoho Desk kept answering in a way that would make the read loop (${cause}), so it stopped instead of running until the execution is killed. ${this.delivered} records had been read. Try again later; if it persists, narrow the read with filters.`,
			itemIndex: this.query.itemIndex,
		});
	}
}

/**
 * Every record of a paged query (up to its `limit`), each once, in Zoho's order. `inspect` sees each page (e.g.
 * search's `count`) before its records are kept, and may throw.
 */
export async function readPages(
	ctx: ZohoDeskContext,
	query: PageQuery,
	{ stats = newStats(), inspect }: { stats?: ReadStats; inspect?: (page: Page) => void } = {},
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	await new Pager(ctx, stats, query).read((page) => {
		inspect?.(page);
		records.push(...page.rows);
	});
	return records;
}
