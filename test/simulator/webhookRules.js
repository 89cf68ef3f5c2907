'use strict';
/** What a webhook body may contain (v1.0/Webhook.json and Zoho's webhook docs), checked as Zoho checks it: 422 INVALID_DATA. */
const { deskError } = require('./http');

/** Filter keys each event accepts (WebhookDocument / Webhook.json); null: the event takes no filter. */
const DEPT = ['departmentIds', 'departmentId'];
const PREV = ['includePrevState'];
const EVENT_FILTERS = {
	Ticket_Add: DEPT,
	Ticket_Update: [...DEPT, ...PREV, 'fields'],
	Ticket_Delete: null,
	Ticket_Thread_Add: [...DEPT, 'direction'],
	Ticket_Comment_Add: DEPT,
	Ticket_Comment_Update: DEPT,
	Ticket_Attachment_Add: [],
	Ticket_Attachment_Update: [],
	Ticket_Attachment_Delete: DEPT,
	Ticket_Attachment_Trashed: DEPT,
	Ticket_Attachment_Restored: DEPT,
	Ticket_Comment_Attachment_Add: null,
	Ticket_Comment_Attachment_Delete: null,
	Ticket_Approval_Add: null,
	Ticket_Approval_Update: PREV,
	Contact_Add: null,
	Contact_Update: PREV,
	Contact_Delete: null,
	Account_Add: null,
	Account_Update: PREV,
	Account_Delete: null,
	Agent_Add: null,
	Agent_Update: PREV,
	Agent_Delete: null,
	Agent_Presence_Update: null,
	Agent_Channel_Preference_Update: null,
	Department_Add: null,
	Department_Update: PREV,
	Task_Add: DEPT,
	Task_Update: [...DEPT, ...PREV],
	Task_Delete: null,
	Call_Add: DEPT,
	Call_Update: [...DEPT, ...PREV],
	Call_Delete: null,
	Event_Add: DEPT,
	Event_Update: [...DEPT, ...PREV],
	Event_Delete: null,
	TimeEntry_Add: null,
	TimeEntry_Update: PREV,
	TimeEntry_Delete: null,
	Article_Add: null,
	Article_Update: PREV,
	Article_Delete: null,
	Article_Translation_Add: null,
	Article_Translation_Update: PREV,
	Article_Translation_Delete: null,
	Article_Feedback_Add: null,
	KBRootCategory_Add: null,
	KBRootCategory_Update: PREV,
	KBRootCategory_Delete: null,
	KBSection_Add: null,
	KBSection_Update: PREV,
	KBSection_Delete: null,
	IM_Message_Add: DEPT,
	IM_Message_Status: DEPT,
	IM_Session_Status: DEPT,
};
const URL_PATTERN = /^(ht|f)tps?:\/\/[0-9a-zA-Z][-.\w]*(:[0-9]+)?(\/?)([a-zA-Z0-9\-.?,|:'/\\+=&%$#_[\]@!()*;~]*)?$/;
const UUID_OR_EMPTY = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$/;
const BODY_KEYS = ['subscriptions', 'includeEventsFrom', 'isEnabled', 'name', 'description', 'ignoreSourceId', 'url'];

const invalidData = (fieldName, errorMessage, errorType = 'invalid') =>
	deskError(422, 'INVALID_DATA', 'The data does not comply to the validation restrictions defined.', {
		errors: [{ fieldName, errorType, errorMessage }],
	});

function validateSubscriptions(subscriptions) {
	if (
		typeof subscriptions !== 'object' ||
		subscriptions === null ||
		Array.isArray(subscriptions) ||
		!Object.keys(subscriptions).length
	) {
		throw invalidData('/subscriptions', 'subscriptions must be an object with at least one event', 'missing');
	}
	for (const [event, filter] of Object.entries(subscriptions)) {
		const at = `/subscriptions/${event}`;
		if (!(event in EVENT_FILTERS)) throw invalidData(at, `Unknown event ${event}`);
		if (filter === null) continue;
		const allowed = EVENT_FILTERS[event];
		if (allowed === null || typeof filter !== 'object' || Array.isArray(filter))
			throw invalidData(at, `${event} takes null`);
		for (const [key, value] of Object.entries(filter)) {
			if (!allowed.includes(key)) throw invalidData(`${at}/${key}`, `${event} does not accept ${key}`);
			const ids = key === 'departmentIds' || key === 'departmentId';
			if (ids && (!Array.isArray(value) || value.some((id) => !/^[0-9]+$/.test(String(id)))))
				throw invalidData(`${at}/${key}`, 'Must be a list of ids');
			if (key === 'includePrevState' && typeof value !== 'boolean')
				throw invalidData(`${at}/${key}`, 'Must be a boolean');
			if (key === 'direction' && !['in', 'out'].includes(value)) throw invalidData(`${at}/${key}`, 'Must be in or out');
			if (key === 'fields' && (!Array.isArray(value) || value.length > 5 || value.some((f) => typeof f !== 'string'))) {
				throw invalidData(`${at}/${key}`, 'Must be at most 5 field API names');
			}
		}
	}
}

function validateBody(body, { creating }) {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw deskError(422, 'EMPTY_PAYLOAD', 'The request body is empty.');
	for (const key of Object.keys(body)) if (!BODY_KEYS.includes(key)) throw invalidData(`/${key}`, `Unknown key ${key}`);
	if (creating || body.url !== undefined) {
		if (typeof body.url !== 'string' || body.url.length > 500 || !URL_PATTERN.test(body.url)) {
			throw invalidData(
				'/url',
				'url must be an http(s) URL of at most 500 characters',
				body.url === undefined ? 'missing' : 'invalid',
			);
		}
	}
	// Zoho requires subscriptions on PATCH too.
	validateSubscriptions(body.subscriptions);
	if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100))
		throw invalidData('/name', 'At most 100 characters');
	if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 3000)) {
		throw invalidData('/description', 'At most 3000 characters');
	}
	if (body.isEnabled !== undefined && typeof body.isEnabled !== 'boolean')
		throw invalidData('/isEnabled', 'Must be a boolean');
	if (
		body.ignoreSourceId !== undefined &&
		(typeof body.ignoreSourceId !== 'string' || !UUID_OR_EMPTY.test(body.ignoreSourceId))
	) {
		throw invalidData('/ignoreSourceId', 'Must be a UUID or empty');
	}
	if (
		body.includeEventsFrom !== undefined &&
		(!Array.isArray(body.includeEventsFrom) || body.includeEventsFrom.some((v) => v !== 'AUTOMATION'))
	) {
		throw invalidData('/includeEventsFrom', 'Only AUTOMATION is allowed');
	}
}

module.exports = { BODY_KEYS, validateBody, invalidData };
