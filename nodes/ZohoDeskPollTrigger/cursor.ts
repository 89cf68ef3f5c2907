import type { IDataObject } from 'n8n-workflow';

import { timeMs } from '../ZohoDesk/sync';

/**
 * Where the next poll of a time-tracked table starts: the latest time seen, plus the record versions already
 * emitted at or after it (id → time), so records sharing that millisecond are neither skipped nor emitted twice.
 */
export interface TimeCursor {
	field: string;
	time: number;
	seen: Record<string, number>;
}

function versionOf(record: IDataObject, field: string): { id: string; time: number } | undefined {
	const time = timeMs(record[field]);
	return time === undefined ? undefined : { id: String(record.id), time };
}

/** The records whose current version was not emitted yet. */
export function unseen(cursor: TimeCursor, records: IDataObject[]): IDataObject[] {
	return records.filter((record) => {
		const version = versionOf(record, cursor.field);
		return version !== undefined && cursor.seen[version.id] !== version.time;
	});
}

/** A cursor at `time` that remembers the versions of `records` at or after it. */
export function cursorAt(field: string, time: number, records: IDataObject[], earlier: Record<string, number> = {}): TimeCursor {
	const seen: Record<string, number> = {};
	for (const [id, at] of Object.entries(earlier)) if (at >= time) seen[id] = at;
	for (const record of records) {
		const version = versionOf(record, field);
		if (version && version.time >= time) seen[version.id] = version.time;
	}
	return { field, time, seen };
}

/** The cursor after a poll that read `records` (everything at or after `cursor.time`). */
export function advance(cursor: TimeCursor, records: IDataObject[]): TimeCursor {
	const latest = records.reduce((max, record) => Math.max(max, timeMs(record[cursor.field]) ?? max), cursor.time);
	return cursorAt(cursor.field, latest, records, cursor.seen);
}
