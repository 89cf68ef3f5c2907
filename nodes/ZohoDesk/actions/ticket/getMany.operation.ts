import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import {
	filtersCollection,
	getManyOption,
	listOptionsCollection,
	recordLocator,
	returnAllProperties,
	simplifyProperty,
} from '../../../core/descriptions';
import { csv, listOptionsQuery, optionalLocator, readRecords } from '../../../core/records';

const table = TABLES.tickets;

const properties: INodeProperties[] = [
	...returnAllProperties(),
	simplifyProperty(table),
	filtersCollection(table, [
		{
			displayName: 'Assignee',
			name: 'assignee',
			type: 'string',
			default: '',
			placeholder: 'Unassigned',
			description: 'Comma-separated agent IDs, or Unassigned',
		},
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'string',
			default: '',
			placeholder: 'Email,Phone',
			description: 'Comma-separated channels',
		},
		recordLocator({
			name: 'departmentId',
			displayName: 'Department',
			searchListMethod: 'searchDepartments',
			description: 'Only tickets of this department (default: all departments you can access)',
		}),
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			placeholder: 'High,Medium',
			description: 'Comma-separated priorities (at most 20)',
		},
		{
			displayName: 'Received In Days',
			name: 'receivedInDays',
			type: 'options',
			options: [
				{ name: 'Last 15 Days', value: '15' },
				{ name: 'Last 30 Days', value: '30' },
				{ name: 'Last 90 Days', value: '90' },
				{ name: 'Any Time', value: '-1' },
			],
			default: '-1',
			description: 'Only tickets whose customer response time falls in this period',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'string',
			default: '',
			placeholder: 'Open,On Hold',
			description: 'Comma-separated ticket statuses',
		},
		{
			displayName: 'Team IDs',
			name: 'teamIds',
			type: 'string',
			default: '',
			description: 'Comma-separated team IDs',
		},
		recordLocator({
			name: 'viewId',
			displayName: 'View',
			searchListMethod: 'searchTicketViews',
			description: 'Only tickets in this view. Zoho wants a department with predefined views.',
		}),
	]),
	listOptionsCollection(table),
];

export const option = getManyOption('tickets');

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		departmentId: optionalLocator(filters.departmentId),
		viewId: optionalLocator(filters.viewId),
		status: csv(filters.status),
		priority: csv(filters.priority),
		channel: csv(filters.channel),
		assignee: csv(filters.assignee),
		teamIds: csv(filters.teamIds),
		receivedInDays: filters.receivedInDays,
		...listOptionsQuery(options),
	};
	return await readRecords.call(this, table, qs, itemIndex);
}
