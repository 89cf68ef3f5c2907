/** Full and incremental reads at the lowest credit cost, shared by the action node and the polling trigger. */
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, readAllRecords } from './read';
export type { ReadMethod, ReadOptions, SyncRead } from './read';
export { readChangedSince, readNewest, readRecordsByIds, versionsOf, withTimes } from './readChanges';
export type { ChangedRead, RecordVersion } from './readChanges';
export type { ReadStats } from './stats';
export type { TimeField } from './timeKeyset';
export { isoMs, timeMs } from './time';
