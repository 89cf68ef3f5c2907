'use strict';
/**
 * One Zoho table of one portal: records by id, sorted indexes over the live (not trashed) records, and cached
 * query results, so that paging through 100k tickets never costs O(N) per request.
 *
 * Internally each record sits in an entry { id, trashed, record, seedIndex, ...indexKeys }. `record` is the full
 * record, or null while a seeded record has not been read yet (see seed.js: big tables are expanded lazily).
 * Records are immutable: an update stores a new object.
 */

/** Orders by value then id; null values sort last, strings case-insensitively. */
function compareValues(a, b) {
	if (a === b) return 0;
	if (a === null || a === undefined) return 1;
	if (b === null || b === undefined) return -1;
	if (typeof a === 'string' && typeof b === 'string') {
		const x = a.toLowerCase();
		const y = b.toLowerCase();
		return x < y ? -1 : x > y ? 1 : 0;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Index keys are always numbers (epoch ms): a cheap comparator for the big sorts. */
const byNumberThenId = (key) => (a, b) => a[key] - b[key] || byId(a, b);

/** First position in `arr` (sorted by key) whose value is not below `value`. */
function lowerBound(arr, key, value) {
	let lo = 0;
	let hi = arr.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (arr[mid][key] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** First position in `arr` (sorted by key) whose value is above `value`. */
function upperBound(arr, key, value) {
	let lo = 0;
	let hi = arr.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (arr[mid][key] <= value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Position of an entry with `value` and `id` in an index sorted by (key, id). */
function positionOf(arr, key, value, id) {
	let at = lowerBound(arr, key, value);
	while (at < arr.length && arr[at][key] === value && arr[at].id < id) at++;
	return at;
}

const CACHE_SIZE = 32;

class Table {
	/** @param {string[]} indexKeys record keys (epoch ms, never null) kept in sorted indexes */
	constructor(name, indexKeys = []) {
		this.name = name;
		this.indexKeys = indexKeys;
		this.entries = new Map();
		this.indexes = new Map(indexKeys.map((key) => [key, []]));
		this.expand = null;
		this.version = 0;
		this.cache = new Map();
	}

	entryOf(record, seedIndex = -1) {
		const entry = { id: record.id, trashed: Boolean(record.trashed), record, seedIndex };
		for (const key of this.indexKeys) entry[key] = record[key];
		return entry;
	}

	/** Seeds the table. `stubs` hold id, trashed and the index keys; `expand(stub)` builds the full record later. */
	load(records, { stubs = [], expand = null } = {}) {
		this.expand = expand;
		for (const record of records) this.entries.set(record.id, this.entryOf(record));
		stubs.forEach((stub, seedIndex) => this.entries.set(stub.id, { ...this.entryOf(stub, seedIndex), record: null }));
		for (const [key, index] of this.indexes) {
			for (const entry of this.entries.values()) if (!entry.trashed) index.push(entry);
			const compare = byNumberThenId(key);
			if (index.some((entry, i) => i > 0 && compare(index[i - 1], entry) > 0)) index.sort(compare);
		}
		this.version++;
	}

	/** The full record of an entry (expanding a lazily seeded one on first use). */
	full(entry) {
		if (entry.record === null) entry.record = this.expand(entry);
		return entry.record;
	}

	get(id) {
		const entry = this.entries.get(id);
		return entry ? this.full(entry) : undefined;
	}

	/** Stores a new or changed record (a trashed record leaves the indexes but stays readable by id). */
	put(record) {
		const previous = this.entries.get(record.id);
		const entry = this.entryOf(record);
		for (const [key, index] of this.indexes) {
			if (previous && !previous.trashed) {
				const at = positionOf(index, key, previous[key], previous.id);
				if (index[at] === previous) index.splice(at, 1);
			}
			if (!entry.trashed) index.splice(positionOf(index, key, entry[key], entry.id), 0, entry);
		}
		this.entries.set(record.id, entry);
		this.version++;
	}

	/** Hard delete. */
	purge(id) {
		const record = this.get(id);
		if (!record) return;
		this.put({ ...record, trashed: true });
		this.entries.delete(id);
	}

	/** The live record with the lowest id (a default to link new records to). */
	firstLive() {
		const [first] = this.liveEntries();
		return first && this.full(first);
	}

	/** Live entries in id order (tables without indexes). */
	liveEntries() {
		return [...this.entries.values()].filter((entry) => !entry.trashed).sort(byId);
	}

	/**
	 * Live records matching `ranges` ({ key: [min, max] }, inclusive) and `filter(record)`, ordered by `sortKey`
	 * (ties by id; both reversed when `desc`). Returns a window { arr, lo, hi, desc } of entries, so that a page
	 * is a slice, not a copy. `cacheKey` names the query without paging, so the next page costs O(page).
	 */
	query({ ranges = {}, filter = null, sortKey = 'id', desc = false, cacheKey }) {
		const rangeKeys = Object.keys(ranges);
		const indexedRange =
			rangeKeys.find((key) => key === sortKey && this.indexes.has(key)) ??
			rangeKeys.find((key) => this.indexes.has(key));
		const baseKey = indexedRange ?? (this.indexes.has(sortKey) ? sortKey : undefined);
		let arr;
		let lo = 0;
		let hi;
		if (baseKey) {
			arr = this.indexes.get(baseKey);
			hi = arr.length;
			if (indexedRange) {
				lo = lowerBound(arr, baseKey, ranges[baseKey][0]);
				hi = upperBound(arr, baseKey, ranges[baseKey][1]);
			}
		} else {
			arr = this.liveEntries();
			hi = arr.length;
		}
		const otherRanges = rangeKeys.filter((key) => key !== indexedRange);
		const needsSort = baseKey !== sortKey && sortKey !== 'id';
		if (filter === null && otherRanges.length === 0 && !needsSort) return { arr, lo, hi, desc };

		const cached = cacheKey && this.cache.get(cacheKey);
		if (cached && cached.version === this.version) return { arr: cached.arr, lo: 0, hi: cached.arr.length, desc };
		const matches = [];
		for (let i = lo; i < hi; i++) {
			const entry = arr[i];
			const record = this.full(entry);
			if (otherRanges.some((key) => !(record[key] >= ranges[key][0] && record[key] <= ranges[key][1]))) continue;
			if (filter && !filter(record)) continue;
			matches.push(entry);
		}
		if (needsSort) matches.sort((a, b) => compareValues(a.record[sortKey], b.record[sortKey]) || byId(a, b));
		if (cacheKey) {
			if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value);
			this.cache.set(cacheKey, { version: this.version, arr: matches });
		}
		return { arr: matches, lo: 0, hi: matches.length, desc };
	}

	/** The records of a query window from `from`, at most `limit`. */
	page(window, from, limit) {
		const { arr, lo, hi, desc } = window;
		const out = [];
		for (let i = from; i < from + limit && lo + i < hi; i++) out.push(this.full(desc ? arr[hi - 1 - i] : arr[lo + i]));
		return out;
	}
}

const windowSize = (window) => window.hi - window.lo;

module.exports = { Table, windowSize, compareValues };
