/**
 * The five Zoho Desk tables, described once. Operations, pickers, the webhook normaliser and the polling
 * trigger all derive from these entries. Endpoints, limits and enums are those of Zoho's OpenAPI spec
 * (zoho/zohodesk-oas v1.0).
 */
export type TableName = 'tickets' | 'departments' | 'products' | 'organizationFields' | 'contracts';

/** How later changes to a table can be found without webhooks. */
export type ChangeTracking =
	| 'searchModifiedTime' // tickets: /tickets/search with modifiedTimeRange, sorted by modifiedTime
	| 'listSortedByModifiedTime' // a list endpoint that accepts sortBy=-modifiedTime
	| 'snapshot'; // no usable modified time: diff ids and content against the previous read

/** A table's search endpoint (Search.json), where Zoho has one that the sync code uses. */
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
	/** Fields that name a record in pickers, first non-empty wins */
	labelFields: string[];
	/** List `sortBy` values (a `-` prefix sorts descending) */
	sortFields: string[];
	/** Query parameters the list endpoint accepts as filters */
	filterParams: string[];
	/** Values of the list endpoint's `include` */
	listInclude: string[];
	/** Values of the get-by-id endpoint's `include` */
	recordInclude: string[];
	createdTimeField?: string;
	modifiedTimeField?: string;
	changeTracking: ChangeTracking;
	/** Zoho webhook events for this table, when Zoho has any */
	webhookEvents?: { insert: string; update: string; delete?: string };
	search?: SearchDescription;
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
		sortFields: ['createdTime', 'dueDate', 'recentThread'],
		filterParams: ['departmentId', 'viewId', 'status', 'priority', 'channel', 'assignee', 'teamIds', 'receivedInDays', 'fields'],
		listInclude: ['contacts', 'products', 'departments', 'team', 'assignee'],
		recordInclude: ['contacts', 'products', 'assignee', 'departments', 'contract', 'isRead', 'team', 'skills'],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		changeTracking: 'searchModifiedTime',
		webhookEvents: { insert: 'Ticket_Add', update: 'Ticket_Update', delete: 'Ticket_Delete' },
		search: {
			path: '/tickets/search',
			maxFrom: 999,
			pageSize: 100,
			listFilters: { departmentId: 'departmentId', status: 'status', priority: 'priority', channel: 'channel', assignee: 'assigneeId' },
			singleValued: ['departmentId', 'channel'],
			timeRanges: ['createdTime', 'modifiedTime'],
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
		sortFields: [],
		filterParams: ['isEnabled', 'searchStr', 'chatStatus'],
		listInclude: [],
		recordInclude: [],
		createdTimeField: 'createdTime',
		changeTracking: 'snapshot',
		webhookEvents: { insert: 'Department_Add', update: 'Department_Update' },
	},
	products: {
		name: 'products',
		resource: 'product',
		displayName: 'Product',
		listPath: '/products',
		recordPath: '/products/{id}',
		pageSize: 100,
		labelFields: ['productName', 'productCode'],
		sortFields: ['productName', 'productCode', 'unitPrice', 'createdTime', 'modifiedTime'],
		filterParams: ['departmentId', 'viewId', 'ownerId', 'fields'],
		listInclude: ['owner'],
		recordInclude: ['departments', 'owner'],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		changeTracking: 'listSortedByModifiedTime',
	},
	organizationFields: {
		name: 'organizationFields',
		resource: 'organizationField',
		displayName: 'Organization Field',
		listPath: '/organizationFields',
		recordPath: '/organizationFields/{id}',
		labelFields: ['displayLabel', 'apiName'],
		sortFields: [],
		filterParams: ['module', 'departmentId', 'apiNames'],
		listInclude: [],
		recordInclude: [],
		changeTracking: 'snapshot',
	},
	contracts: {
		name: 'contracts',
		resource: 'contract',
		displayName: 'Contract',
		listPath: '/contracts',
		recordPath: '/contracts/{id}',
		pageSize: 100,
		labelFields: ['contractName', 'contractNumber'],
		sortFields: ['accountName', 'contractName', 'contractEndDate', 'contractStartDate', 'createdTime', 'modifiedTime'],
		filterParams: ['departmentIds', 'accountId', 'ownerIds', 'contractName', 'viewId', 'fields'],
		listInclude: ['accounts', 'products', 'slas', 'owner', 'departments'],
		recordInclude: [],
		createdTimeField: 'createdTime',
		modifiedTimeField: 'modifiedTime',
		changeTracking: 'listSortedByModifiedTime',
	},
};

/** Modules of organizationFields (FieldOld.json `module` enum) */
export const FIELD_MODULES = ['tickets', 'contacts', 'accounts', 'tasks', 'calls', 'events', 'contracts', 'products'];

export function recordPath(table: TableDescription, id: string): string {
	return table.recordPath.replace('{id}', encodeURIComponent(id));
}

/** A record's display name for pickers. */
export function recordLabel(table: TableDescription, record: Record<string, unknown>): string {
	for (const field of table.labelFields) {
		const value = record[field];
		if (value !== undefined && value !== null && value !== '') return String(value);
	}
	return String(record.id ?? '');
}
