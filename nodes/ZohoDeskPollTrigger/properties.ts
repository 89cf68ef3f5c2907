import type { INodeProperties } from 'n8n-workflow';

import { recordLocator, optionsCollection } from '../core/descriptions';
import { FIELD_MODULES, TABLE_NAMES, TABLES } from '../core/tables';
import type { TableDescription, TableName } from '../core/tables';

export type PollEvent = 'any' | 'created' | 'updated' | 'deleted';

const TABLE_OPTIONS = TABLE_NAMES.map((name) => ({ name: `${TABLES[name].displayName}s`, value: name })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

const tablesWhere = (test: (table: TableDescription) => boolean): TableName[] =>
	TABLE_NAMES.filter((name) => test(TABLES[name]));

/** Tables whose deletions a poll can see (by comparing every id with the previous poll's). */
const DELETES_VISIBLE = tablesWhere((table) => table.poll.deletesVisible);
const DELETES_INVISIBLE = tablesWhere((table) => !table.poll.deletesVisible);

const ANY = { name: 'Any Change', value: 'any', description: 'Created, updated or (where a poll can see it) deleted' };
const CREATED = { name: 'Created', value: 'created' };
const DELETED = { name: 'Deleted', value: 'deleted' };
const UPDATED = { name: 'Updated', value: 'updated' };

export const pollProperties: INodeProperties[] = [
	{
		displayName: 'Table',
		name: 'table',
		type: 'options',
		noDataExpression: true,
		options: TABLE_OPTIONS,
		default: 'tickets',
	},
	{
		displayName: 'Module',
		name: 'module',
		type: 'options',
		options: FIELD_MODULES.map((module) => ({ name: module.charAt(0).toUpperCase() + module.slice(1), value: module })),
		default: 'tickets',
		description: 'Whose fields to watch',
		displayOptions: { show: { table: tablesWhere((table) => table.poll.moduleParam !== undefined) } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [ANY, CREATED, UPDATED],
		default: 'any',
		displayOptions: { show: { table: DELETES_INVISIBLE } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [ANY, CREATED, DELETED, UPDATED],
		default: 'any',
		displayOptions: { show: { table: DELETES_VISIBLE } },
	},
	{
		displayName:
			'Zoho Desk hides deleted tickets from its lists and search, so polling cannot see deletions. To react to them, use the Zoho Desk Trigger node with the Ticket_Delete event.',
		name: 'deletesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { table: DELETES_INVISIBLE } },
	},
	optionsCollection([
		{
			...recordLocator({
				name: 'departmentId',
				displayName: 'Department',
				searchListMethod: 'searchDepartments',
				description: 'Only records of this department',
			}),
			displayOptions: { show: { '/table': tablesWhere((table) => table.departmentFilter !== undefined) } },
		},
		{
			displayName: 'Detect Deletes',
			name: 'detectDeletes',
			type: 'boolean',
			default: false,
			description:
				'Whether to read every record on each poll to notice deleted ones. Costs 3 credits per 100 records per poll; without it a poll reads only what changed.',
			// Tables read by snapshot compare every id anyway.
			displayOptions: {
				show: { '/table': tablesWhere((table) => table.poll.deletesVisible && table.changeTracking !== 'snapshot') },
			},
		},
		{
			displayName: 'Emit Initial Snapshot',
			name: 'emitInitialSnapshot',
			type: 'boolean',
			default: false,
			description:
				'Whether the first poll emits every existing record as created. Otherwise it emits nothing and only remembers where to start.',
		},
	]),
];
