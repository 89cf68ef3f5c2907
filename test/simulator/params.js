'use strict';
/**
 * Query-parameter contracts of the Desk endpoints (from Zoho's OpenAPI spec): an unknown parameter or a value out
 * of range is answered 422 UNPROCESSABLE_ENTITY, as Zoho does.
 */
const { deskError } = require('./http');

const invalid = (name) =>
	deskError(422, 'UNPROCESSABLE_ENTITY', `The value passed for the '${name}' query parameter is invalid.`);

const DIGITS = /^[0-9]+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Each kind parses the raw values of one parameter (all occurrences) or throws 422. */
const kinds = {
	int:
		({ min, max } = {}) =>
		(name, values) => {
			const text = single(name, values);
			if (!/^-?[0-9]+$/.test(text)) throw invalid(name);
			const value = Number(text);
			if ((min !== undefined && value < min) || (max !== undefined && value > max)) throw invalid(name);
			return value;
		},
	string:
		({ enum: allowed, minLength = 1, maxLength = Infinity } = {}) =>
		(name, values) => {
			const text = single(name, values);
			if (text.length < minLength || text.length > maxLength) throw invalid(name);
			if (allowed && !allowed.includes(text)) throw invalid(name);
			return text;
		},
	/** Comma-separated (or repeated) values. */
	list:
		({ enum: allowed, maxItems = Infinity, digits = false } = {}) =>
		(name, values) => {
			const items = values.flatMap((value) => value.split(',')).map((item) => item.trim());
			if (!items.length || items.length > maxItems || items.some((item) => item === '')) throw invalid(name);
			if (allowed && items.some((item) => !allowed.includes(item))) throw invalid(name);
			if (digits && items.some((item) => !DIGITS.test(item))) throw invalid(name);
			return items;
		},
	bool: () => (name, values) => {
		const text = single(name, values);
		if (text !== 'true' && text !== 'false') throw invalid(name);
		return text === 'true';
	},
	id: () => (name, values) => {
		const text = single(name, values);
		if (!DIGITS.test(text)) throw invalid(name);
		return text;
	},
	/** `from,to` in ISO 8601, both ends inclusive → [fromMs, toMs]. */
	timeRange: () => (name, values) => {
		const parts = single(name, values).split(',');
		if (parts.length !== 2 || !parts.every((part) => ISO_TIME.test(part.trim()))) throw invalid(name);
		const [from, to] = parts.map((part) => Date.parse(part.trim()));
		if (Number.isNaN(from) || Number.isNaN(to) || from > to) throw invalid(name);
		return [from, to];
	},
	/** A field name with an optional `-` prefix for descending order. */
	sort: (fields) => (name, values) => {
		const text = single(name, values);
		const desc = text.startsWith('-');
		const field = desc ? text.slice(1) : text;
		if (!fields.includes(field)) throw invalid(name);
		return { field, desc };
	},
};

function single(name, values) {
	if (values.length !== 1) throw invalid(name);
	return values[0];
}

/**
 * Validates a query against a contract `{ name: parser }`; `defaults` fills absent parameters.
 * `orgId` may come as a query parameter on every endpoint (the spec declares it so).
 */
function parseQuery(query, contract, defaults = {}) {
	const values = { ...defaults };
	for (const [name, raw] of query) {
		if (name === 'orgId') continue;
		const parse = contract[name];
		if (!parse) throw deskError(422, 'UNPROCESSABLE_ENTITY', `An extra parameter '${name}' is found.`);
		values[name] = parse(name, raw);
	}
	return values;
}

module.exports = { kinds, parseQuery, invalid };
