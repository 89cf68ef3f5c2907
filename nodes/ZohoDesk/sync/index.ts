/** Full and incremental reads at the lowest credit cost, shared by the action node and the polling trigger. */
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, readAllRecords, readChangedSince, readNewest, readRecordsByIds, versionsOf, withTimes } from './read';
export type { ChangedRead, ReadMethod, ReadOptions, RecordVersion, SyncRead } from './read';
export type { ReadStats } from './stats';
export type { TimeField } from './timeKeyset';
export { isoMs, timeMs } from './time';
