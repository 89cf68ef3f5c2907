'use strict';
/**
 * Contacts and accounts (Contact.json, Account.json; their search as Zoho's API docs describe it, which the spec
 * copy lacks): lists, get by id, search, a contact's tickets, an account's contacts and tickets.
 * Account lists count `from` from 1, as Account.json says (default and minimum 1).
 */
const { kinds } = require('./params');
const { windowSize } = require('./table');
const views = require('./views');
const { SCOPES, route, textMatcher, every, pageOf, includeSet, getOr404 } = require('./deskHelpers');

const { int, string, list, bool, id, sort } = kinds;

/** A page of a list whose `from` counts from 1. */
const pageFromOne = (table, window, params, toView) => pageOf(table, window, { ...params, from: params.from - 1 }, toView);

const sortedBy = (params, fallback) => params.sortBy ?? { field: fallback, desc: false };

/** Search criteria: each must match (text matching as in ticket search: `*` is a wildcard, else contains). */
function criteriaTest(params, fields) {
	const tests = Object.entries(fields)
		.filter(([param]) => params[param] !== undefined)
		.map(([param, read]) => {
			const match = textMatcher(params[param]);
			return (record) => match(read(record));
		});
	if (params._all) {
		const match = textMatcher(params._all);
		const all = Object.values(fields);
		tests.push((record) => all.some((read) => match(read(record))));
	}
	return every(tests);
}

/** Search sees a record once the index has caught up with it: `searchLagMs` after its creation. */
const indexed = (ctx, test) => {
	const inIndex = (record) => record.createdTime <= ctx.now - ctx.searchLagMs;
	return test ? (record) => inIndex(record) && test(record) : inIndex;
};

function searchPage(table, window, params, toView) {
	const page = pageOf(table, window, params, toView);
	return page.status === 204 ? page : { ...page, body: { ...page.body, count: windowSize(window) } };
}

// Contacts

const CONTACT_SORT = ['firstName', 'lastName', 'phone', 'email', 'account', 'createdTime', 'modifiedTime'];
const CONTACT_LIST = {
	include: list({ enum: ['accounts'] }),
	viewId: id(),
	limit: int({ min: 1, max: 99 }),
	from: int({ min: 0 }),
	sortBy: sort(CONTACT_SORT),
};

function contactSortKey(field) {
	return field === 'account' ? 'accountId' : field;
}

function listContacts({ org, ctx, params }) {
	const { field, desc } = sortedBy(params, 'id');
	const window = org.tables.contacts.query({ sortKey: contactSortKey(field), desc });
	const include = includeSet(params);
	return pageOf(org.tables.contacts, window, params, (contact) => views.contactListItem(contact, ctx, include));
}

const getContact = ({ org, ctx, params, recordId }) => ({
	status: 200,
	body: views.contactDetail(getOr404(org.tables.contacts, recordId, { allowTrashed: false }), ctx, includeSet(params)),
});

const CONTACT_SEARCH_FIELDS = (org) => ({
	email: (c) => c.email,
	phone: (c) => c.phone,
	mobile: (c) => c.mobile,
	firstName: (c) => c.firstName,
	lastName: (c) => c.lastName,
	fullName: (c) => [c.firstName, c.lastName].filter(Boolean).join(' '),
	accountName: (c) => org.tables.accounts.get(c.accountId)?.accountName,
});
const SEARCH_PAGING = { from: int({ min: 0, max: 999 }), limit: int({ min: 1, max: 100 }), _all: string({ maxLength: 100 }) };
const CONTACT_SEARCH = {
	...SEARCH_PAGING,
	...Object.fromEntries(Object.keys(CONTACT_SEARCH_FIELDS()).map((name) => [name, string({ maxLength: 100 })])),
};

function searchContacts({ org, ctx, params }) {
	const window = org.tables.contacts.query({ filter: indexed(ctx, criteriaTest(params, CONTACT_SEARCH_FIELDS(org))) });
	return searchPage(org.tables.contacts, window, params, (contact) => views.contactListItem(contact, ctx));
}

const CONTACT_TICKETS = {
	include: list({ enum: ['products', 'departments', 'team', 'assignee', 'isRead'] }),
	departmentId: id(),
	limit: int({ min: 1, max: 100 }),
	from: int({ min: 0 }),
	sortBy: sort(['createdTime', 'modifiedTime']),
	isSpam: bool(),
};

function ticketsOf(org, ctx, params, test) {
	const tests = [test];
	if (params.departmentId) tests.push((t) => t.departmentId === params.departmentId);
	const { field, desc } = sortedBy(params, 'createdTime');
	const window = org.tables.tickets.query({ filter: every(tests), sortKey: field, desc });
	return { window, toView: (ticket) => views.ticketListItem(ticket, ctx, includeSet(params)) };
}

function contactTickets({ org, ctx, params, recordId }) {
	getOr404(org.tables.contacts, recordId, { allowTrashed: false });
	const { window, toView } = ticketsOf(org, ctx, params, (t) => t.contactId === recordId);
	return pageOf(org.tables.tickets, window, params, toView);
}

// Accounts

const ACCOUNT_LIST = {
	limit: int({ min: 1, max: 99 }),
	from: int({ min: 1 }),
	sortBy: sort(['website', 'email', 'phone', 'accountName', 'createdTime', 'modifiedTime']),
};

function listAccounts({ org, ctx, params }) {
	const { field, desc } = sortedBy(params, 'id');
	const window = org.tables.accounts.query({ sortKey: field, desc });
	return pageFromOne(org.tables.accounts, window, params, (account) => views.accountListItem(account, ctx));
}

const getAccount = ({ org, ctx, params, recordId }) => ({
	status: 200,
	body: views.accountDetail(getOr404(org.tables.accounts, recordId, { allowTrashed: false }), ctx, includeSet(params)),
});

const ACCOUNT_SEARCH_FIELDS = {
	accountName: (a) => a.accountName,
	email: (a) => a.email,
	phone: (a) => a.phone,
	website: (a) => a.website,
};
const ACCOUNT_SEARCH = {
	...SEARCH_PAGING,
	...Object.fromEntries(Object.keys(ACCOUNT_SEARCH_FIELDS).map((name) => [name, string({ maxLength: 100 })])),
};

function searchAccounts({ org, ctx, params }) {
	const window = org.tables.accounts.query({ filter: indexed(ctx, criteriaTest(params, ACCOUNT_SEARCH_FIELDS)) });
	return searchPage(org.tables.accounts, window, params, (account) => views.accountListItem(account, ctx));
}

const ACCOUNT_CONTACTS = {
	limit: int({ min: 1, max: 99 }),
	from: int({ min: 0 }),
	sortBy: sort(['firstName', 'lastName', 'fullName', 'phone', 'email', 'createdTime', 'modifiedTime']),
	isSpam: bool(),
};

function accountContacts({ org, ctx, params, recordId }) {
	getOr404(org.tables.accounts, recordId, { allowTrashed: false });
	const { field, desc } = sortedBy(params, 'id');
	const tests = [(c) => c.accountId === recordId];
	if (params.isSpam !== undefined) tests.push((c) => c.isSpam === params.isSpam);
	const window = org.tables.contacts.query({ filter: every(tests), sortKey: field === 'fullName' ? 'firstName' : field, desc });
	return pageOf(org.tables.contacts, window, params, (contact) => views.contactListItem(contact, ctx));
}

const ACCOUNT_TICKETS = {
	...CONTACT_TICKETS,
	include: list({ enum: ['contacts', 'products', 'departments', 'team', 'assignee', 'isRead'] }),
	dueDate: list({ enum: ['overdue', 'tomorrow', 'currentWeek', 'currentMonth', 'today'] }),
	limit: int({ min: 1, max: 99 }),
	from: int({ min: 1 }),
};

function accountTickets({ org, ctx, params, recordId }) {
	getOr404(org.tables.accounts, recordId, { allowTrashed: false });
	const { window, toView } = ticketsOf(org, ctx, params, (t) => t.accountId === recordId);
	return pageFromOne(org.tables.tickets, window, params, toView);
}

const page = (params, limit, from = 0) => ({ params, defaults: { from, limit }, weight: 'range' });

module.exports = [
	route('GET', '/contacts', SCOPES.contacts, listContacts, page(CONTACT_LIST, 10)),
	route('GET', '/contacts/search', SCOPES.contactSearch, searchContacts, page(CONTACT_SEARCH, 10)),
	route('GET', '/contacts/{id}', SCOPES.contacts, getContact, { params: { include: list({ enum: ['accounts', 'owner'] }) } }),
	route('GET', '/contacts/{id}/tickets', SCOPES.contactTickets, contactTickets, page(CONTACT_TICKETS, 25)),
	route('GET', '/accounts', SCOPES.contacts, listAccounts, page(ACCOUNT_LIST, 10, 1)),
	route('GET', '/accounts/search', SCOPES.contactSearch, searchAccounts, page(ACCOUNT_SEARCH, 10)),
	route('GET', '/accounts/{id}', SCOPES.contacts, getAccount, { params: { include: list({ enum: ['owner'] }) } }),
	route('GET', '/accounts/{id}/contacts', SCOPES.contacts, accountContacts, page(ACCOUNT_CONTACTS, 10)),
	route('GET', '/accounts/{id}/tickets', SCOPES.accountTickets, accountTickets, page(ACCOUNT_TICKETS, 10, 1)),
];
