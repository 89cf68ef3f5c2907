'use strict';
/** What the Desk API's route modules share: scope rules, the route shape, criteria matching and paging. */
const { deskError } = require('./http');
const { invalid } = require('./params');
const views = require('./views');

/** Scope requirements: alternatives, each a set of scopes that must all be granted. */
const anyOf = (...scopes) => scopes.map((scope) => [scope]);
const allOf = (...scopes) => [scopes];
const SCOPES = {
	organizations: anyOf('Desk.basic.READ', 'Desk.organization.READ', 'Desk.settings.READ'),
	tickets: allOf('Desk.tickets.READ'),
	search: allOf('Desk.tickets.READ', 'Desk.search.READ'),
	departments: anyOf('Desk.basic.READ', 'Desk.departments.READ', 'Desk.settings.READ'),
	products: anyOf('Desk.products.READ', 'Desk.settings.READ'),
	fieldList: allOf('Desk.basic.READ', 'Desk.fields.READ'),
	fieldGet: allOf('Desk.fields.READ', 'Desk.settings.READ'),
	contracts: allOf('Desk.settings.READ'),
	// Contact.json and Account.json: accounts are read with the contacts scope.
	contacts: allOf('Desk.contacts.READ'),
	contactSearch: allOf('Desk.contacts.READ', 'Desk.search.READ'),
	contactTickets: allOf('Desk.contacts.READ', 'Desk.tickets.READ', 'Desk.search.READ'),
	accountTickets: allOf('Desk.tickets.READ', 'Desk.search.READ'),
	webhooks: (op) => anyOf(`Desk.events.${op}`, `Desk.settings.${op}`, `Desk.webhooks.${op}`),
};

const lower = (values) => new Set(values.map((v) => v.toLowerCase()));
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Zoho's text criteria: `*` is a wildcard; without one the value must contain the text (case-insensitive). */
function textMatcher(pattern) {
	const wanted = pattern.toLowerCase();
	if (!wanted.includes('*'))
		return (value) => value !== null && value !== undefined && String(value).toLowerCase().includes(wanted);
	const regex = new RegExp(`^${wanted.split('*').map(escapeRegex).join('.*')}$`, 'i');
	return (value) => value !== null && value !== undefined && regex.test(String(value));
}

/** The `filters` parameter: a JSON object of field API name → accepted values. */
function filtersParam(name, values) {
	let parsed;
	try {
		parsed = JSON.parse(values.join(''));
	} catch {
		throw invalid(name);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length > 25)
		throw invalid(name);
	return parsed;
}

function filtersTest(filters) {
	const tests = Object.entries(filters).map(([field, accepted]) => {
		const key = field.charAt(0).toLowerCase() + field.slice(1);
		const set = lower((Array.isArray(accepted) ? accepted : [accepted]).map(String));
		return (record) => set.has(String(key.startsWith('cf_') ? record.cf?.[key] : record[key]).toLowerCase());
	});
	return (record) => tests.every((test) => test(record));
}

/** All tests must pass; null when there are none (lets the table use its indexes as they are). */
const every = (tests) => (tests.length ? (record) => tests.every((test) => test(record)) : null);

/** A list page: 204 with no body when there is nothing at `from`, as Zoho answers. */
function pageOf(table, window, { from, limit }, toView, extra = {}) {
	const rows = limit > 0 ? table.page(window, from, limit) : [];
	if (!rows.length) return { status: 204 };
	return { status: 200, body: { data: rows.map(toView), ...extra } };
}

const includeSet = (params) => new Set(params.include ?? []);
const listView = (params, toList, toDetail, ctx) =>
	params.fields
		? (record) => views.selectFields(toDetail(record, ctx), params.fields)
		: (record) => toList(record, ctx, includeSet(params));

function getOr404(table, recordId, { allowTrashed }) {
	const record = table.get(recordId);
	if (!record || (record.trashed && !allowTrashed))
		throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
	return record;
}

/** Counts take a department id or `allDepartment`. */
function departmentOrAll(name, values) {
	if (values.length !== 1 || !/^(allDepartment|[0-9]+)$/.test(values[0])) throw invalid(name);
	return values[0];
}

/**
 * A Desk endpoint: `path` is under /api/v1 (each {id}: a numeric id, handed to the handler as `ids`, the first also
 * as `recordId`); `weight` is its price in credits, or 'range' for lists and searches (priced by `from`);
 * `org: false` needs no orgId; `body: true` reads a JSON body.
 */
function route(method, path, scopes, handler, { params = {}, defaults, weight = 1, org = true, body = false, maxBytes } = {}) {
	return {
		method,
		name: `${method} /api/v1${path}`,
		scopes,
		handler,
		params,
		defaults,
		weight,
		org,
		body,
		maxBytes,
		pattern: new RegExp(`^/api/v1${path.replaceAll('{id}', '([0-9]+)')}$`),
	};
}

module.exports = {
	SCOPES,
	route,
	lower,
	textMatcher,
	filtersParam,
	filtersTest,
	every,
	pageOf,
	includeSet,
	listView,
	getOr404,
	departmentOrAll,
};
