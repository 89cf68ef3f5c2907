'use strict';
/**
 * Ticket writes (Ticket.json): create, update, move to trash, move to another department, close. Bodies are
 * checked as Zoho checks them, against the spec's request schemas and the portal's field metadata (required
 * fields, unknown keys, picklist values, lengths, custom fields), and a refusal is Zoho's 422 with `errors[]`
 * naming the field. Each change goes through the simulator's records (records.js), so it bumps modifiedTime,
 * reaches lists and search, and emits Ticket_Add / Ticket_Update / Ticket_Delete; a `sourceId` header tags the
 * change for webhooks' `ignoreSourceId`.
 *
 * Also the lists the node's pickers read: agents (Agent.json), a department's teams (Team.json) and layouts with
 * their fields (Layout.json).
 */
const { deskError } = require('./http');
const { kinds } = require('./params');
const { route, getOr404 } = require('./deskHelpers');
const { EMAIL, fieldError, invalidData, moduleFields, checkFields, missing, lookupErrors, liveIdsOf, customDefaults } = require('./recordWrites');

const { int, string, id } = kinds;

const SCOPES = {
	create: [['Desk.tickets.CREATE'], ['Desk.tickets.ALL']],
	update: [['Desk.tickets.UPDATE'], ['Desk.tickets.ALL']],
	delete: [['Desk.tickets.DELETE'], ['Desk.tickets.ALL']],
	basic: [['Desk.basic.READ'], ['Desk.settings.READ']],
	teams: [['Desk.basic.READ'], ['Desk.departments.READ'], ['Desk.settings.READ'], ['Desk.teams.READ']],
	layouts: [['Desk.basic.READ'], ['Desk.layouts.READ']],
};

/** Ticket body keys the spec's create/update schemas accept besides the field metadata's fields. */
const BODY_KEYS = {
	create: ['contactId', 'contact', 'departmentId', 'accountId', 'productId', 'assigneeId', 'teamId', 'layoutId',
		'cf', 'customFields', 'language', 'subCategory', 'resolution', 'secondaryContacts', 'sharedDepartments'],
	update: ['contactId', 'departmentId', 'accountId', 'productId', 'assigneeId', 'teamId', 'layoutId', 'cf',
		'customFields', 'language', 'subCategory', 'resolution', 'secondaryContacts', 'sharedDepartments'],
};

/**
 * A create or update body checked against the spec's schema and the field metadata: what the stored ticket
 * gets, or a 422 naming every field at fault.
 */
function ticketChanges(org, body, mode) {
	const { changes, errors } = checkFields(org, 'tickets', body, BODY_KEYS[mode]);
	if (mode === 'create') {
		errors.push(...missing(body, ['subject', 'departmentId']));
		if (!body.contactId && !body.contact) errors.push(fieldError('/contactId', 'missing', 'contactId or contact is mandatory'));
	}
	errors.push(...lookupErrors(org, 'tickets', changes));
	if (changes.contact !== undefined) {
		const contact = changes.contact;
		if (!contact || typeof contact !== 'object') errors.push(fieldError('/contact', 'invalid', 'not an object'));
		else {
			if (!contact.lastName) errors.push(fieldError('/contact/lastName', 'missing', 'lastName is mandatory'));
			if (!contact.email || !EMAIL.test(contact.email))
				errors.push(fieldError('/contact/email', contact.email ? 'invalid' : 'missing', 'a valid email is mandatory'));
		}
	}
	if (errors.length) throw invalidData(errors);
	delete changes.customFields;
	return changes;
}

/**
 * Zoho matches a ticket's `contact` to an existing contact by email, or adds one (with Contact_Add, as any new
 * contact); the ticket takes its id, account and email.
 */
function withContact(org, changes, records, options) {
	if (!changes.contact) return changes;
	const { contact: given, ...rest } = changes;
	const table = org.tables.contacts;
	const email = given.email.toLowerCase();
	const known = table.liveEntries().map((entry) => table.full(entry)).find((c) => c.email?.toLowerCase() === email);
	const contact =
		known ??
		records.createRecord('contacts', { email: given.email, lastName: given.lastName, firstName: given.firstName ?? null, accountId: null }, options);
	return { ...rest, contactId: contact.id, accountId: rest.accountId ?? contact.accountId ?? null, email: rest.email ?? contact.email };
}

const changeOptions = ({ org, sourceId }) => ({ orgId: org.id, sourceId });

function createTicket({ org, body, sourceId, services: { records } }) {
	const changes = withContact(org, ticketChanges(org, body, 'create'), records, changeOptions({ org, sourceId }));
		const ticket = records.createRecord('tickets', { ...changes, cf: { ...customDefaults(org, 'tickets'), ...changes.cf } }, changeOptions({ org, sourceId }));
	return { status: 200, body: ticket };
}

function updateTicket({ org, recordId, body, sourceId, services: { records } }) {
	getOr404(org.tables.tickets, recordId, { allowTrashed: false });
	const changes = ticketChanges(org, body, 'update');
	return { status: 200, body: records.updateRecord('tickets', recordId, changes, changeOptions({ org, sourceId })) };
}

function moveToTrash({ org, body, sourceId, services: { records } }) {
	for (const ticketId of liveIdsOf(org, 'tickets', body, 'ticketIds', 50))
		records.deleteRecord('tickets', ticketId, changeOptions({ org, sourceId }));
	return { status: 204 };
}

function moveTicket({ org, recordId, params, body, sourceId, services: { records } }) {
	getOr404(org.tables.tickets, recordId, { allowTrashed: false });
	const departmentId = params.departmentId ?? body?.departmentId;
	const changes = ticketChanges(org, { departmentId }, 'update');
	records.updateRecord('tickets', recordId, changes, changeOptions({ org, sourceId }));
	return { status: 200 };
}

function closeTickets({ org, body, sourceId, services: { records } }) {
	for (const ticketId of liveIdsOf(org, 'tickets', body, 'ids', 50))
		records.updateRecord('tickets', ticketId, { status: 'Closed' }, changeOptions({ org, sourceId }));
	return { status: 200 };
}

const agentItem = (agent) => ({
	id: agent.id,
	firstName: agent.firstName,
	lastName: agent.lastName,
	name: agent.name,
	emailId: agent.email,
	status: 'ACTIVE',
	photoURL: agent.photoURL,
});

function listAgents({ org, params }) {
	const agents = [...org.lookups.agents.values()].slice(params.from, params.from + params.limit);
	return agents.length ? { status: 200, body: { data: agents.map(agentItem) } } : { status: 204 };
}

function departmentTeams({ org, recordId }) {
	getOr404(org.tables.departments, recordId, { allowTrashed: false });
	const teams = [...org.lookups.teams.values()].map((team) => ({ ...team, departmentId: recordId }));
	return { status: 200, body: { teams } };
}

/** The portal's one ticket layout, with the ticket fields of organizationFields in one section. */
function layoutView(org, withFields) {
	const layout = org.layouts.tickets;
	const view = { id: layout.id, layoutName: layout.layoutName, layoutDisplayName: layout.layoutName, module: 'tickets', isDefaultLayout: true, status: 'active' };
	if (!withFields) return view;
	const fields = [...moduleFields(org, 'tickets').values()].map((field) => ({
		id: field.id,
		apiName: field.apiName,
		displayLabel: field.displayLabel,
		type: field.type,
		isCustomField: field.isCustomField,
		isMandatory: field.isMandatory,
		maxLength: field.maxLength,
		...(field.allowedValues ? { allowedValues: field.allowedValues.map((v) => v.value) } : {}),
	}));
	return { ...view, sections: [{ id: 1, name: 'Ticket Information', isCustomSection: false, fields }] };
}

function listLayouts({ org, params }) {
	if (params.module !== 'tickets') return { status: 204 };
	return { status: 200, body: { data: [layoutView(org, false)] } };
}

function getLayout({ org, recordId }) {
	if (recordId !== org.layouts.tickets.id) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
	return { status: 200, body: layoutView(org, true) };
}

module.exports = [
	route('POST', '/tickets', SCOPES.create, createTicket, { body: true }),
	route('PATCH', '/tickets/{id}', SCOPES.update, updateTicket, { body: true, params: { disableClosureNotification: kinds.bool() } }),
	route('POST', '/tickets/moveToTrash', SCOPES.delete, moveToTrash, { body: true }),
	route('POST', '/tickets/{id}/move', SCOPES.update, moveTicket, { body: true, params: { departmentId: id() } }),
	route('POST', '/closeTickets', SCOPES.update, closeTickets, { body: true }),
	route('GET', '/agents', SCOPES.basic, listAgents, {
		params: { from: int({ min: 0 }), limit: int({ min: 1, max: 200 }), status: string(), searchStr: string() },
		defaults: { from: 0, limit: 10 },
	}),
	route('GET', '/departments/{id}/teams', SCOPES.teams, departmentTeams, { params: { from: int({ min: 0 }), limit: int({ min: 0, max: 200 }), searchStr: string() } }),
	route('GET', '/layouts', SCOPES.layouts, listLayouts, {
		params: { module: string(), departmentId: id(), status: string({ enum: ['active', 'inactive', 'all'] }), from: int({ min: 0 }), limit: int({ min: 1, max: 99 }) },
	}),
	route('GET', '/layouts/{id}', SCOPES.layouts, getLayout),
];
