import type { RecordVersion } from '../core/sync';

/**
 * Where the next poll of a time-tracked table starts: the latest time seen, plus the record versions already
 * emitted at or after it (id → time), so records sharing that millisecond are neither skipped nor emitted twice.
 */
export interface TimeCursor {
	field: string;
	time: number;
	seen: Record<string, number>;
}

/** The versions not emitted yet. */
export function unseen(cursor: TimeCursor, versions: RecordVersion[]): RecordVersion[] {
	return versions.filter((version) => cursor.seen[version.id] !== version.time);
}

/** A cursor at `time` that remembers the versions at or after it. */
export function cursorAt(
	field: string,
	time: number,
	versions: RecordVersion[],
	earlier: Record<string, number> = {},
): TimeCursor {
	const seen: Record<string, number> = {};
	for (const [id, at] of Object.entries(earlier)) if (at >= time) seen[id] = at;
	for (const version of versions) if (version.time >= time) seen[version.id] = version.time;
	return { field, time, seen };
}

/** The cursor after a poll that read `versions` (everything at or after `cursor.time`). */
export function advance(cursor: TimeCursor, versions: RecordVersion[]): TimeCursor {
	const latest = versions.reduce((max, version) => Math.max(max, version.time), cursor.time);
	return cursorAt(cursor.field, latest, versions, cursor.seen);
}
