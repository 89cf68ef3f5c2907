'use strict';
/**
 * What the simulator's write routes share: a create or update body checked as Zoho checks it, against the
 * portal's field metadata for the module (unknown keys, picklist values, types, lengths, custom fields under
 * `cf`), with a refusal as Zoho's 422 `INVALID_DATA` whose `errors[]` name each field at fault; and the id lists
 * of `moveToTrash` bodies.
 */
const { deskError } = require('./http');

const ID = /^[0-9]{1,19}$/;
/** The spec's dueDate pattern: ISO with seconds and Z (milliseconds optional). */
const ZOHO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,22}$/;

const fieldError = (fieldName, errorType, errorMessage) => ({ fieldName, errorType, errorMessage });
const invalidData = (errors) =>
	deskError(422, 'INVALID_DATA', 'An invalid value is passed for one or more fields.', { errors });

/** The portal's fields of a module (organizationFields), by API name. */
function moduleFields(org, module) {
	const table = org.tables.organizationFields;
	const fields = table.liveEntries().map((entry) => table.full(entry)).filter((f) => f.module === module);
	return new Map(fields.map((field) => [field.apiName, field]));
}

/** Problems with one value of a field, as Zoho's `errors[]` entries. */
function checkValue(field, value, at) {
	if (value === null) return field.isMandatory ? [fieldError(at, 'missing', `${field.displayLabel} is mandatory`)] : [];
	if (field.allowedValues) {
		const allowed = field.allowedValues.map((v) => v.value);
		return allowed.includes(value) ? [] : [fieldError(at, 'invalid', `${value} is not a value of ${field.displayLabel}`)];
	}
	switch (field.type) {
		case 'Number':
			return /^-?\d+$/.test(String(value)) ? [] : [fieldError(at, 'invalid', 'not a number')];
		case 'Boolean':
			return ['true', 'false', true, false].includes(value) ? [] : [fieldError(at, 'invalid', 'not true or false')];
		case 'Date':
			return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? [] : [fieldError(at, 'invalid', 'not a date (yyyy-MM-dd)')];
		case 'DateTime':
			return ZOHO_TIME.test(String(value)) ? [] : [fieldError(at, 'invalid', 'not a time (yyyy-MM-ddThh:mm:ss.SSSZ)')];
		case 'Email':
			if (!EMAIL.test(String(value))) return [fieldError(at, 'invalid', 'not an email address')];
			return String(value).length > field.maxLength ? [fieldError(at, 'invalid', `longer than ${field.maxLength}`)] : [];
		case 'LookUp':
			return ID.test(String(value)) ? [] : [fieldError(at, 'invalid', 'not an ID')];
		default:
			if (typeof value !== 'string') return [fieldError(at, 'invalid', 'not text')];
			return value.length > field.maxLength ? [fieldError(at, 'invalid', `longer than ${field.maxLength}`)] : [];
	}
}

/**
 * The changes a create or update body asks for, checked against the module's fields: `{changes, errors}`.
 * `extraKeys` are body keys the spec's schema accepts besides the field metadata's fields.
 */
function checkFields(org, module, body, extraKeys) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw deskError(422, 'EMPTY_PAYLOAD', 'The request body is empty or not a JSON object.');
	const fields = moduleFields(org, module);
	const errors = [];
	const changes = {};
	for (const [key, value] of Object.entries(body)) {
		const field = fields.get(key);
		if (key === 'cf') {
			if (value === null || typeof value !== 'object') errors.push(fieldError('/cf', 'invalid', 'not an object'));
			else {
				for (const [cfKey, cfValue] of Object.entries(value)) {
					const custom = fields.get(cfKey);
					if (!custom?.isCustomField) errors.push(fieldError(`/cf/${cfKey}`, 'invalid', 'no such custom field'));
					else errors.push(...checkValue(custom, cfValue === null ? null : String(cfValue), `/cf/${cfKey}`));
				}
				changes.cf = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : String(v)]));
			}
		} else if (field && !field.isCustomField) {
			errors.push(...checkValue(field, value, `/${key}`));
			changes[key] = value;
		} else if (extraKeys.includes(key)) changes[key] = value;
		else errors.push(fieldError(`/${key}`, 'invalid', 'unknown field'));
	}
	return { changes, errors };
}

/** A `required` field the body lacks (or leaves empty), as an `errors[]` entry. */
const missing = (body, names) =>
	names
		.filter((name) => body[name] === undefined || body[name] === null || body[name] === '')
		.map((name) => fieldError(`/${name}`, 'missing', `${name} is mandatory`));

/** Ids of a list body (`ids`, `ticketIds`, `contactIds`): digit strings, at most `max`, every one a live record of `table`. */
function liveIdsOf(org, table, body, key, max) {
	const ids = body?.[key];
	if (!Array.isArray(ids) || !ids.length) throw invalidData([fieldError(`/${key}`, 'missing', `${key} is mandatory`)]);
	if (ids.length > max) throw invalidData([fieldError(`/${key}`, 'invalid', `at most ${max} ids`)]);
	const errors = ids
		.map((value, i) => [String(value), i])
		.filter(([value]) => {
			const record = ID.test(value) ? org.tables[table].get(value) : undefined;
			return !record || record.trashed;
		})
		.map(([value, i]) => fieldError(`/${key}/${i}`, 'invalid', `no ${table.replace(/s$/, '')} ${value}`));
	if (errors.length) throw invalidData(errors);
	return ids.map(String);
}

const live = (table) => (org, value) => {
	const record = org.tables[table].get(value);
	return Boolean(record && !record.trashed);
};
/** How each id field names an existing record. */
const LOOKUPS = {
	departmentId: (org, value) => {
		const department = org.tables.departments.get(value);
		return Boolean(department && !department.trashed && department.isEnabled);
	},
	contactId: live('contacts'),
	accountId: live('accounts'),
	assigneeId: (org, value) => org.lookups.agents.has(value),
	ownerId: (org, value) => org.lookups.agents.has(value),
	teamId: (org, value) => org.lookups.teams.has(value),
	productId: (org, value) => Boolean(org.tables.products.get(value)),
};

/** `errors[]` entries for the id fields among `changes` that name no record (layoutId: a layout of `module`). */
function lookupErrors(org, module, changes) {
	const layoutOf = (_, value) => org.layouts[module]?.id === value;
	return Object.entries({ ...LOOKUPS, layoutId: layoutOf })
		.filter(([key]) => changes[key] !== undefined && changes[key] !== null)
		.filter(([key, exists]) => !ID.test(String(changes[key])) || !exists(org, String(changes[key])))
		.map(([key]) => fieldError(`/${key}`, 'invalid', `no such ${key.replace(/Id$/, '')}`));
}

/** The portal's custom fields of a module with their defaults: what a new record's `cf` starts from. */
const customDefaults = (org, module) =>
	Object.fromEntries([...moduleFields(org, module).values()].filter((f) => f.isCustomField).map((f) => [f.apiName, f.defaultValue ?? null]));

module.exports = { EMAIL, fieldError, invalidData, moduleFields, checkFields, missing, lookupErrors, liveIdsOf, customDefaults };
