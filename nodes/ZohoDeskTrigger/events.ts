import type { ChangeOperation } from '../core/changes';
import { TABLES } from '../core/tables';
import type { TableDescription, WebhookFilter } from '../core/tables';

/**
 * Every Zoho Desk webhook event, described once: the module it belongs to, the normalised table and
 * operation it becomes, and the subscription filter keys Zoho accepts for it. Event names and filter keys
 * are those of Zoho's OpenAPI spec (zohodesk-oas v1.0 Webhook.json `subscriptions`); the spec also lists
 * `departmentId` next to `departmentIds`, and Zoho's docs and every client use `departmentIds`.
 * The events of a table that tables.ts describes come from its entry there.
 */
export interface WebhookEvent {
	/** Zoho's event type, e.g. `Ticket_Add` */
	name: string;
	/** Module the event is listed under, e.g. `Ticket` */
	module: string;
	/** What happened, e.g. `Added` */
	label: string;
	table: string;
	operation: ChangeOperation;
	filters: WebhookFilter[];
}

type EventRow = [name: string, label: string, operation: ChangeOperation, filters: WebhookFilter[], table?: string];

const DEPT: WebhookFilter[] = ['departmentIds'];
const PREV: WebhookFilter[] = ['includePrevState'];
const DEPT_PREV: WebhookFilter[] = ['departmentIds', 'includePrevState'];

const LABELS: Record<ChangeOperation, string> = { insert: 'Added', update: 'Updated', delete: 'Deleted' };

/** The module of a table that tables.ts describes, with its events as tables.ts names them. */
function tableModule(table: TableDescription): { module: string; table: string; events: EventRow[] } {
	const { module, events } = table.webhook!;
	return {
		module,
		table: table.name,
		events: (Object.keys(events) as ChangeOperation[]).map((operation) => {
			const { name, filters } = events[operation]!;
			return [name, LABELS[operation], operation, filters];
		}),
	};
}

const MODULES: Array<{ module: string; table: string; events: EventRow[] }> = [
	tableModule(TABLES.tickets),
	{ module: 'Thread', table: 'threads', events: [['Ticket_Thread_Add', 'Added', 'insert', [...DEPT, 'direction']]] },
	{
		module: 'Comment',
		table: 'comments',
		events: [
			['Ticket_Comment_Add', 'Added', 'insert', DEPT],
			['Ticket_Comment_Update', 'Updated', 'update', DEPT],
		],
	},
	{
		module: 'Attachment',
		table: 'attachments',
		events: [
			['Ticket_Attachment_Add', 'Added', 'insert', []],
			['Ticket_Attachment_Update', 'Updated', 'update', []],
			['Ticket_Attachment_Delete', 'Deleted', 'delete', DEPT],
			// A trashed attachment leaves the ticket like a deleted one; a restored one comes back.
			['Ticket_Attachment_Trashed', 'Trashed', 'delete', DEPT],
			['Ticket_Attachment_Restored', 'Restored', 'insert', DEPT],
			['Ticket_Comment_Attachment_Add', 'Comment Attachment Added', 'insert', [], 'commentAttachments'],
			['Ticket_Comment_Attachment_Delete', 'Comment Attachment Deleted', 'delete', [], 'commentAttachments'],
		],
	},
	{
		module: 'Approval',
		table: 'approvals',
		events: [
			['Ticket_Approval_Add', 'Added', 'insert', []],
			['Ticket_Approval_Update', 'Updated', 'update', PREV],
		],
	},
	tableModule(TABLES.contacts),
	tableModule(TABLES.accounts),
	tableModule(TABLES.departments),
	{
		module: 'Agent',
		table: 'agents',
		events: [
			['Agent_Add', 'Added', 'insert', []],
			['Agent_Update', 'Updated', 'update', PREV],
			['Agent_Delete', 'Deleted', 'delete', []],
			['Agent_Presence_Update', 'Presence Changed', 'update', []],
			['Agent_Channel_Preference_Update', 'Channel Preference Changed', 'update', []],
		],
	},
	...(['Task', 'Call', 'Event'] as const).map((module) => ({
		module,
		table: `${module.toLowerCase()}s`,
		events: [
			[`${module}_Add`, 'Added', 'insert', DEPT],
			[`${module}_Update`, 'Updated', 'update', DEPT_PREV],
			[`${module}_Delete`, 'Deleted', 'delete', []],
		] as EventRow[],
	})),
	{
		module: 'Time Entry',
		table: 'timeEntries',
		events: [
			['TimeEntry_Add', 'Added', 'insert', []],
			['TimeEntry_Update', 'Updated', 'update', PREV],
			['TimeEntry_Delete', 'Deleted', 'delete', []],
		],
	},
	{
		module: 'Article',
		table: 'articles',
		events: [
			['Article_Add', 'Added', 'insert', []],
			['Article_Update', 'Updated', 'update', PREV],
			['Article_Delete', 'Deleted', 'delete', []],
			['Article_Translation_Add', 'Translation Added', 'insert', [], 'articleTranslations'],
			['Article_Translation_Update', 'Translation Updated', 'update', PREV, 'articleTranslations'],
			['Article_Translation_Delete', 'Translation Deleted', 'delete', [], 'articleTranslations'],
			['Article_Feedback_Add', 'Feedback Added', 'insert', [], 'articleFeedback'],
		],
	},
	{
		module: 'KB',
		table: 'kbRootCategories',
		events: [
			['KBRootCategory_Add', 'Root Category Added', 'insert', []],
			['KBRootCategory_Update', 'Root Category Updated', 'update', PREV],
			['KBRootCategory_Delete', 'Root Category Deleted', 'delete', []],
			['KBSection_Add', 'Section Added', 'insert', [], 'kbSections'],
			['KBSection_Update', 'Section Updated', 'update', PREV, 'kbSections'],
			['KBSection_Delete', 'Section Deleted', 'delete', [], 'kbSections'],
		],
	},
	{
		module: 'IM',
		table: 'imMessages',
		events: [
			['IM_Message_Add', 'Message Added', 'insert', DEPT],
			['IM_Message_Status', 'Message Status Changed', 'update', DEPT],
			['IM_Session_Status', 'Session Status Changed', 'update', DEPT, 'imSessions'],
		],
	},
];

export const WEBHOOK_EVENTS: WebhookEvent[] = MODULES.flatMap(({ module, table, events }) =>
	events.map(([name, label, operation, filters, eventTable]) => ({
		name,
		module,
		label,
		table: eventTable ?? table,
		operation,
		filters,
	})),
);

const BY_NAME = new Map(WEBHOOK_EVENTS.map((event) => [event.name, event]));

/** The catalogue entry of an event type; events Zoho adds later get a best guess from their name. */
export function webhookEvent(name: string): WebhookEvent {
	const known = BY_NAME.get(name);
	if (known) return known;
	const prefix = name.includes('_') ? name.slice(0, name.lastIndexOf('_')) : name;
	const operation: ChangeOperation = /_Add$/.test(name) ? 'insert' : /_Delete$/.test(name) ? 'delete' : 'update';
	return { name, module: prefix, label: name, table: prefix, operation, filters: [] };
}

/** Names of the events that accept a filter, for displayOptions and for building subscriptions. */
export function eventsAccepting(filter: WebhookFilter): string[] {
	return WEBHOOK_EVENTS.filter((event) => event.filters.includes(filter)).map((event) => event.name);
}
