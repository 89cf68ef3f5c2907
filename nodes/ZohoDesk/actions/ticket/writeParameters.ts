/** Parameters the ticket write operations share besides every write's (core/writeOperations.ts): department and layout pickers. */
import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';
import { pickerMethod, TABLES } from '../../../core/tables';

export const departmentLocator = (description: string, required = true): INodeProperties =>
	recordLocator({
		name: 'department',
		displayName: 'Department',
		searchListMethod: pickerMethod(TABLES.departments),
		required,
		description,
	});

export const layoutOption: INodeProperties = {
	displayName: 'Layout Name or ID',
	name: 'layout',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTicketLayouts', loadOptionsDependsOn: ['department.value'] },
	default: '',
	description:
		'The layout whose fields to map (empty: every ticket field). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** What the ticket field mapper's columns depend on. */
export const TICKET_MAPPER_DEPENDS_ON = ['department.value', 'layout'];
