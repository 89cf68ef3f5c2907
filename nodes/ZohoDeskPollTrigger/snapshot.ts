import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Each record's id and its content version, as the previous poll saw it. */
export type Snapshot = Record<string, string>;

/** JSON with object keys sorted, so that the same content always gives the same text. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * A record's content version: its modified time where it has one (short, and exactly what changes on an edit),
 * else a hash of its whole content.
 */
export function contentVersion(record: IDataObject, versionField?: string): string {
	const version = versionField ? record[versionField] : undefined;
	if (version !== undefined && version !== null && version !== '') return `t:${String(version)}`;
	return createHash('sha256').update(canonicalJson(record)).digest('base64').slice(0, 22);
}

export function takeSnapshot(records: IDataObject[], versionField?: string): Snapshot {
	return Object.fromEntries(records.map((record) => [String(record.id), contentVersion(record, versionField)]));
}

export interface SnapshotDiff {
	inserted: IDataObject[];
	updated: IDataObject[];
	deletedIds: string[];
}

export function diffSnapshot(previous: Snapshot, records: IDataObject[], current: Snapshot): SnapshotDiff {
	const inserted = records.filter((record) => previous[String(record.id)] === undefined);
	const updated = records.filter((record) => {
		const before = previous[String(record.id)];
		return before !== undefined && before !== current[String(record.id)];
	});
	const deletedIds = Object.keys(previous).filter((id) => current[id] === undefined);
	return { inserted, updated, deletedIds };
}
