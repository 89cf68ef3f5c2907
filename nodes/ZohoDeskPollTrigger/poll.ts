import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { optionalLocator } from '../core/records';
import { buildChange } from '../core/changes';
import type { ChangeOperation } from '../core/changes';
import { readAllRecords, readChangedSince, readNewest, readRecordsByIds, timeMs, versionsOf, withTimes } from '../core/sync';
import type { TimeField } from '../core/sync';
import { departmentQuery, TABLES } from '../core/tables';
import type { TableDescription, TableName } from '../core/tables';
import { connectionOf } from '../core/transport';
import { advance, cursorAt, unseen } from './cursor';
import type { TimeCursor } from './cursor';
import type { PollEvent } from './properties';
import { diffSnapshot, takeSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';

/** An initial snapshot's cursor starts this long before the read did, in case n8n's clock is ahead of Zoho's. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * n8n's cron starts a poll on every tick without waiting for the previous one, on the same workflow and the same
 * static data object (polls run in one process: the main, or in queue mode the leader). A poll slower than the
 * interval would read the cursor the running one read and emit its changes again, so a poll that finds another
 * running skips its tick; the running one reads everything up to its end. The mark is in static data, not in
 * module memory; if a poll dies without clearing it (the process crashed after a save), it is ignored after this
 * long. What remains: a change of leader in the middle of a poll (the new leader loaded the static data before
 * the mark was saved) can overlap that one poll.
 */
const POLL_RUNNING_FOR_AT_MOST_MS = 30 * 60_000;

interface PollSettings {
	table: TableDescription;
	event: PollEvent;
	/** List filters */
	filters: IDataObject;
	/** Compare every record with the previous poll's snapshot, instead of reading what changed since a time */
	bySnapshot: boolean;
	field: TimeField;
	emitInitialSnapshot: boolean;
}

/** What the node keeps in the workflow's static data between polls. */
interface PollState {
	/** The settings the state belongs to: other settings start afresh */
	key: string;
	cursor?: TimeCursor;
	snapshot?: Snapshot;
}

type Change = { operation: ChangeOperation; record: IDataObject | null; id: string };

const WANTED: Record<PollEvent, ChangeOperation | undefined> = {
	any: undefined,
	created: 'insert',
	updated: 'update',
	deleted: 'delete',
};

function settingsOf(ctx: IPollFunctions): PollSettings {
	const table = TABLES[ctx.getNodeParameter('table', 'tickets') as TableName];
	const event = ctx.getNodeParameter('event', 'any') as PollEvent;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const { moduleParam } = table.poll;
	const filters: IDataObject = {
		...departmentQuery(table, optionalLocator(options.departmentId)),
		...(moduleParam ? { [moduleParam]: ctx.getNodeParameter('module', 'tickets') } : {}),
	};
	const deletesByDiff = event === 'deleted' || options.detectDeletes === true;
	return {
		table,
		event,
		filters,
		bySnapshot: table.changeTracking === 'snapshot' || (deletesByDiff && table.poll.deletesVisible),
		field: event === 'created' || !table.modifiedTimeField ? 'createdTime' : 'modifiedTime',
		emitInitialSnapshot: options.emitInitialSnapshot === true,
	};
}

const inserts = (records: IDataObject[]): Change[] =>
	records.map((record) => ({ operation: 'insert', record, id: String(record.id) }));

async function pollByTime(ctx: IPollFunctions, settings: PollSettings, state: PollState): Promise<Change[]> {
	const { table, field, filters } = settings;
	const { cursor } = state;
	if (!cursor) {
		if (settings.emitInitialSnapshot) {
			const startedAt = Date.now();
			const { records } = await readAllRecords(ctx, table, filters);
			state.cursor = cursorAt(field, startedAt - CLOCK_MARGIN_MS, versionsOf(records, field));
			return inserts(records);
		}
		// Start after the newest record as Zoho dates it (not n8n's clock); an empty table starts at the beginning.
		const newest = await readNewest(ctx, table, field, filters);
		const versions = newest?.versions ?? [];
		state.cursor = cursorAt(field, newest === null ? 0 : (versions[0]?.time ?? Date.now()), versions);
		return [];
	}
	const { records, versions } = await readChangedSince(ctx, table, field, cursor.time, filters);
	state.cursor = advance(cursor, versions);
	const byId = new Map(records.map((record) => [String(record.id), record]));
	return unseen(cursor, versions).flatMap(({ id }): Change[] => {
		const record = byId.get(id);
		if (!record) return []; // deleted between finding and fetching it
		const created = timeMs(record.createdTime);
		const isNew = field === 'createdTime' || (created !== undefined && created >= cursor.time && !(id in cursor.seen));
		return [{ operation: isNew ? 'insert' : 'update', record, id }];
	});
}

/**
 * Every record, compared with the previous poll's snapshot. Tables with a modified time are read as ids and times
 * only (the list would not carry every field anyway); the new and changed records are then fetched by id.
 */
async function pollBySnapshot(ctx: IPollFunctions, settings: PollSettings, state: PollState): Promise<Change[]> {
	const { table, filters } = settings;
	const versionField = table.modifiedTimeField;
	const qs = versionField ? { ...filters, fields: withTimes(table, undefined) } : filters;
	const { records } = await readAllRecords(ctx, table, qs);
	const previous = state.snapshot;
	state.snapshot = takeSnapshot(records, versionField);
	if (!previous) {
		if (!settings.emitInitialSnapshot) return [];
		return inserts(versionField ? (await readAllRecords(ctx, table, filters)).records : records);
	}
	const diff = diffSnapshot(previous, records, state.snapshot);
	const full = async (found: IDataObject[]) =>
		versionField ? (await readRecordsByIds(ctx, table, found.map((record) => String(record.id)))).records : found;
	return [
		...inserts(await full(diff.inserted)),
		...(await full(diff.updated)).map((record): Change => ({ operation: 'update', record, id: String(record.id) })),
		...diff.deletedIds.map((id): Change => ({ operation: 'delete', record: null, id })),
	];
}

/** Zoho's webhook event name where Zoho has one, else the same pattern (e.g. Product_Update). */
function eventTypeOf(table: TableDescription, operation: ChangeOperation): string {
	const zohoEvent = table.webhook?.events[operation]?.name;
	if (zohoEvent) return zohoEvent;
	const verb = { insert: 'Add', update: 'Update', delete: 'Delete' }[operation];
	return `${table.resource.charAt(0).toUpperCase()}${table.resource.slice(1)}_${verb}`;
}

async function toItems(ctx: IPollFunctions, settings: PollSettings, changes: Change[]): Promise<INodeExecutionData[]> {
	const { orgId } = await connectionOf(ctx);
	const wanted = WANTED[settings.event];
	return changes
		.map(({ operation, record, id }) => {
			const stamp = operation === 'insert' ? record?.createdTime : operation === 'update' ? record?.modifiedTime : undefined;
			return buildChange({
				table: settings.table.name,
				operation,
				id,
				record,
				previous: null,
				eventType: eventTypeOf(settings.table, operation),
				eventTime: stamp ?? Date.now(),
				orgId,
				webhookId: null,
			});
		})
		.filter((change) => wanted === undefined || change.operation === wanted)
		.map((json) => ({ json }));
}

/** "Fetch Test Event": the newest record, shaped as the change the chosen event would emit. */
async function testEvent(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][]> {
	const { table, field, filters } = settings;
	const hasField = field === 'createdTime' ? table.createdTimeField : table.modifiedTimeField;
	const found = hasField ? await readNewest(ctx, table, field, filters) : undefined;
	let newest = found?.record;
	if (found === undefined) {
		const { records } = await readAllRecords(ctx, table, filters);
		newest = records.reduce<IDataObject | undefined>(
			(latest, record) => (!latest || (timeMs(record.createdTime) ?? 0) > (timeMs(latest.createdTime) ?? 0) ? record : latest),
			undefined,
		);
	}
	if (!newest) {
		throw new NodeOperationError(ctx.getNode(), `No ${table.name} found in Zoho Desk to show as a test event`, {
			description: 'Create one in Zoho Desk (or widen the filters), then fetch the test event again.',
		});
	}
	const operation = settings.event === 'any' ? 'update' : WANTED[settings.event]!;
	const change: Change = { operation, record: operation === 'delete' ? null : newest, id: String(newest.id) };
	return [await toItems(ctx, { ...settings, event: 'any' }, [change])];
}

export async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	if (this.getMode() === 'manual') return await testEvent(this, settings);
	const staticData = this.getWorkflowStaticData('node');
	const running = staticData.pollStartedAt;
	if (typeof running === 'number' && Date.now() - running < POLL_RUNNING_FOR_AT_MOST_MS) {
		this.logger.info(`Zoho Desk Poll Trigger: the poll started at ${new Date(running).toISOString()} is still running; skipping this one`);
		return null;
	}
	staticData.pollStartedAt = Date.now();
	try {
		const key = JSON.stringify([settings.table.name, settings.filters, settings.bySnapshot ? 'snapshot' : settings.field]);
		const saved = staticData.state as PollState | undefined;
		const state: PollState = saved?.key === key ? { ...saved } : { key };
		const changes = settings.bySnapshot
			? await pollBySnapshot(this, settings, state)
			: await pollByTime(this, settings, state);
		const items = await toItems(this, settings, changes);
		// Saved only now: a poll that failed part-way leaves the cursor where it was, so its changes come next time.
		staticData.state = state as unknown as IDataObject;
		return items.length ? [items] : null;
	} finally {
		delete staticData.pollStartedAt;
	}
}
