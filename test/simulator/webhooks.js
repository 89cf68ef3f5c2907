'use strict';
/**
 * Webhooks: the management API of v1.0/Webhook.json (with Zoho's URL validation and edition quotas), and delivery
 * of `[ {eventType, orgId, eventTime, payload, prevState} ]` arrays to subscribers, filtered per subscription,
 * signed with X-ZDesk-JWT, retried with back-off; a 410 answer removes the webhook.
 */
const http = require('node:http');
const https = require('node:https');
const { deskError } = require('./http');
const { iso } = require('./views');

/** Filter keys each event accepts (WebhookDocument / Webhook.json); null: the event takes no filter. */
const DEPT = ['departmentIds', 'departmentId'];
const PREV = ['includePrevState'];
const EVENT_FILTERS = {
	Ticket_Add: DEPT, Ticket_Update: [...DEPT, ...PREV, 'fields'], Ticket_Delete: null,
	Ticket_Thread_Add: [...DEPT, 'direction'], Ticket_Comment_Add: DEPT, Ticket_Comment_Update: DEPT,
	Ticket_Attachment_Add: [], Ticket_Attachment_Update: [], Ticket_Attachment_Delete: DEPT,
	Ticket_Attachment_Trashed: DEPT, Ticket_Attachment_Restored: DEPT, Ticket_Comment_Attachment_Add: null,
	Ticket_Comment_Attachment_Delete: null, Ticket_Approval_Add: null, Ticket_Approval_Update: PREV,
	Contact_Add: null, Contact_Update: PREV, Contact_Delete: null, Account_Add: null, Account_Update: PREV, Account_Delete: null,
	Agent_Add: null, Agent_Update: PREV, Agent_Delete: null, Agent_Presence_Update: null, Agent_Channel_Preference_Update: null,
	Department_Add: null, Department_Update: PREV,
	Task_Add: DEPT, Task_Update: [...DEPT, ...PREV], Task_Delete: null, Call_Add: DEPT, Call_Update: [...DEPT, ...PREV],
	Call_Delete: null, Event_Add: DEPT, Event_Update: [...DEPT, ...PREV], Event_Delete: null,
	TimeEntry_Add: null, TimeEntry_Update: PREV, TimeEntry_Delete: null,
	Article_Add: null, Article_Update: PREV, Article_Delete: null, Article_Translation_Add: null,
	Article_Translation_Update: PREV, Article_Translation_Delete: null, Article_Feedback_Add: null,
	KBRootCategory_Add: null, KBRootCategory_Update: PREV, KBRootCategory_Delete: null,
	KBSection_Add: null, KBSection_Update: PREV, KBSection_Delete: null,
	IM_Message_Add: DEPT, IM_Message_Status: DEPT, IM_Session_Status: DEPT,
};
/** Enabled webhooks per edition (WebhookDocument); at most 20 configured per portal. */
const ENABLED_LIMIT = { free: 0, express: 0, standard: 0, professional: 5, enterprise: 10 };
const CONFIGURED_LIMIT = 20;
const URL_PATTERN = /^(ht|f)tps?:\/\/[0-9a-zA-Z][-.\w]*(:[0-9]+)?(\/?)([a-zA-Z0-9\-.?,|:'/\\+=&%$#_[\]@!()*;~]*)?$/;
const UUID_OR_EMPTY = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$/;
const BODY_KEYS = ['subscriptions', 'includeEventsFrom', 'isEnabled', 'name', 'description', 'ignoreSourceId', 'url'];

const invalidData = (fieldName, errorMessage, errorType = 'invalid') =>
	deskError(422, 'INVALID_DATA', 'The data does not comply to the validation restrictions defined.', {
		errors: [{ fieldName, errorType, errorMessage }],
	});

function validateSubscriptions(subscriptions) {
	if (typeof subscriptions !== 'object' || subscriptions === null || Array.isArray(subscriptions) || !Object.keys(subscriptions).length) {
		throw invalidData('/subscriptions', 'subscriptions must be an object with at least one event', 'missing');
	}
	for (const [event, filter] of Object.entries(subscriptions)) {
		const at = `/subscriptions/${event}`;
		if (!(event in EVENT_FILTERS)) throw invalidData(at, `Unknown event ${event}`);
		if (filter === null) continue;
		const allowed = EVENT_FILTERS[event];
		if (allowed === null || typeof filter !== 'object' || Array.isArray(filter)) throw invalidData(at, `${event} takes null`);
		for (const [key, value] of Object.entries(filter)) {
			if (!allowed.includes(key)) throw invalidData(`${at}/${key}`, `${event} does not accept ${key}`);
			const ids = key === 'departmentIds' || key === 'departmentId';
			if (ids && (!Array.isArray(value) || value.some((id) => !/^[0-9]+$/.test(String(id))))) throw invalidData(`${at}/${key}`, 'Must be a list of ids');
			if (key === 'includePrevState' && typeof value !== 'boolean') throw invalidData(`${at}/${key}`, 'Must be a boolean');
			if (key === 'direction' && !['in', 'out'].includes(value)) throw invalidData(`${at}/${key}`, 'Must be in or out');
			if (key === 'fields' && (!Array.isArray(value) || value.length > 5 || value.some((f) => typeof f !== 'string'))) {
				throw invalidData(`${at}/${key}`, 'Must be at most 5 field API names');
			}
		}
	}
}

function validateBody(body, { creating }) {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw deskError(422, 'EMPTY_PAYLOAD', 'The request body is empty.');
	for (const key of Object.keys(body)) if (!BODY_KEYS.includes(key)) throw invalidData(`/${key}`, `Unknown key ${key}`);
	if (creating || body.url !== undefined) {
		if (typeof body.url !== 'string' || body.url.length > 500 || !URL_PATTERN.test(body.url)) {
			throw invalidData('/url', 'url must be an http(s) URL of at most 500 characters', body.url === undefined ? 'missing' : 'invalid');
		}
	}
	// Zoho requires subscriptions on PATCH too.
	validateSubscriptions(body.subscriptions);
	if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100)) throw invalidData('/name', 'At most 100 characters');
	if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 3000)) {
		throw invalidData('/description', 'At most 3000 characters');
	}
	if (body.isEnabled !== undefined && typeof body.isEnabled !== 'boolean') throw invalidData('/isEnabled', 'Must be a boolean');
	if (body.ignoreSourceId !== undefined && (typeof body.ignoreSourceId !== 'string' || !UUID_OR_EMPTY.test(body.ignoreSourceId))) {
		throw invalidData('/ignoreSourceId', 'Must be a UUID or empty');
	}
	if (body.includeEventsFrom !== undefined && (!Array.isArray(body.includeEventsFrom) || body.includeEventsFrom.some((v) => v !== 'AUTOMATION'))) {
		throw invalidData('/includeEventsFrom', 'Only AUTOMATION is allowed');
	}
}

/** One HTTP request to a subscriber; resolves to { status } or { error }, never rejects. */
function request(url, { method, headers = {}, body, timeoutMs }) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			return resolve({ error: 'invalid URL' });
		}
		const client = target.protocol === 'https:' ? https : http;
		const payload = body === undefined ? undefined : Buffer.from(body);
		const req = client.request(target, {
			method, agent: false, timeout: timeoutMs, rejectUnauthorized: false,
			headers: { 'User-Agent': 'Zoho-Desk-Webhook-Simulator', ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) },
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode }));
			res.on('error', () => resolve({ status: res.statusCode }));
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ error: error.message }));
		req.end(payload);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function createWebhooks({ options, orgs, keys, clock, limits }) {
	const byOrg = new Map(orgs.map((org) => [org.id, new Map()]));
	const log = [];
	const pending = new Set();
	let deliverySeq = 0;

	const view = (webhook) => ({
		id: webhook.id, name: webhook.name, url: webhook.url, description: webhook.description, isEnabled: webhook.isEnabled,
		subscriptions: structuredClone(webhook.subscriptions), includeEventsFrom: [...webhook.includeEventsFrom],
		ignoreSourceId: webhook.ignoreSourceId, type: 'CUSTOMER_WEBHOOK', createdBy: webhook.createdBy,
		createdTime: iso(webhook.createdTime), modifiedTime: iso(webhook.modifiedTime),
	});

	function find(org, id) {
		const webhook = byOrg.get(org.id).get(id);
		if (!webhook) throw deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
		return webhook;
	}

	function checkQuota(org, { enabling, creating }) {
		const edition = limits.edition;
		const hooks = [...byOrg.get(org.id).values()];
		const limitError = (max) =>
			deskError(403, 'LICENSE_ACCESS_LIMITED', 'Your Zoho Desk Edition does not support this feature/operation.', {
				feature: 'WEBHOOKS', editionType: edition.toUpperCase(), maxAllowedEntity: String(max), isTrial: false, unitName: 'ORG',
			});
		if (ENABLED_LIMIT[edition] === 0) throw limitError(0);
		if (creating && hooks.length >= CONFIGURED_LIMIT) throw limitError(CONFIGURED_LIMIT);
		if (enabling && hooks.filter((h) => h.isEnabled).length >= ENABLED_LIMIT[edition]) throw limitError(ENABLED_LIMIT[edition]);
	}

	const sign = (org, webhookId) => {
		const iat = Math.floor(clock() / 1000);
		return keys.sign({ iss: `orgId:${org.id}`, aud: `webhookId:${webhookId}`, iat, exp: iat + 300 });
	};

	/** Zoho's check of a new URL: a GET must answer 200, else a POST must; otherwise the request fails. */
	async function validateUrl(org, webhookId, url) {
		const get = await request(url, { method: 'GET', timeoutMs: options.webhookTimeoutMs });
		log.push({ kind: 'validation', method: 'GET', webhookId, url, status: get.status ?? null, error: get.error ?? null, at: iso(clock()) });
		if (get.status === 200) return;
		const post = await request(url, {
			method: 'POST', timeoutMs: options.webhookTimeoutMs, body: '[]',
			headers: { 'Content-Type': 'application/json', 'X-ZDesk-JWT': sign(org, webhookId) },
		});
		log.push({ kind: 'validation', method: 'POST', webhookId, url, status: post.status ?? null, error: post.error ?? null, at: iso(clock()) });
		if (post.status === 200) return;
		throw invalidData('/url', `The URL did not answer HTTP 200 to Zoho Desk's validation GET or POST (got ${get.status ?? get.error}, ${post.status ?? post.error}).`);
	}

	async function create(org, grant, body) {
		validateBody(body, { creating: true });
		const isEnabled = body.isEnabled ?? true;
		checkQuota(org, { enabling: isEnabled, creating: true });
		const id = org.newId.webhooks();
		await validateUrl(org, id, body.url);
		checkQuota(org, { enabling: isEnabled, creating: true }); // another create may have won while we validated
		const now = clock();
		const webhook = {
			id, url: body.url, name: body.name ?? '', description: body.description ?? '', isEnabled,
			subscriptions: structuredClone(body.subscriptions), includeEventsFrom: body.includeEventsFrom ?? [],
			ignoreSourceId: body.ignoreSourceId ?? '', createdBy: grant.userId, createdTime: now, modifiedTime: now, queue: Promise.resolve(),
		};
		byOrg.get(org.id).set(id, webhook);
		return view(webhook);
	}

	async function update(org, id, body) {
		const webhook = find(org, id);
		validateBody(body, { creating: false });
		if (body.isEnabled === true && !webhook.isEnabled) checkQuota(org, { enabling: true, creating: false });
		if (body.url !== undefined && body.url !== webhook.url) await validateUrl(org, id, body.url);
		for (const key of BODY_KEYS) if (body[key] !== undefined) webhook[key] = structuredClone(body[key]);
		webhook.modifiedTime = clock();
		return view(webhook);
	}

	function remove(org, id) {
		find(org, id);
		byOrg.get(org.id).delete(id);
	}

	/** The events of one change set that this webhook wants, shaped as Zoho delivers them. */
	function eventsFor(webhook, org, changes, origin) {
		if (!webhook.isEnabled) return [];
		if (origin.automation && !webhook.includeEventsFrom.includes('AUTOMATION')) return [];
		if (origin.sourceId && webhook.ignoreSourceId === origin.sourceId) return [];
		const out = [];
		for (const change of changes) {
			if (!(change.eventType in webhook.subscriptions)) continue;
			const filter = webhook.subscriptions[change.eventType] ?? {};
			const departments = filter.departmentIds ?? filter.departmentId;
			if (departments && departments.length && !departments.map(String).includes(String(change.departmentId))) continue;
			if (filter.fields && filter.fields.length && !filter.fields.some((field) => change.changedFields.includes(field))) continue;
			const event = { eventType: change.eventType, orgId: org.id, eventTime: String(change.eventTime), payload: change.payload };
			if (filter.includePrevState && change.prevState) event.prevState = change.prevState;
			out.push(event);
		}
		return out;
	}

	async function deliver(org, webhook, events) {
		const deliveryId = ++deliverySeq;
		const body = JSON.stringify(events);
		for (let attempt = 1; attempt <= 1 + options.webhookRetries; attempt++) {
			if (attempt > 1) await sleep(options.webhookRetryBaseMs * 4 ** (attempt - 2));
			if (!byOrg.get(org.id).has(webhook.id)) return;
			const result = await request(webhook.url, {
				method: 'POST', body, timeoutMs: options.webhookTimeoutMs,
				headers: { 'Content-Type': 'application/json', 'X-ZDesk-JWT': sign(org, webhook.id) },
			});
			const entry = {
				kind: 'delivery', deliveryId, attempt, webhookId: webhook.id, orgId: org.id, url: webhook.url,
				eventTypes: events.map((e) => e.eventType), status: result.status ?? null, error: result.error ?? null,
				at: iso(clock()), events,
			};
			log.push(entry);
			if (result.status === 200) return;
			if (result.status === 410) {
				byOrg.get(org.id).delete(webhook.id);
				entry.removed = true;
				return;
			}
		}
	}

	/** Fire and forget from the mutation's side; `settled()` lets tests wait for every attempt and retry. */
	function dispatch(org, changes, origin = {}) {
		for (const webhook of byOrg.get(org.id).values()) {
			const events = eventsFor(webhook, org, changes, origin);
			if (!events.length) continue;
			// First attempts go out in order per webhook; retries do not hold up later events.
			const task = webhook.queue.then(() => deliver(org, webhook, events));
			webhook.queue = task.catch(() => undefined);
			pending.add(task);
			task.finally(() => pending.delete(task)).catch(() => undefined);
		}
	}

	async function settled() {
		while (pending.size) await Promise.allSettled([...pending]);
	}

	return {
		list: (org) => [...byOrg.get(org.id).values()].map(view),
		get: (org, id) => view(find(org, id)),
		create, update, remove, dispatch, settled,
		deliveries: () => log.map((entry) => ({ ...entry })),
		clearDeliveries: () => {
			log.length = 0;
		},
	};
}

module.exports = { createWebhooks, EVENT_FILTERS, ENABLED_LIMIT };
