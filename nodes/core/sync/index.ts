/** Full and incremental reads at the lowest credit cost, and the one pager, shared by every node (README.md). */
export { idOf, withFields } from './calls';
export type { ReadStats } from './calls';
export type { TimeField } from './keyset';
export { Pager, readPages } from './pager';
export type { Page, PageQuery } from './pager';
export { readAllRecords } from './readAll';
export { readChangedSince, readNewest, readRecordsByIds, versionsOf, withTimes } from './readSince';
export type { RecordVersion, SinceResult } from './readSince';
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './readState';
export type { ReadMethod, ReadOptions, ReadProgress, ReadResult } from './readState';
export { isoMs, timeMs } from './time';
