import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './sync';
import { pickerMethod } from './tables';
import type { RelatedList, TableDescription } from './tables';

/** Zoho ids: digit strings of up to 19 digits (never numbers). */
export const ID_PATTERN = '^[0-9]{1,19}$';

/** Where each node's and credential's documentation lives: a section of the README. */
export const README_URL = 'https://github.com/n8n-nodes-zohodesk/n8n-nodes-zohodesk';

/** {value: name} of the options of the parameters called `name` (one per displayOptions variant). */
export function optionNames(properties: INodeProperties[], name: string): Record<string, string> {
	return Object.fromEntries(
		properties
			.filter((property) => property.name === name)
			.flatMap((property) => (property.options ?? []) as INodePropertyOptions[])
			.map((option) => [String(option.value), option.name]),
	);
}

/**
 * Part of a canvas subtitle expression that shows the name of `key` (an expression over $parameter) from `names`,
 * e.g. "Get many tickets" rather than "getMany: ticket"; an unknown key is shown as it is.
 */
export function nameOf(names: Record<string, string>, key: string): string {
	return `((${JSON.stringify(names)})[${key}] || ${key})`;
}

export function returnAllProperties(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

interface LocatorOptions {
	name: string;
	displayName: string;
	searchListMethod?: string;
	required?: boolean;
	description?: string;
	/** Extracts the id from a pasted Zoho Desk link */
	urlRegex?: string;
}

/** A record picker: choose from a searchable list, paste an ID, or paste a Zoho Desk link. */
export function recordLocator(options: LocatorOptions): INodeProperties {
	const listMode = options.searchListMethod
		? [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list' as const,
					typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
				},
			]
		: [];
	const urlMode = options.urlRegex
		? [
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string' as const,
					placeholder: 'https://desk.zoho.com/support/yourportal/ShowHomePage.do#Cases/dv/1892000000042032',
					extractValue: { type: 'regex' as const, regex: options.urlRegex },
					validation: [
						{
							type: 'regex' as const,
							properties: { regex: `.*${options.urlRegex}.*`, errorMessage: 'Not a Zoho Desk record link' },
						},
					],
				},
			]
		: [];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: options.searchListMethod ? 'list' : 'id', value: '' },
		required: options.required ?? false,
		description: options.description,
		modes: [
			...listMode,
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1892000000042032',
				validation: [
					{ type: 'regex', properties: { regex: ID_PATTERN, errorMessage: 'A Zoho Desk ID is made of digits only' } },
				],
			},
			...urlMode,
		],
	};
}

/** The record id picker of a table's Get operation: the table's picker, an ID, or (with `urlRegex`) a Zoho Desk link. */
export function recordIdLocator(table: TableDescription, options: { urlRegex?: string } = {}): INodeProperties {
	return recordLocator({
		name: 'id',
		displayName: `${table.displayName}`,
		searchListMethod: pickerMethod(table),
		urlRegex: options.urlRegex,
		required: true,
		description: `The ${table.displayName.toLowerCase()} to get`,
	});
}

export function includeOption(values: string[], description: string): INodeProperties {
	return {
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		options: values.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value })),
		default: [],
		description,
	};
}

/** Sort field + order, sent as Zoho's `sortBy` (a `-` prefix sorts descending). Every sortable table has createdTime. */
export function sortOptions(fields: string[]): INodeProperties[] {
	const fieldOptions: INodePropertyOptions[] = fields.map((value) => ({
		name: value.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
		value,
	}));
	return [
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: fieldOptions,
			default: 'createdTime',
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'asc',
		},
	];
}

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: 'subject,status,cf_region',
	description:
		"Comma-separated API names of the fields to return (at most 30; custom fields as cf_name). Empty returns Zoho's default fields.",
};

/** A resource's operation selector. */
export function operationSelector(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

type OperationOption = Omit<INodePropertyOptions, 'value'>;

/** A Get operation's selector entry, worded for one table ("department"). */
export const getOption = (singular: string): OperationOption => ({
	name: 'Get',
	description: `Get a ${singular}`,
	action: `Get a ${singular}`,
});

/** A Get Many operation's selector entry, worded for one table ("departments"). */
export const getManyOption = (plural: string): OperationOption => ({
	name: 'Get Many',
	description: `List ${plural}`,
	action: `Get many ${plural}`,
});

/**
 * "Created Since" / "Modified Since" filters for the tables whose records carry those times: the read asks Zoho
 * only for what changed (nodes/core/sync), each record once, oldest first.
 */
export function changedSinceFilters(table: TableDescription): INodeProperties[] {
	const filters: INodeProperties[] = [];
	if (table.createdTimeField) {
		filters.push({
			displayName: 'Created Since',
			name: 'createdSince',
			type: 'dateTime',
			default: '',
			description: 'Only records created at or after this time, oldest first',
		});
	}
	if (table.modifiedTimeField) {
		filters.push({
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description:
				'Only records changed at or after this time, oldest first. Give it the latest modified time you already have: a record changed at exactly that time comes again, so an upsert by ID misses nothing.',
		});
	}
	return filters;
}

/**
 * n8n's usual Simplify switch for a table's reads: only the table's most used fields (`simpleFields`), which keeps
 * large reads small in n8n's memory and gives AI tools what they need. Off by default: n8n's tool variant of a node
 * shares its parameters, so the description cannot default it on for tools alone.
 */
export function simplifyProperty(table: TableDescription): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only the most used fields (${(table.simpleFields ?? []).join(', ')}) instead of every field Zoho sends`,
	};
}

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many requests Return All and the Since filters send at once. Zoho allows a portal 5 (Free) to 25 at a time, shared with every other integration.',
};

const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** A Get Many's Filters collection: the table's own filters plus Created/Modified Since, alphabetically. */
export function filtersCollection(table: TableDescription, filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...filters, ...changedSinceFilters(table)].sort(byDisplayName),
	};
}

/** The optional settings of an operation, in n8n's usual "Options" collection. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** A sortable list's Options collection: sort, include, fields and parallel requests. */
export function listOptionsCollection(table: TableDescription): INodeProperties {
	return optionsCollection([
		...sortOptions(table.sortFields),
		includeOption(table.listInclude, `Related records to embed in each ${table.displayName.toLowerCase()}`),
		fieldsOption,
		parallelRequestsOption,
	]);
}

/** Several departments picked from Zoho's list (methods/loadOptions getDepartments), sent as `departmentIds`. */
export function departmentsOption(description: string): INodeProperties {
	return {
		displayName: 'Department Names or IDs',
		name: 'departmentIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		default: [],
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}

/** A record of `table` picked as the parent of a related list, e.g. the account whose contacts to list. */
export function parentLocator(table: TableDescription, description: string): INodeProperties {
	return recordLocator({
		name: 'id',
		displayName: table.displayName,
		searchListMethod: pickerMethod(table),
		required: true,
		description,
	});
}

/** The parameters of a related list (an account's contacts...): its parent, Return All / Limit, sort and include. */
export function relatedListProperties(
	parent: TableDescription,
	child: TableDescription,
	list: RelatedList,
): INodeProperties[] {
	const plural = `${child.displayName.toLowerCase()}s`;
	return [
		parentLocator(parent, `The ${parent.displayName.toLowerCase()} whose ${plural} to list`),
		...returnAllProperties(),
		optionsCollection([
			...sortOptions(list.sortFields),
			...(list.include.length
				? [includeOption(list.include, `Related records to embed in each ${child.displayName.toLowerCase()}`)]
				: []),
		]),
	];
}
