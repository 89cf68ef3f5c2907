'use strict';
/**
 * Contact and account writes (Contact.json, Account.json): create, update (PATCH) and move to the trash. Bodies are
 * checked against the portal's field metadata (recordWrites.js) and the spec's required field (a contact needs
 * `lastName`, an account `accountName`); a refusal is Zoho's 422 naming the field. Changes go through records.js,
 * so they reach lists and search and emit Contact_Add / Contact_Update / Contact_Delete and Account_Add / … ; a
 * `sourceId` header tags them for webhooks' `ignoreSourceId`. The spec states no uniqueness, so a second contact
 * with the same email is accepted, as the conservative reading: only the node's Create or Update keeps one per email.
 */
const { route, getOr404 } = require('./deskHelpers');
const { checkFields, customDefaults, invalidData, liveIdsOf, lookupErrors, missing } = require('./recordWrites');

// Contact.json and Account.json: accounts are written with the contacts scopes too.
const SCOPES = {
	create: [['Desk.contacts.CREATE'], ['Desk.contacts.ALL']],
	update: [['Desk.contacts.UPDATE'], ['Desk.contacts.ALL']],
	delete: [['Desk.contacts.DELETE'], ['Desk.contacts.ALL']],
};

/** Per table: the spec's required create field, body keys its schemas accept beyond the field metadata, the trash body's key. */
const WRITES = {
	contacts: {
		required: ['lastName'],
		extraKeys: ['cf', 'customFields', 'zip', 'state', 'twitter', 'facebook', 'type'],
		idsKey: 'contactIds',
	},
	accounts: {
		required: ['accountName'],
		extraKeys: ['cf', 'customFields', 'code', 'state', 'street', 'fax', 'annualrevenue'],
		idsKey: 'accountIds',
	},
};

function checkedChanges(org, table, body, mode) {
	const { changes, errors } = checkFields(org, table, body, WRITES[table].extraKeys);
	if (mode === 'create') errors.push(...missing(body, WRITES[table].required));
	errors.push(...lookupErrors(org, table, changes));
	if (errors.length) throw invalidData(errors);
	delete changes.customFields;
	return changes;
}

const changeOptions = ({ org, sourceId }) => ({ orgId: org.id, sourceId });

const create = (table) => (request) => {
	const { org, body, services } = request;
	const changes = checkedChanges(org, table, body, 'create');
	// A contact created without an account has none (the control API's defaults give it the first one).
	const fields = { ...(table === 'contacts' ? { accountId: null } : {}), ...changes, cf: { ...customDefaults(org, table), ...changes.cf } };
	return { status: 200, body: services.records.createRecord(table, fields, changeOptions(request)) };
};

const update = (table) => (request) => {
	const { org, recordId, body, services } = request;
	getOr404(org.tables[table], recordId, { allowTrashed: false });
	const changes = checkedChanges(org, table, body, 'update');
	return { status: 200, body: services.records.updateRecord(table, recordId, changes, changeOptions(request)) };
};

const moveToTrash = (table) => (request) => {
	const { org, body, services } = request;
	// The spec gives the list no maximum.
	for (const id of liveIdsOf(org, table, body, WRITES[table].idsKey, Number.MAX_SAFE_INTEGER))
		services.records.deleteRecord(table, id, changeOptions(request));
	return { status: 204 };
};

module.exports = ['contacts', 'accounts'].flatMap((table) => [
	route('POST', `/${table}`, SCOPES.create, create(table), { body: true }),
	route('PATCH', `/${table}/{id}`, SCOPES.update, update(table), { body: true }),
	route('POST', `/${table}/moveToTrash`, SCOPES.delete, moveToTrash(table), { body: true }),
]);
