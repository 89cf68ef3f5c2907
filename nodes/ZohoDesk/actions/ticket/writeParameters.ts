/** Parameters the ticket write operations share: department and layout pickers, the field mapper, write options. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator, optionsCollection } from '../../../core/descriptions';
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

/** n8n's resource mapper over Zoho's ticket fields: custom fields go to `cf` by their API names. */
export function fieldsMapper(resourceMapperMethod: string, mode: 'add' | 'map'): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['department.value', 'layout'],
			resourceMapper: {
				resourceMapperMethod,
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: mode === 'add',
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}

/** Every write's Source ID option (read with sourceIdOf). */
export const sourceIdOption: INodeProperties = {
	displayName: 'Source ID',
	name: 'sourceId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 49ad222a-f812-11e7-8c3f-9a214cf093ae',
	description:
		'A UUID to tag this change with: a Zoho Desk Trigger whose "Ignore Changes Made With Source ID" is the same UUID is not told of it, so a workflow does not trigger itself',
};

export const writeOptions: INodeProperties = optionsCollection([sourceIdOption]);

/** The write options of one item. */
export function sourceIdOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sourceId = String(options.sourceId ?? '').trim();
	return sourceId || undefined;
}
