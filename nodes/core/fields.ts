/**
 * Zoho's field metadata for a module (organizationFields, or one layout's fields) and how a record's values are
 * sent: standard fields at the top level, custom fields (API names `cf_…`) under `cf`, dates in Zoho's format.
 * The resource mapper's columns (methods/resourceMapping.ts) and the write operations both read it from here.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { isSet } from './query';
import { zohoDeskApi } from './transport';

/** One field as Zoho describes it (FieldOld.json field schema; Layout.json section fields). */
export interface ZohoField {
	apiName: string;
	displayLabel: string;
	/** Zoho's type: Text, Textarea, Email, Phone, URL, Picklist, Multiselect, Date, DateTime, Number, Decimal, … */
	type: string;
	isCustomField: boolean;
	isMandatory: boolean;
	/** Picklist values */
	allowedValues?: string[];
}

export interface FieldSource {
	/** organizationFields module: tickets, contacts, accounts, … */
	module: string;
	departmentId?: string;
	/** A layout's own fields and mandatory flags instead of the module's */
	layoutId?: string;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

function toField(raw: IDataObject): ZohoField | undefined {
	const apiName = raw.apiName ?? raw.name;
	if (typeof apiName !== 'string' || !apiName) return undefined;
	// Layout.json gives the type as a one-element array, organizationFields as a string.
	const type = String(Array.isArray(raw.type) ? raw.type[0] : (raw.type ?? 'Text'));
	const values = Array.isArray(raw.allowedValues)
		? raw.allowedValues.map((value) => String(typeof value === 'object' && value !== null ? (value as IDataObject).value : value))
		: undefined;
	return {
		apiName,
		displayLabel: String(raw.displayLabel ?? apiName),
		type,
		isCustomField: raw.isCustomField === true || apiName.startsWith('cf_'),
		isMandatory: raw.isMandatory === true,
		// Zoho's "-None-" is the empty choice, not a value to send.
		allowedValues: values?.filter((value) => value !== '-None-'),
	};
}

/** The fields of a module, or of one of its layouts. */
export async function zohoFields(this: Context, source: FieldSource): Promise<ZohoField[]> {
	if (source.layoutId) {
		const layout = (await zohoDeskApi.call(this, { path: `/layouts/${encodeURIComponent(source.layoutId)}` })) as
			| { sections?: Array<{ fields?: IDataObject[] }> }
			| undefined;
		return (layout?.sections ?? []).flatMap((section) => section.fields ?? []).flatMap((raw) => toField(raw) ?? []);
	}
	const qs: IDataObject = { module: source.module };
	if (source.departmentId) qs.departmentId = source.departmentId;
	const body = (await zohoDeskApi.call(this, { path: '/organizationFields', qs })) as { data?: IDataObject[] } | undefined;
	return (body?.data ?? []).flatMap((raw) => toField(raw) ?? []);
}

/** A time as Zoho wants it: ISO 8601 in UTC with milliseconds, or only the date for Date fields. */
function zohoTime(node: INode, field: ZohoField, value: unknown, itemIndex: number): string {
	// n8n's DateTime values (luxon) and JavaScript Dates both have toISOString / toISO.
	const candidate = value as { toISO?: () => string; toISOString?: () => string };
	const text = typeof candidate?.toISO === 'function' ? candidate.toISO() : typeof candidate?.toISOString === 'function' ? candidate.toISOString() : String(value);
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
	const ms = dateOnly ? Date.parse(`${text}T00:00:00Z`) : typeof value === 'number' ? value : Date.parse(text);
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(node, `${field.displayLabel} (${field.apiName}): "${text}" is not a date`, {
			itemIndex,
			description: 'Give an ISO date such as 2026-12-24 or 2026-12-24T09:00:00Z, or an n8n date ({{ $now }}).',
		});
	}
	if (field.type === 'Date') return dateOnly ? text : new Date(ms).toISOString().slice(0, 10);
	return new Date(ms).toISOString();
}

/** One value in the form Zoho takes for its field's type. */
function zohoValue(node: INode, field: ZohoField, value: unknown, itemIndex: number): string | number | boolean {
	switch (field.type) {
		case 'Date':
		case 'DateTime':
			return zohoTime(node, field, value, itemIndex);
		case 'Boolean':
		case 'Checkbox':
			// Custom field values are strings in Zoho's `cf` schema.
			return field.isCustomField ? String(value === true || value === 'true') : value === true || value === 'true';
		case 'Multiselect':
			return Array.isArray(value) ? value.join(';') : String(value);
		default:
			if (typeof value === 'object' && value !== null) return JSON.stringify(value);
			return field.isCustomField || field.type !== 'Number' ? String(value) : Number(value);
	}
}

/**
 * A record body from mapped values: known fields only (so an input item's other keys are ignored), empty values
 * left out, custom fields under `cf`, each value in Zoho's format. Ids stay strings.
 */
export function recordBody(node: INode, fields: ZohoField[], values: IDataObject, itemIndex: number): IDataObject {
	const byName = new Map(fields.map((field) => [field.apiName, field]));
	const body: IDataObject = {};
	const cf: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		const field = byName.get(name);
		if (!field || !isSet(value)) continue;
		const converted = zohoValue(node, field, value, itemIndex);
		if (field.isCustomField) cf[name] = converted;
		else body[name] = converted;
	}
	if (Object.keys(cf).length) body.cf = cf;
	return body;
}

/** Field lists read during one execution, keyed by its context so that nothing outlives the execution. */
const readInExecution = new WeakMap<object, Map<string, Promise<ZohoField[]>>>();

/** The fields of a module, read at most once per execution however many items are written. */
export async function fieldsForExecution(this: IExecuteFunctions, source: FieldSource): Promise<ZohoField[]> {
	const key = JSON.stringify(source);
	let cache = readInExecution.get(this);
	if (!cache) readInExecution.set(this, (cache = new Map()));
	let fields = cache.get(key);
	if (!fields) {
		fields = zohoFields.call(this, source);
		cache.set(key, fields);
		// A failed read is not kept: the next item asks again.
		fields.catch(() => cache.delete(key));
	}
	return await fields;
}

/** The values of a resource mapper parameter: what was mapped by hand, or the input item itself (Map Automatically). */
export function mappedValues(this: IExecuteFunctions, parameter: string, itemIndex: number): IDataObject {
	if (this.getNodeParameter(`${parameter}.mappingMode`, itemIndex) === 'autoMapInputData') {
		return this.getInputData()[itemIndex].json;
	}
	return (this.getNodeParameter(`${parameter}.value`, itemIndex, {}) ?? {}) as IDataObject;
}
