'use strict';
/**
 * The Desk API under /api/v1: the five tables, organizations and webhooks, behind Zoho's checks in Zoho's order:
 * concurrency, authentication, orgId, scopes, parameters, credits.
 */
const { deskError, send, queryOf, headerValue, readJson } = require('./http');
const { kinds, parseQuery, invalid } = require('./params');
const { hasScope } = require('./accounts');
const { rangeFetchCredits } = require('./limits');
const { windowSize } = require('./table');
const { FIELD_MODULES } = require('./fields');
const views = require('./views');

const { int, string, list, bool, id, timeRange, sort } = kinds;
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
	webhooks: (op) => anyOf(`Desk.events.${op}`, `Desk.settings.${op}`, `Desk.webhooks.${op}`),
};

const lower = (values) => new Set(values.map((v) => v.toLowerCase()));
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Zoho's text criteria: `*` is a wildcard; without one the value must contain the text (case-insensitive). */
function textMatcher(pattern) {
	const wanted = pattern.toLowerCase();
	if (!wanted.includes('*')) return (value) => value !== null && value !== undefined && String(value).toLowerCase().includes(wanted);
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
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length > 25) throw invalid(name);
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
	params.fields ? (record) => views.selectFields(toDetail(record, ctx), params.fields) : (record) => toList(record, ctx, includeSet(params));

function getOr404(table, recordId, { allowTrashed }) {
	const record = table.get(recordId);
	if (!record || (record.trashed && !allowTrashed)) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
	return record;
}

// ---------------------------------------------------------------- tickets

const TICKET_LIST = {
	include: list({ enum: ['contacts', 'products', 'departments', 'team', 'assignee'] }),
	departmentIds: list({ maxItems: 20, digits: true }), departmentId: id(), priority: list({ maxItems: 20 }),
	limit: int({ min: 1, max: 100 }), from: int({ min: 0 }), channel: list(), sortBy: sort(['dueDate', 'createdTime', 'recentThread']),
	assignee: list(), teamIds: list({ digits: true }), receivedInDays: string({ enum: ['15', '30', '90', '-1'] }), status: list(),
	viewId: id(), fields: list({ maxItems: 30 }), filters: filtersParam,
};

function listTickets({ org, ctx, params }) {
	const tests = [];
	if (params.departmentId) tests.push((t) => t.departmentId === params.departmentId);
	if (params.departmentIds) tests.push((t) => params.departmentIds.includes(t.departmentId));
	for (const key of ['status', 'priority', 'channel']) {
		if (params[key]) {
			const set = lower(params[key]);
			tests.push((t) => t[key] !== null && set.has(t[key].toLowerCase()));
		}
	}
	if (params.assignee) {
		const unassigned = params.assignee.some((a) => a.toLowerCase() === 'unassigned');
		tests.push((t) => (t.assigneeId === null ? unassigned : params.assignee.includes(t.assigneeId)));
	}
	if (params.teamIds) tests.push((t) => params.teamIds.includes(t.teamId));
	if (params.receivedInDays && params.receivedInDays !== '-1') {
		const since = ctx.now - Number(params.receivedInDays) * 24 * 3600 * 1000;
		tests.push((t) => t.customerResponseTime >= since);
	}
	if (params.filters) tests.push(filtersTest(params.filters));
	const { field, desc } = params.sortBy ?? { field: 'createdTime', desc: false };
	const { from, limit, include, fields, ...criteria } = params;
	const window = org.tables.tickets.query({ filter: every(tests), sortKey: field, desc, cacheKey: `list ${JSON.stringify(criteria)}` });
	return pageOf(org.tables.tickets, window, params, listView(params, views.ticketListItem, views.ticketDetail, ctx));
}

const SEARCH = {
	email: list({ maxItems: 30 }), phone: list({ maxItems: 30 }), ticketNumber: list(), accountName: string({ minLength: 3, maxLength: 500 }),
	subject: string({ minLength: 3, maxLength: 1000 }), departmentId: id(), productName: string({ minLength: 3, maxLength: 500 }),
	_all: string({ minLength: 3, maxLength: 100 }), limit: int({ min: 1, max: 100 }), from: int({ min: 0, max: 999 }),
	dueDateRange: timeRange(), id: list({ digits: true }), productId: list({ digits: true }), contactId: list({ digits: true }),
	createdTimeRange: timeRange(), priority: list(), assigneeId: list(), accountId: list({ digits: true }), modifiedTimeRange: timeRange(),
	status: list(), channel: string(), customerResponseTimeRange: timeRange(), description: string({ maxLength: 65535 }),
	sortBy: sort(['relevance', 'modifiedTime', 'createdTime', 'customerResponseTime']), tag: string({ minLength: 3, maxLength: 100 }),
	contactName: string({ maxLength: 200 }), category: string(),
	...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`customField${i + 1}`, string({ maxLength: 1000 })])),
};
const SEARCH_RANGES = { createdTimeRange: 'createdTime', modifiedTimeRange: 'modifiedTime', dueDateRange: 'dueDate', customerResponseTimeRange: 'customerResponseTime' };

function searchTickets({ org, ctx, params }) {
	const { lookups } = org;
	const tests = [];
	const inList = (key, values) => tests.push((t) => values.includes(t[key]));
	const matches = (value, read) => {
		const match = textMatcher(value);
		tests.push((t) => match(read(t)));
	};
	if (params.id) inList('id', params.id);
	if (params.ticketNumber) inList('ticketNumber', params.ticketNumber);
	if (params.productId) inList('productId', params.productId);
	if (params.contactId) inList('contactId', params.contactId);
	if (params.accountId) inList('accountId', params.accountId);
	if (params.assigneeId) {
		const unassigned = params.assigneeId.some((a) => a.toLowerCase() === 'unassigned');
		tests.push((t) => (t.assigneeId === null ? unassigned : params.assigneeId.includes(t.assigneeId)));
	}
	if (params.departmentId) tests.push((t) => t.departmentId === params.departmentId);
	for (const key of ['status', 'priority']) {
		if (params[key]) {
			const set = lower(params[key]);
			tests.push((t) => t[key] !== null && set.has(t[key].toLowerCase()));
		}
	}
	for (const key of ['channel', 'category']) if (params[key]) tests.push((t) => String(t[key]).toLowerCase() === params[key].toLowerCase());
	for (const key of ['subject', 'description']) if (params[key]) matches(params[key], (t) => t[key]);
	if (params.email) tests.push((t) => params.email.some((e) => textMatcher(e)(t.email)));
	if (params.phone) tests.push((t) => params.phone.some((p) => textMatcher(p)(t.phone)));
	if (params._all) {
		const match = textMatcher(params._all);
		tests.push((t) => [t.subject, t.description, t.email, t.ticketNumber].some(match));
	}
	if (params.contactName) matches(params.contactName, (t) => {
		const contact = lookups.contacts.get(t.contactId);
		return contact && `${contact.firstName ?? ''} ${contact.lastName}`.trim();
	});
	if (params.accountName) matches(params.accountName, (t) => lookups.accounts.get(t.accountId)?.accountName);
	if (params.productName) matches(params.productName, (t) => t.productId && org.tables.products.get(t.productId)?.productName);
	if (params.tag) tests.push(() => false); // seeded tickets carry no tags
	for (let i = 1; i <= 10; i++) {
		const criterion = params[`customField${i}`];
		if (!criterion) continue;
		const at = criterion.indexOf(':');
		if (at < 1 || !criterion.startsWith('cf_')) throw invalid(`customField${i}`);
		const match = textMatcher(criterion.slice(at + 1));
		const key = criterion.slice(0, at);
		tests.push((t) => match(t.cf?.[key]));
	}
	const ranges = {};
	for (const [param, key] of Object.entries(SEARCH_RANGES)) if (params[param]) ranges[key] = params[param];
	// No text relevance to rank by: "relevance" lists the most recently modified first.
	const sortBy = params.sortBy ?? { field: 'relevance', desc: false };
	const [sortKey, desc] = sortBy.field === 'relevance' ? ['modifiedTime', !sortBy.desc] : [sortBy.field, sortBy.desc];
	const { from, limit, ...criteria } = params;
	const window = org.tables.tickets.query({ ranges, filter: every(tests), sortKey, desc, cacheKey: `search ${JSON.stringify(criteria)}` });
	return pageOf(org.tables.tickets, window, params, (t) => views.ticketSearchItem(t, ctx), { count: windowSize(window) });
}

const TICKET_GET = { include: list({ enum: ['contacts', 'products', 'assignee', 'departments', 'contract', 'isRead', 'team', 'skills'] }) };

function getTicket({ org, ctx, params, recordId }) {
	return { status: 200, body: views.ticketDetail(getOr404(org.tables.tickets, recordId, { allowTrashed: true }), ctx, includeSet(params)) };
}

const QUEUE_COUNT = { viewId: id(), departmentId: (name, values) => {
	const value = string()(name, values);
	if (value !== 'allDepartment' && !/^[0-9]+$/.test(value)) throw invalid(name);
	return value;
}, agentId: id() };

function countTickets({ org, params }) {
	for (const name of ['viewId', 'departmentId']) if (params[name] === undefined) throw invalid(name);
	const tests = [];
	if (params.departmentId !== 'allDepartment') tests.push((t) => t.departmentId === params.departmentId);
	if (params.agentId) tests.push((t) => t.assigneeId === params.agentId);
	const window = org.tables.tickets.query({ filter: every(tests), sortKey: 'createdTime', cacheKey: `count ${JSON.stringify(params)}` });
	return { status: 200, body: { count: String(windowSize(window)) } };
}

// ---------------------------------------------------------------- departments, products, fields, contracts

const DEPARTMENT_LIST = {
	chatStatus: string({ enum: ['AVAILABLE', 'DISABLED', 'NOT_CREATED', '${UNAVAILABLE}'] }), searchStr: string({ maxLength: 100 }),
	isEnabled: bool(), limit: int({ min: 0, max: 200 }), from: int({ min: 0 }),
};

function departmentTests(params) {
	const tests = [];
	if (params.isEnabled !== undefined) tests.push((d) => d.isEnabled === params.isEnabled);
	if (params.chatStatus) tests.push((d) => d.chatStatus === params.chatStatus);
	if (params.searchStr) {
		const match = textMatcher(params.searchStr);
		tests.push((d) => match(d.name));
	}
	return every(tests);
}

function listDepartments({ org, ctx, params }) {
	const window = org.tables.departments.query({ filter: departmentTests(params) });
	return pageOf(org.tables.departments, window, params, (d) => views.departmentView(d, ctx));
}

function countDepartments({ org, params }) {
	return { status: 200, body: { count: windowSize(org.tables.departments.query({ filter: departmentTests(params) })) } };
}

const PRODUCT_LIST = {
	include: list({ enum: ['owner'] }), viewId: id(), departmentId: id(), limit: int({ min: 1, max: 100 }), from: int({ min: 0 }),
	sortBy: sort(['productName', 'productCode', 'unitPrice', 'createdTime', 'modifiedTime']), ownerId: id(), fields: list({ maxItems: 30 }),
};

function listProducts({ org, ctx, params }) {
	const tests = [];
	// departmentId 0 means every department the user can see.
	if (params.departmentId && params.departmentId !== '0') tests.push((p) => p.departmentIds.includes(params.departmentId));
	if (params.ownerId) tests.push((p) => p.ownerId === params.ownerId);
	const { field, desc } = params.sortBy ?? { field: 'id', desc: false };
	const window = org.tables.products.query({ filter: every(tests), sortKey: field, desc });
	return pageOf(org.tables.products, window, params, listView(params, views.productListItem, views.productDetail, ctx));
}

function getProduct({ org, ctx, params, recordId }) {
	return { status: 200, body: views.productDetail(getOr404(org.tables.products, recordId, { allowTrashed: true }), ctx, includeSet(params)) };
}

const FIELD_LIST = { module: string({ enum: FIELD_MODULES }), departmentId: id(), apiNames: list({ maxItems: 300 }) };

function listFields({ org, params }) {
	if (!params.module) throw invalid('module');
	const names = params.apiNames && new Set(params.apiNames);
	const window = org.tables.organizationFields.query({ filter: (f) => f.module === params.module && (!names || names.has(f.apiName)) });
	return { status: 200, body: { data: org.tables.organizationFields.page(window, 0, windowSize(window)).map(views.fieldView) } };
}

/** Custom-field slots by storage type (the spec's customFieldCountJson): how many a module may still add. */
const FIELD_STORAGE = [
	{ type: 'Varchar', maximumLimit: 100, types: ['Text', 'PickList', 'Email', 'Phone', 'Website', 'Multiselect'], of: ['Text', 'Picklist', 'Email', 'Phone', 'URL', 'Multiselect'] },
	{ type: 'Text', maximumLimit: 10, types: ['Textarea'], of: ['Textarea', 'LargeText'] },
	{ type: 'Integer', maximumLimit: 20, types: ['Number'], of: ['Number'] },
	{ type: 'Double', maximumLimit: 20, types: ['Percent', 'Decimal', 'Currency'], of: ['Percent', 'Decimal', 'Currency'] },
	{ type: 'Date', maximumLimit: 20, types: ['Date'], of: ['Date'] },
	{ type: 'DateTime', maximumLimit: 20, types: ['DateTime'], of: ['DateTime'] },
	{ type: 'Boolean', maximumLimit: 20, types: ['Checkbox'], of: ['Boolean'] },
];

function countCustomFields({ org, params }) {
	if (!params.module) throw invalid('module');
	const table = org.tables.organizationFields;
	const custom = table.liveEntries().map((e) => table.full(e)).filter((f) => f.module === params.module && f.isCustomField);
	const customFieldCounts = FIELD_STORAGE.map(({ type, maximumLimit, types, of }) => {
		const used = custom.filter((field) => of.includes(field.type)).length;
		return { type, maximumLimit: String(maximumLimit), available: String(maximumLimit - used), types };
	});
	const totalAvailableCount = String(customFieldCounts.reduce((sum, slot) => sum + Number(slot.available), 0));
	return { status: 200, body: { customFieldCounts, totalAvailableCount } };
}

const CONTRACT_SORT = { accountName: 'accountName', contractName: 'contractName', contractEndDate: 'endDate', contractStartDate: 'startDate', createdTime: 'createdTime', modifiedTime: 'modifiedTime' };
const CONTRACT_LIST = {
	viewId: id(), filters: filtersParam, filterId: id(), accountId: id(),
	include: list({ enum: ['accounts', 'products', 'slas', 'owner', 'departments'] }), ownerIds: list({ maxItems: 10, digits: true }),
	limit: int({ min: 1, max: 100 }), from: int({ min: 0 }), sortBy: sort(Object.keys(CONTRACT_SORT)),
	contractName: string({ maxLength: 80 }), departmentIds: list({ maxItems: 10, digits: true }),
	fields: (name, values) => list({ maxItems: 30 })(name, [string({ maxLength: 100 })(name, values)]),
};

function listContracts({ org, ctx, params }) {
	const tests = [];
	if (params.accountId) tests.push((c) => c.accountId === params.accountId);
	if (params.ownerIds) tests.push((c) => params.ownerIds.includes(c.ownerId));
	if (params.departmentIds) tests.push((c) => params.departmentIds.includes(c.departmentId));
	if (params.contractName) {
		const match = textMatcher(params.contractName);
		tests.push((c) => match(c.contractName));
	}
	if (params.filters) tests.push(filtersTest(params.filters));
	const { field, desc } = params.sortBy ?? { field: 'id', desc: false };
	const window = org.tables.contracts.query({ filter: every(tests), sortKey: CONTRACT_SORT[field] ?? 'id', desc });
	return pageOf(org.tables.contracts, window, params, listView(params, views.contractListItem, views.contractDetail, ctx));
}

const CONTRACT_COUNT = { viewId: id(), departmentId: QUEUE_COUNT.departmentId, ownerId: id(), filter: filtersParam, filterId: id() };

function countContracts({ org, params }) {
	for (const name of ['viewId', 'departmentId']) if (params[name] === undefined) throw invalid(name);
	const tests = [];
	if (params.departmentId !== 'allDepartment') tests.push((c) => c.departmentId === params.departmentId);
	if (params.ownerId) tests.push((c) => c.ownerId === params.ownerId);
	return { status: 200, body: { count: String(windowSize(org.tables.contracts.query({ filter: every(tests) }))) } };
}

// ---------------------------------------------------------------- routes

/**
 * path (under /api/v1; {id} is a numeric id) → definition. `weight`: credits, 'range' for list/search (by `from`).
 * `org: false`: no orgId needed. `trashedById`: get-by-id of a trashed record answers the record with its
 * trash flag (tickets, products: the schemas carry isTrashed/isDeleted) instead of 404.
 */
function buildRoutes({ orgs, webhooks, contextFor }) {
	const single = 1;
	const range = 'range';
	return [
		['GET', '/organizations', { scopes: SCOPES.organizations, org: false, params: {}, weight: single,
			handler: () => ({ status: 200, body: { data: orgs.map((org) => views.organizationView(org, contextFor(org))) } }) }],
		['GET', '/organizations/{id}', { scopes: SCOPES.organizations, org: false, params: { includeCustomDomain: bool() }, weight: single,
			handler: ({ recordId }) => {
				const org = orgs.find((o) => o.id === recordId);
				if (!org) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
				return { status: 200, body: views.organizationView(org, contextFor(org)) };
			} }],
		['GET', '/tickets', { scopes: SCOPES.tickets, params: TICKET_LIST, defaults: { from: 0, limit: 25 }, weight: range, handler: listTickets }],
		['GET', '/tickets/search', { scopes: SCOPES.search, params: SEARCH, defaults: { from: 0, limit: 10 }, weight: range, handler: searchTickets }],
		['GET', '/tickets/{id}', { scopes: SCOPES.tickets, params: TICKET_GET, weight: single, handler: getTicket }],
		['GET', '/ticketQueueView/count', { scopes: SCOPES.tickets, params: QUEUE_COUNT, weight: single, handler: countTickets }],
		['GET', '/departments', { scopes: SCOPES.departments, params: DEPARTMENT_LIST, defaults: { from: 0, limit: 10 }, weight: range, handler: listDepartments }],
		['GET', '/departments/count', { scopes: SCOPES.departments, params: { isEnabled: bool() }, weight: single, handler: countDepartments }],
		['GET', '/departments/{id}', { scopes: SCOPES.departments, params: {}, weight: single,
			handler: ({ org, ctx, recordId }) => ({ status: 200, body: views.departmentView(getOr404(org.tables.departments, recordId, { allowTrashed: false }), ctx, { detail: true }) }) }],
		['GET', '/products', { scopes: SCOPES.products, params: PRODUCT_LIST, defaults: { from: 0, limit: 10 }, weight: range, handler: listProducts }],
		['GET', '/products/{id}', { scopes: SCOPES.products, params: { include: list({ enum: ['departments', 'owner'] }) }, weight: single, handler: getProduct }],
		['GET', '/organizationFields', { scopes: SCOPES.fieldList, params: FIELD_LIST, weight: single, handler: listFields }],
		['GET', '/organizationFields/{id}', { scopes: SCOPES.fieldGet, params: {}, weight: single,
			handler: ({ org, recordId }) => ({ status: 200, body: views.fieldView(getOr404(org.tables.organizationFields, recordId, { allowTrashed: false })) }) }],
		['GET', '/customFieldCount', { scopes: SCOPES.fieldList, params: { module: FIELD_LIST.module, departmentId: id() }, weight: single, handler: countCustomFields }],
		['GET', '/contracts', { scopes: SCOPES.contracts, params: CONTRACT_LIST, defaults: { from: 0, limit: 10 }, weight: range, handler: listContracts }],
		['GET', '/contracts/count', { scopes: SCOPES.contracts, params: CONTRACT_COUNT, weight: single, handler: countContracts }],
		['GET', '/contracts/{id}', { scopes: SCOPES.contracts, params: {}, weight: single,
			handler: ({ org, ctx, recordId }) => ({ status: 200, body: views.contractDetail(getOr404(org.tables.contracts, recordId, { allowTrashed: false }), ctx) }) }],
		['GET', '/webhooks', { scopes: SCOPES.webhooks('READ'), params: {}, weight: single,
			handler: ({ org }) => {
				const data = webhooks.list(org);
				return data.length ? { status: 200, body: { data } } : { status: 204 };
			} }],
		['POST', '/webhooks', { scopes: SCOPES.webhooks('CREATE'), params: {}, weight: single, body: true,
			handler: async ({ org, grant, body }) => ({ status: 200, body: await webhooks.create(org, grant, body) }) }],
		['GET', '/webhooks/{id}', { scopes: SCOPES.webhooks('READ'), params: {}, weight: single,
			handler: ({ org, recordId }) => ({ status: 200, body: webhooks.get(org, recordId) }) }],
		['PATCH', '/webhooks/{id}', { scopes: SCOPES.webhooks('UPDATE'), params: {}, weight: single, body: true,
			handler: async ({ org, recordId, body }) => ({ status: 200, body: await webhooks.update(org, recordId, body) }) }],
		['DELETE', '/webhooks/{id}', { scopes: SCOPES.webhooks('DELETE'), params: {}, weight: single,
			handler: ({ org, recordId }) => (webhooks.remove(org, recordId), { status: 200 }) }],
	].map(([method, path, definition]) => ({
		method, name: `${method} /api/v1${path}`, ...definition,
		pattern: new RegExp(`^/api/v1${path.replace('{id}', '([0-9]+)')}$`),
	}));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function createDesk({ orgs, accounts, limits, webhooks, contextFor }) {
	const routes = buildRoutes({ orgs, webhooks, contextFor });

	function match(method, path) {
		const candidates = routes.filter((route) => route.pattern.test(path));
		const route = candidates.find((r) => r.method === method);
		if (route) return { route, recordId: route.pattern.exec(path)[1] };
		if (candidates.length) throw deskError(405, 'METHOD_NOT_ALLOWED', 'The requested method is not allowed for this URL.');
		throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
	}

	/** The portal of the call: the orgId header (or query parameter) must be the one the token was issued for. */
	function orgOf(req, url, grant) {
		const orgId = headerValue(req, 'orgId') ?? url.searchParams.get('orgId');
		if (orgId === undefined || orgId === null || orgId === '') {
			throw deskError(422, 'UNPROCESSABLE_ENTITY', "The 'orgId' header is missing. It is mandatory for this API.");
		}
		if (!/^[0-9]+$/.test(orgId)) throw deskError(422, 'UNPROCESSABLE_ENTITY', "The value passed for the 'orgId' header is invalid.");
		if (orgId !== grant.orgId) throw deskError(403, 'OAUTH_ORG_MISMATCH', 'The OAuth token is not valid for the organization specified in orgId.');
		return orgs.find((org) => org.id === orgId);
	}

	async function serve(req, url, route, recordId) {
		const grant = accounts.authenticate(headerValue(req, 'authorization'));
		const org = route.org === false ? orgs.find((o) => o.id === grant.orgId) : orgOf(req, url, grant);
		if (!route.scopes.some((set) => set.every((scope) => hasScope(grant.scopes, scope)))) {
			throw deskError(403, 'SCOPE_MISMATCH', 'The OAuth Token does not contain the scope to perform this operation.');
		}
		const params = parseQuery(queryOf(url), route.params, route.defaults);
		const body = route.body ? await readJson(req) : undefined;
		const creditHeaders = limits.charge(route.weight === 'range' ? rangeFetchCredits(params.from) : route.weight);
		const result = await route.handler({ org, ctx: contextFor(org), params, recordId, body, grant });
		return { ...result, headers: creditHeaders };
	}

	/** Serves one /api/v1 request; returns the route name and status for the counters. */
	async function handle(req, res, url) {
		let routeName = `${req.method} ${url.pathname}`;
		let status;
		let admitted = false;
		try {
			const { route, recordId } = match(req.method, url.pathname);
			routeName = route.name;
			limits.admit();
			admitted = true;
			const fault = limits.takeFault(req.method, url.pathname);
			const delay = limits.latencyMs + (fault?.kind === 'latency' ? fault.latencyMs : 0);
			if (delay > 0) await sleep(delay);
			if (fault?.kind === 'drop') {
				status = 'dropped';
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'error') throw limits.faultError(fault);
			const result = await serve(req, url, route, recordId);
			status = result.status;
			send(res, result.status, result.status === 204 ? undefined : result.body, result.headers);
		} catch (error) {
			status = error.status ?? 500;
			throw error;
		} finally {
			if (admitted) limits.release();
			limits.record(routeName, status);
		}
	}

	return { handle };
}

module.exports = { createDesk };
