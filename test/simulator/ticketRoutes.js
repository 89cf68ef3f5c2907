'use strict';
/** Tickets: list, search (time ranges, criteria, count), get by id, queue-view count. */
const { kinds, invalid } = require('./params');
const { windowSize } = require('./table');
const views = require('./views');
const deskHelpers = require('./deskHelpers');

const { SCOPES, route, lower, textMatcher, filtersParam, filtersTest, every, pageOf, includeSet, listView } =
	deskHelpers;
const { getOr404, departmentOrAll } = deskHelpers;

const { int, string, list, id, timeRange, sort } = kinds;

const TICKET_LIST = {
	include: list({ enum: ['contacts', 'products', 'departments', 'team', 'assignee'] }),
	departmentIds: list({ maxItems: 20, digits: true }),
	departmentId: id(),
	priority: list({ maxItems: 20 }),
	limit: int({ min: 1, max: 100 }),
	from: int({ min: 0 }),
	channel: list(),
	sortBy: sort(['dueDate', 'createdTime', 'recentThread']),
	assignee: list(),
	teamIds: list({ digits: true }),
	receivedInDays: string({ enum: ['15', '30', '90', '-1'] }),
	status: list(),
	viewId: id(),
	fields: list({ maxItems: 30 }),
	filters: filtersParam,
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
	const window = org.tables.tickets.query({
		filter: every(tests),
		sortKey: field,
		desc,
		cacheKey: `list ${JSON.stringify(criteria)}`,
	});
	return pageOf(org.tables.tickets, window, params, listView(params, views.ticketListItem, views.ticketDetail, ctx));
}

const SEARCH = {
	email: list({ maxItems: 30 }),
	phone: list({ maxItems: 30 }),
	ticketNumber: list(),
	accountName: string({ minLength: 3, maxLength: 500 }),
	subject: string({ minLength: 3, maxLength: 1000 }),
	departmentId: id(),
	productName: string({ minLength: 3, maxLength: 500 }),
	_all: string({ minLength: 3, maxLength: 100 }),
	limit: int({ min: 1, max: 100 }),
	from: int({ min: 0, max: 999 }),
	dueDateRange: timeRange(),
	id: list({ digits: true }),
	productId: list({ digits: true }),
	contactId: list({ digits: true }),
	createdTimeRange: timeRange(),
	priority: list(),
	assigneeId: list(),
	accountId: list({ digits: true }),
	modifiedTimeRange: timeRange(),
	status: list(),
	channel: string(),
	customerResponseTimeRange: timeRange(),
	description: string({ maxLength: 65535 }),
	sortBy: sort(['relevance', 'modifiedTime', 'createdTime', 'customerResponseTime']),
	tag: string({ minLength: 3, maxLength: 100 }),
	contactName: string({ maxLength: 200 }),
	category: string(),
	...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`customField${i + 1}`, string({ maxLength: 1000 })])),
};
const SEARCH_RANGES = {
	createdTimeRange: 'createdTime',
	modifiedTimeRange: 'modifiedTime',
	dueDateRange: 'dueDate',
	customerResponseTimeRange: 'customerResponseTime',
};

function searchTickets({ org, ctx, params }) {
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
	for (const key of ['channel', 'category'])
		if (params[key]) tests.push((t) => String(t[key]).toLowerCase() === params[key].toLowerCase());
	for (const key of ['subject', 'description']) if (params[key]) matches(params[key], (t) => t[key]);
	if (params.email) tests.push((t) => params.email.some((e) => textMatcher(e)(t.email)));
	if (params.phone) tests.push((t) => params.phone.some((p) => textMatcher(p)(t.phone)));
	if (params._all) {
		const match = textMatcher(params._all);
		tests.push((t) => [t.subject, t.description, t.email, t.ticketNumber].some(match));
	}
	if (params.contactName)
		matches(params.contactName, (t) => {
			const contact = org.tables.contacts.get(t.contactId);
			return contact && `${contact.firstName ?? ''} ${contact.lastName}`.trim();
		});
	if (params.accountName) matches(params.accountName, (t) => org.tables.accounts.get(t.accountId)?.accountName);
	if (params.productName)
		matches(params.productName, (t) => t.productId && org.tables.products.get(t.productId)?.productName);
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
	const window = org.tables.tickets.query({
		ranges,
		filter: every(tests),
		sortKey,
		desc,
		cacheKey: `search ${JSON.stringify(criteria)}`,
	});
	return pageOf(org.tables.tickets, window, params, (t) => views.ticketSearchItem(t, ctx), {
		count: windowSize(window),
	});
}

const TICKET_GET = {
	include: list({ enum: ['contacts', 'products', 'assignee', 'departments', 'contract', 'isRead', 'team', 'skills'] }),
};

function getTicket({ org, ctx, params, recordId }) {
	return {
		status: 200,
		body: views.ticketDetail(getOr404(org.tables.tickets, recordId, { allowTrashed: true }), ctx, includeSet(params)),
	};
}

const QUEUE_COUNT = { viewId: id(), departmentId: departmentOrAll, agentId: id() };

function countTickets({ org, params }) {
	for (const name of ['viewId', 'departmentId']) if (params[name] === undefined) throw invalid(name);
	const tests = [];
	if (params.departmentId !== 'allDepartment') tests.push((t) => t.departmentId === params.departmentId);
	if (params.agentId) tests.push((t) => t.assigneeId === params.agentId);
	const window = org.tables.tickets.query({
		filter: every(tests),
		sortKey: 'createdTime',
		cacheKey: `count ${JSON.stringify(params)}`,
	});
	return { status: 200, body: { count: String(windowSize(window)) } };
}

module.exports = [
	route('GET', '/tickets', SCOPES.tickets, listTickets, {
		params: TICKET_LIST,
		defaults: { from: 0, limit: 25 },
		weight: 'range',
	}),
	route('GET', '/tickets/search', SCOPES.search, searchTickets, {
		params: SEARCH,
		defaults: { from: 0, limit: 10 },
		weight: 'range',
	}),
	route('GET', '/tickets/{id}', SCOPES.tickets, getTicket, { params: TICKET_GET }),
	route('GET', '/ticketQueueView/count', SCOPES.tickets, countTickets, { params: QUEUE_COUNT }),
];
