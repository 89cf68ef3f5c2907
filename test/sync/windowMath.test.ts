/** The window maths of the keyset read (nodes/core/sync/windowMath.ts), one rule at a time. */
import { advance, lostRecords, splitIndex, splitOffset } from '../../nodes/core/sync/windowMath';

describe('advance: where the next query of a window starts', () => {
	test('after a page ending in a new millisecond: at that millisecond, skipping the records of it already read', () => {
		expect(advance({ cursor: 0, skip: 0 }, 0, [1, 2, 5, 5, 5])).toEqual({ cursor: 5, skip: 3, passed: 2 });
	});

	test('records behind the new cursor count the page\'s offset: what the window had skipped is behind it too', () => {
		expect(advance({ cursor: 1, skip: 2 }, 2, [1, 3, 4])).toEqual({ cursor: 4, skip: 1, passed: 4 });
	});

	test('a page entirely at the cursor\'s millisecond keeps the cursor and skips further', () => {
		expect(advance({ cursor: 7, skip: 100 }, 100, [7, 7, 7])).toEqual({ cursor: 7, skip: 103, passed: 0 });
	});
});

describe('splitIndex: where a page can start a new window', () => {
	test('at its first record in a later millisecond than the one before it', () => {
		expect(splitIndex([3, 4, 5])).toBe(1);
		expect(splitIndex([3, 3, 3, 8, 9])).toBe(3);
	});

	test('nowhere when the whole page shares one millisecond', () => {
		expect(splitIndex([6, 6, 6])).toBe(-1);
		expect(splitIndex([6])).toBe(-1);
	});
});

describe('splitOffset: which page splits a window', () => {
	test('the front keeps one request\'s share in whole pages (its last page ends on the split page)', () => {
		expect(splitOffset(0, 900, 100, 999, 3)).toBe(299);
		expect(splitOffset(3, 400, 100, 999, 2)).toBe(202);
	});

	test('one request alone still splits in two: the parts are read by whoever is free', () => {
		expect(splitOffset(0, 1000, 100, 999, 1)).toBe(499);
	});

	test('within search\'s reach: a large window gives its front 1,000 records at most', () => {
		expect(splitOffset(0, 50_000, 100, 999, 3)).toBe(999);
		expect(splitOffset(250, 50_000, 100, 999, 3)).toBe(949);
	});

	test('not at all when one page holds the rest, or the next page is already past reach', () => {
		expect(splitOffset(0, 100, 100, 999, 3)).toBeUndefined();
		expect(splitOffset(950, 5000, 100, 999, 3)).toBeUndefined();
	});

	test('two pages left: the split takes the second, so both are read at once', () => {
		expect(splitOffset(1, 150, 100, 999, 3)).toBe(100);
	});
});

describe('lostRecords: the count check', () => {
	test('fewer records than the last page left in the range, while skipping some at the cursor: repair', () => {
		expect(lostRecords(5, 140, 141)).toBe(true);
	});

	test('no skip (nothing to jump over), the same count, or no count to compare: no repair', () => {
		expect(lostRecords(0, 140, 141)).toBe(false);
		expect(lostRecords(5, 141, 141)).toBe(false);
		expect(lostRecords(5, undefined, 141)).toBe(false);
		expect(lostRecords(5, 140, undefined)).toBe(false);
	});
});
