import type { IDataObject } from 'n8n-workflow';

import { timeMs } from './sync/time';

/**
 * The normalised change both triggers emit, so a workflow can move between webhooks and polling unchanged.
 */
export type ChangeOperation = 'insert' | 'update' | 'delete';

export interface ChangeEvent {
	/** Table or module name, e.g. 'tickets', 'contacts' */
	table: string;
	operation: ChangeOperation;
	/** Record id, always a string */
	id: string;
	/** The record as it is now (for deletes: as Zoho last sent it, if it did) */
	record: IDataObject | null;
	/** The record before the change, when known */
	previous: IDataObject | null;
	/** Top-level fields whose value differs between previous and record; empty when unknown */
	changedFields: string[];
	/** Zoho's event type (webhooks) or the polling trigger's equivalent */
	eventType: string;
	/** ISO 8601 */
	eventTime: string;
	orgId: string;
	/** The webhook that delivered the event; null when polled */
	webhookId: string | null;
}

/** Soft deletes arrive as updates that set one of these flags. */
export function isDeletedRecord(record: IDataObject | null | undefined): boolean {
	return Boolean(record && (record.isDeleted === true || record.isTrashed === true || record.isDeleted === 'true'));
}

/** Top-level fields whose JSON value differs. */
export function changedFields(previous: IDataObject | null, record: IDataObject | null): string[] {
	if (!previous || !record) return [];
	const keys = new Set([...Object.keys(previous), ...Object.keys(record)]);
	return [...keys].filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(record[key])).sort();
}

/** Zoho sends times as ISO strings or epoch milliseconds (number or string); output is always ISO (now, for no date). */
export function toIsoTime(value: unknown): string {
	const date = new Date(timeMs(value) ?? Date.now());
	return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString();
}

export type ChangeInput = Omit<ChangeEvent, 'changedFields' | 'eventTime'> & { eventTime: unknown };

/** A change ready to be an n8n item's json; an update that soft-deletes the record becomes a delete. */
export function buildChange(change: ChangeInput): ChangeEvent & IDataObject {
	const operation: ChangeOperation =
		change.operation === 'update' && isDeletedRecord(change.record) ? 'delete' : change.operation;
	return {
		...change,
		operation,
		id: String(change.id),
		eventTime: toIsoTime(change.eventTime),
		changedFields: changedFields(change.previous, change.record),
	};
}
