import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';
import { csv, optionalLocator } from '../../../core/records';

/** Zoho search matches at most 10 custom fields (customField1..customField10). */
const MAX_CUSTOM_FIELDS = 10;

/** Search criteria shared by Ticket → Search and Ticket → Count (GET /tickets/search). */
export const searchFilterProperties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		default: '',
		description: 'Words to find anywhere in the ticket (at least 3 characters). Leave empty to match on the filters only.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Account IDs', name: 'accountId', type: 'string', default: '' },
			{ displayName: 'Assignee IDs', name: 'assigneeId', type: 'string', default: '', description: 'Comma-separated agent IDs' },
			{ displayName: 'Category', name: 'category', type: 'string', default: '' },
			{ displayName: 'Channel', name: 'channel', type: 'string', default: '' },
			{ displayName: 'Contact IDs', name: 'contactId', type: 'string', default: '' },
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, maxAllowedFields: MAX_CUSTOM_FIELDS },
				default: {},
				placeholder: 'Add Custom Field',
				options: [
					{
						displayName: 'Custom Field',
						name: 'field',
						values: [
							{ displayName: 'API Name', name: 'apiName', type: 'string', default: '', placeholder: 'cf_region' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			recordLocator({ name: 'departmentId', displayName: 'Department', searchListMethod: 'searchDepartments' }),
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Comma-separated contact emails' },
			{ displayName: 'Modified After', name: 'modifiedAfter', type: 'dateTime', default: '' },
			{ displayName: 'Modified Before', name: 'modifiedBefore', type: 'dateTime', default: '' },
			{ displayName: 'Priority', name: 'priority', type: 'string', default: '', description: 'Comma-separated priorities' },
			{ displayName: 'Product IDs', name: 'productId', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'Open,Closed', description: 'Comma-separated statuses' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'Subject text (at least 3 characters); end with * to match a prefix' },
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
			{ displayName: 'Ticket Number', name: 'ticketNumber', type: 'string', default: '', description: 'Comma-separated ticket numbers' },
		],
	},
];

const EARLIEST = '2000-01-01T00:00:00.000Z';

/** Zoho's `from,to` range in ISO 8601; an open end becomes the earliest time or a day from now. */
function timeRange(after: unknown, before: unknown): string | undefined {
	if (!after && !before) return undefined;
	const from = after ? new Date(String(after)).toISOString() : EARLIEST;
	const to = before ? new Date(String(before)).toISOString() : new Date(Date.now() + 86_400_000).toISOString();
	return `${from},${to}`;
}

/** The query string of a ticket search, from the shared parameters. */
export function searchQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const text = String(this.getNodeParameter('searchText', itemIndex, '')).trim();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	if (text && text.length < 3) {
		throw new NodeOperationError(this.getNode(), 'Search Text needs at least 3 characters', { itemIndex });
	}
	const customFields = ((filters.customFields as IDataObject | undefined)?.field ?? []) as Array<{ apiName: string; value: string }>;
	if (customFields.length > MAX_CUSTOM_FIELDS) {
		throw new NodeOperationError(this.getNode(), `Zoho search matches at most ${MAX_CUSTOM_FIELDS} custom fields`, { itemIndex });
	}
	const qs: IDataObject = {
		_all: text || undefined,
		departmentId: optionalLocator(filters.departmentId),
		status: csv(filters.status),
		priority: csv(filters.priority),
		channel: filters.channel || undefined,
		subject: filters.subject || undefined,
		ticketNumber: csv(filters.ticketNumber),
		assigneeId: csv(filters.assigneeId),
		contactId: csv(filters.contactId),
		accountId: csv(filters.accountId),
		productId: csv(filters.productId),
		email: csv(filters.email),
		tag: filters.tag || undefined,
		category: filters.category || undefined,
		createdTimeRange: timeRange(filters.createdAfter, filters.createdBefore),
		modifiedTimeRange: timeRange(filters.modifiedAfter, filters.modifiedBefore),
	};
	customFields.forEach((field, index) => {
		qs[`customField${index + 1}`] = `${field.apiName.trim()}:${field.value}`;
	});
	return qs;
}
