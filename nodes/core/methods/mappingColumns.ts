/**
 * Resource mapper columns from Zoho's field metadata (n8n's `resourceMapper` parameters, as Airtable and Postgres
 * use them): the standard and custom fields of a module or layout, their n8n types, picklist values and which are
 * mandatory. Table-generic: each mapper (methods/resourceMapping.ts) says which module and which fields it leaves
 * to its own parameters.
 */
import type { FieldType, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { zohoFields } from '../fields';
import type { FieldSource, ZohoField } from '../fields';

/** Zoho field types (FieldOld.json) → n8n's mapper types; anything else is text. */
const N8N_TYPES: Record<string, FieldType> = {
	Number: 'number',
	Decimal: 'number',
	Currency: 'number',
	Percent: 'number',
	Boolean: 'boolean',
	Checkbox: 'boolean',
	Date: 'dateTime',
	DateTime: 'dateTime',
	Picklist: 'options',
	PickList: 'options',
};

export type OptionsLoader = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

export interface MappingOptions {
	/** Fields the operation sets with its own parameters (department, contact, layout) */
	exclude: string[];
	/** Update: no column is required */
	allOptional?: boolean;
	/** Lookup fields Zoho can list: their columns become dropdowns */
	lookups?: Record<string, OptionsLoader>;
}

function column(field: ZohoField, options: MappingOptions, lookupOptions?: INodePropertyOptions[]): ResourceMapperField {
	const picklist = field.allowedValues?.length ? field.allowedValues.map((value) => ({ name: value, value })) : undefined;
	const choices = lookupOptions ?? picklist;
	return {
		id: field.apiName,
		displayName: field.isCustomField ? `${field.displayLabel} (${field.apiName})` : field.displayLabel,
		required: !options.allOptional && field.isMandatory,
		defaultMatch: false,
		display: true,
		type: choices ? 'options' : (N8N_TYPES[field.type] ?? 'string'),
		...(choices ? { options: choices } : {}),
	};
}

/** The columns of a module (or layout) for n8n's resource mapper. */
export async function mappingColumns(
	this: ILoadOptionsFunctions,
	source: FieldSource,
	options: MappingOptions,
): Promise<ResourceMapperFields> {
	const fields = (await zohoFields.call(this, source)).filter((field) => !options.exclude.includes(field.apiName));
	const columns: ResourceMapperField[] = [];
	for (const field of fields) {
		const loader = options.lookups?.[field.apiName];
		columns.push(column(field, options, loader ? await loader.call(this) : undefined));
	}
	return { fields: columns, emptyFieldsNotice: `Zoho Desk lists no fields for ${source.module}` };
}

