import type { IDataObject } from 'n8n-workflow';

import type { ChangeOperation } from './changes';

/**
 * The Zoho Desk tables, described once. Operations, pickers, the webhook trigger's event catalogue and the
 * polling trigger all derive from these entries. Endpoints, limits and enums are those of Zoho's OpenAPI spec
 * (zoho/zohodesk-oas v1.0).
 */
export type TableName = 'tickets' | 'departments' | 'products' | 'organizationFields' | 'contracts' | 'contacts' | 'accounts';

/** How later changes to a table can be found without webhooks. */
export type ChangeTracking =
	| 'searchModifiedTime' // tickets: /tickets/search with modifiedTimeRange, sorted by modifiedTime
	| 'listSortedByModifiedTime' // a list endpoint that accepts sortBy=-modifiedTime
	| 'snapshot'; // no usable modified time: diff ids and content against the previous read

/**
 * A table's search endpoint, where Zoho has one (tickets: Search.json; contacts and accounts: Zoho's API docs, not in
 * the spec). The sync code searches by time only over `timeRanges`.
 */
export interface SearchDescription {
	path: string;
	/** The largest `from` search accepts: one query reaches maxFrom + pageSize records */
	maxFrom: number;
	pageSize: number;
	/** List filters that search expresses too, by their name in search (any other list filter cannot be searched) */
	listFilters: Record<string, string>;
	/** Of those, the ones search takes a single value for */
	singleValued: string[];
	/** Time fields search has a `<field>Range` filter and a sortBy for */
	timeRanges: string[];
}

/** A Zoho webhook subscription filter key (Webhook.json `subscriptions`). */
export type WebhookFilter = 'departmentIds' | 'includePrevState' | 'fields' | 'direction';

/** A table's Zoho webhook events, where Zoho has any. */
export interface WebhookDescription {
	/** Module the events are listed under in Zoho Desk, e.g. `Ticket` */
	module: string;
	/** Zoho's event per operation, with the subscription filter keys it accepts */
	events: Partial<Record<ChangeOperation, { name: string; filters: WebhookFilter[] }>>;
}

/** A table's record picker (listSearch method `search<Table>`). */
export interface PickerDescription {
	/** List parameters of every picker page, e.g. an order */
	query?: IDataObject;
	/** The list parameter Zoho filters by the typed text itself; without one the page is filtered here */
	textParam?: string;
	/** From 3 typed characters on, Zoho's full-text search (the table's search endpoint, `_all`), in this order */
	fullText?: { sortBy?: string };
	/** Shown as `#value` before the label, e.g. the ticket number */
	numberField?: string;
}

/** What the polling trigger needs to know of a table. */
export interface PollDescription {
	/** Whether deleted records leave the list, so comparing ids with the previous poll's finds them */
	deletesVisible: boolean;
	/** The list parameter that takes the trigger's Module option (organization fields are listed per module) */
	moduleParam?: string;
}

/** A list of this table's records that belong to one record of another table, e.g. an account's contacts. */
export interface RelatedList {
	/** Path with the parent record's `{id}` */
	path: string;
	/** The list endpoint's maximum `limit` */
	pageSize: number;
	/** `sortBy` values (a `-` prefix sorts descending) */
	sortFields: string[];
	/** Values of the list's `include` */
	include: string[];
	/** The `from` of the list's first record, when it is not 0 */
	firstFrom?: number;
}

/** How a table's records are written: Create, Update and Delete, and the resource mapper's columns. */
export interface WriteDescription {
	/** The organizationFields module whose fields the resource mapper offers */
	fieldModule: string;
	/** The scope area of its writes, Desk.<area>.CREATE / UPDATE / DELETE (the spec writes accounts with the contacts scopes) */
	scopeArea: string;
	/** Zoho's move-to-trash endpoint (Delete) and the list of ids its body carries */
	trash: { path: string; idsKey: string };
}

export interface TableDescription {
	name: TableName;
	/** Node resource value */
	resource: string;
	displayName: string;
	listPath: string;
	/** Path of one record; `{id}` is replaced */
	recordPath: string;
	/** The list endpoint's maximum `limit`; undefined when the list is not paginated */
	pageSize?: number;
	/** The `from` of a list's first record, when it is not 0 */
	firstFrom?: number;
	/** Fields that name a record in pickers, first non-empty wins */
	labelFields: string[];
	picker?: PickerDescription;
	/** List `sortBy` values (a `-` prefix sorts descending) */
	sortFields: string[];
	/** The list filter that narrows to one department; `every` is what lists every department's records */
	departmentFilter?: { param: 'departmentId' | 'departmentIds'; every?: string };
	/** Values of the list endpoint's `include` */
	listInclude: string[];
	/** Values of the get-by-id endpoint's `include` */
	recordInclude: string[];
	createdTimeField?: string;
	modifiedTimeField?: string;
	/** The fields the Simplify option keeps: what most workflows and AI tools want of a record */
	simpleFields?: string[];
	changeTracking: ChangeTracking;
	poll: PollDescription;
	webhook?: WebhookDescription;
	search?: SearchDescription;
	/** Lists of this table's records under a record of another table, by that table */
	relatedTo?: Partial<Record<TableName, RelatedList>>;
	write?: WriteDescription;
}

export const TABLES: Record<TableName, TableDescription> = {
	tickets: {
		name: 'tickets',
		resource: 'ticket',
		displayName: 'Ticket',
		listPath: '/tickets',
		recordPath: '/tickets/{id}',
		pageSize: 100,
		labelFields: ['subject', 'ticketNumber'],
		picker: { query: { sortBy: '-createdTime' }, fullText: { sortBy: '-modifiedTime' }, numberField: 'ticketNumber' },
		sortFields: ['createdTime', 'dueDate', 'recentThread'],
		departmentFilter: { param: 'departmentId' },
		listInclude: ['contacts', 'products', 'departments', 'team', 'assignee'],
		recordInclude: ['contacts', 'products', 'assignee', 'departments', 'contract', 'isRead', 'team', 'skills'],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		simpleFields: [
			'id',
			'ticketNumber',
			'subject',
			'status',
			'statusType',
			'priority',
			'channel',
			'departmentId',
			'contactId',
			'assigneeId',
			'teamId',
			'dueDate',
			'createdTime',
			'modifiedTime',
			'closedTime',
			'webUrl',
		],
		changeTracking: 'searchModifiedTime',
		// Deleted tickets go to the trash, which lists and search do not show.
		poll: { deletesVisible: false },
		webhook: {
			module: 'Ticket',
			events: {
				insert: { name: 'Ticket_Add', filters: ['departmentIds'] },
				update: { name: 'Ticket_Update', filters: ['departmentIds', 'includePrevState', 'fields'] },
				delete: { name: 'Ticket_Delete', filters: [] },
			},
		},
		search: {
			path: '/tickets/search',
			maxFrom: 999,
			pageSize: 100,
			listFilters: { departmentId: 'departmentId', status: 'status', priority: 'priority', channel: 'channel', assignee: 'assigneeId' },
			singleValued: ['departmentId', 'channel'],
			timeRanges: ['createdTime', 'modifiedTime'],
		},
		write: { fieldModule: 'tickets', scopeArea: 'tickets', trash: { path: '/tickets/moveToTrash', idsKey: 'ticketIds' } },
		relatedTo: {
			contacts: {
				path: '/contacts/{id}/tickets',
				pageSize: 99,
				sortFields: ['createdTime', 'modifiedTime'],
				include: ['products', 'departments', 'team', 'assignee', 'isRead'],
			},
			accounts: {
				path: '/accounts/{id}/tickets',
				pageSize: 99,
				// Account.json: `from` has default and minimum 1 here too.
				firstFrom: 1,
				sortFields: ['createdTime', 'modifiedTime'],
				include: ['contacts', 'products', 'departments', 'team', 'assignee', 'isRead'],
			},
		},
	},
	departments: {
		name: 'departments',
		resource: 'department',
		displayName: 'Department',
		listPath: '/departments',
		recordPath: '/departments/{id}',
		pageSize: 200,
		labelFields: ['name', 'nameInCustomerPortal'],
		picker: {},
		sortFields: [],
		listInclude: [],
		recordInclude: [],
		createdTimeField: 'createdTime',
		changeTracking: 'snapshot',
		poll: { deletesVisible: true },
		webhook: {
			module: 'Department',
			events: {
				insert: { name: 'Department_Add', filters: [] },
				update: { name: 'Department_Update', filters: ['includePrevState'] },
			},
		},
	},
	products: {
		name: 'products',
		resource: 'product',
		displayName: 'Product',
		listPath: '/products',
		recordPath: '/products/{id}',
		pageSize: 100,
		labelFields: ['productName', 'productCode'],
		picker: { query: { sortBy: 'productName' } },
		sortFields: ['productName', 'productCode', 'unitPrice', 'createdTime', 'modifiedTime'],
		// Zoho lists the products of every accessible department for departmentId 0.
		departmentFilter: { param: 'departmentId', every: '0' },
		listInclude: ['owner'],
		recordInclude: ['departments', 'owner'],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		changeTracking: 'listSortedByModifiedTime',
		poll: { deletesVisible: true },
	},
	organizationFields: {
		name: 'organizationFields',
		resource: 'organizationField',
		displayName: 'Organization Field',
		listPath: '/organizationFields',
		recordPath: '/organizationFields/{id}',
		labelFields: ['displayLabel', 'apiName'],
		sortFields: [],
		listInclude: [],
		recordInclude: [],
		changeTracking: 'snapshot',
		poll: { deletesVisible: true, moduleParam: 'module' },
	},
	contracts: {
		name: 'contracts',
		resource: 'contract',
		displayName: 'Contract',
		listPath: '/contracts',
		recordPath: '/contracts/{id}',
		pageSize: 100,
		labelFields: ['contractName', 'contractNumber'],
		// Zoho filters contracts by name prefix itself.
		picker: { textParam: 'contractName' },
		sortFields: ['accountName', 'contractName', 'contractEndDate', 'contractStartDate', 'createdTime', 'modifiedTime'],
		departmentFilter: { param: 'departmentIds' },
		listInclude: ['accounts', 'products', 'slas', 'owner', 'departments'],
		recordInclude: [],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		changeTracking: 'listSortedByModifiedTime',
		poll: { deletesVisible: true },
	},
	contacts: {
		name: 'contacts',
		resource: 'contact',
		displayName: 'Contact',
		listPath: '/contacts',
		recordPath: '/contacts/{id}',
		pageSize: 99,
		labelFields: ['email', 'lastName', 'firstName'],
		picker: { query: { sortBy: 'email' }, fullText: {} },
		sortFields: ['firstName', 'lastName', 'email', 'phone', 'account', 'createdTime', 'modifiedTime'],
		listInclude: ['accounts'],
		recordInclude: ['accounts', 'owner'],
		// The list takes no `fields` and its rows carry no modifiedTime: changes are found by comparing snapshots.
		changeTracking: 'snapshot',
		poll: { deletesVisible: true },
		webhook: {
			module: 'Contact',
			events: {
				insert: { name: 'Contact_Add', filters: [] },
				update: { name: 'Contact_Update', filters: ['includePrevState'] },
				delete: { name: 'Contact_Delete', filters: [] },
			},
		},
		search: { path: '/contacts/search', maxFrom: 999, pageSize: 100, listFilters: {}, singleValued: [], timeRanges: [] },
		write: { fieldModule: 'contacts', scopeArea: 'contacts', trash: { path: '/contacts/moveToTrash', idsKey: 'contactIds' } },
		relatedTo: {
			accounts: {
				path: '/accounts/{id}/contacts',
				pageSize: 99,
				sortFields: ['firstName', 'lastName', 'fullName', 'email', 'phone', 'createdTime', 'modifiedTime'],
				include: [],
			},
		},
	},
	accounts: {
		name: 'accounts',
		resource: 'account',
		displayName: 'Account',
		listPath: '/accounts',
		recordPath: '/accounts/{id}',
		pageSize: 99,
		// Account.json: the accounts list's `from` has default and minimum 1.
		firstFrom: 1,
		labelFields: ['accountName', 'website'],
		picker: { query: { sortBy: 'accountName' }, fullText: {} },
		sortFields: ['accountName', 'email', 'phone', 'website', 'createdTime', 'modifiedTime'],
		listInclude: [],
		recordInclude: ['owner'],
		// The list takes no `fields` and its rows carry no modifiedTime: changes are found by comparing snapshots.
		changeTracking: 'snapshot',
		poll: { deletesVisible: true },
		webhook: {
			module: 'Account',
			events: {
				insert: { name: 'Account_Add', filters: [] },
				update: { name: 'Account_Update', filters: ['includePrevState'] },
				delete: { name: 'Account_Delete', filters: [] },
			},
		},
		search: { path: '/accounts/search', maxFrom: 999, pageSize: 100, listFilters: {}, singleValued: [], timeRanges: [] },
		write: { fieldModule: 'accounts', scopeArea: 'contacts', trash: { path: '/accounts/moveToTrash', idsKey: 'accountIds' } },
	},
};

/** Modules of organizationFields (FieldOld.json `module` enum) */
export const FIELD_MODULES = ['tickets', 'contacts', 'accounts', 'tasks', 'calls', 'events', 'contracts', 'products'];

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function recordPath(table: TableDescription, id: string): string {
	return table.recordPath.replace('{id}', encodeURIComponent(id));
}

/** The listSearch method of a table's picker, e.g. `searchTickets`; undefined when it has none. */
export function pickerMethod(table: TableDescription): string | undefined {
	return table.picker ? `search${table.name.charAt(0).toUpperCase()}${table.name.slice(1)}` : undefined;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The scope a write of the table needs, e.g. `Desk.contacts.CREATE` for a new account. */
export function writeScope(table: TableDescription, action: 'CREATE' | 'UPDATE' | 'DELETE'): string {
	return `Desk.${table.write!.scopeArea}.${action}`;
}

/** The resource mapper method of a table's Create or Update, e.g. `getContactCreateColumns` (core/methods/resourceMapping.ts). */
export function mapperMethod(table: TableDescription, mode: 'create' | 'update'): string {
	return `get${capitalized(table.resource)}${capitalized(mode)}Columns`;
}

/** A record's display name for pickers. */
export function recordLabel(table: TableDescription, record: Record<string, unknown>): string {
	for (const field of table.labelFields) {
		const value = record[field];
		if (value !== undefined && value !== null && value !== '') return String(value);
	}
	return String(record.id ?? '');
}

/** The list filter of a department, or of every department when none is chosen (and the list needs saying so). */
export function departmentQuery(table: TableDescription, departmentId: string | undefined): IDataObject {
	const filter = table.departmentFilter;
	return filter ? { [filter.param]: departmentId ?? filter.every } : {};
}
