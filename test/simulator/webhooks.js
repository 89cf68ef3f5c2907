'use strict';
/**
 * Webhooks: the management API of v1.0/Webhook.json (with Zoho's URL validation and edition quotas), and delivery
 * of `[ {eventType, orgId, eventTime, payload, prevState} ]` arrays to subscribers, filtered per subscription,
 * signed with X-ZDesk-JWT, retried with back-off; a 410 answer removes the webhook.
 */
const http = require('node:http');
const https = require('node:https');
const { deskError } = require('./http');
const { BODY_KEYS, validateBody, invalidData } = require('./webhookRules');
const { iso } = require('./views');

/** Enabled webhooks per edition (WebhookDocument); at most 20 configured per portal. */
const ENABLED_LIMIT = { free: 0, express: 0, standard: 0, professional: 5, enterprise: 10 };
const CONFIGURED_LIMIT = 20;

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
			method,
			agent: false,
			timeout: timeoutMs,
			rejectUnauthorized: false,
			headers: {
				'User-Agent': 'Zoho-Desk-Webhook-Simulator',
				...headers,
				...(payload ? { 'Content-Length': payload.length } : {}),
			},
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
		id: webhook.id,
		name: webhook.name,
		url: webhook.url,
		description: webhook.description,
		isEnabled: webhook.isEnabled,
		subscriptions: structuredClone(webhook.subscriptions),
		includeEventsFrom: [...webhook.includeEventsFrom],
		ignoreSourceId: webhook.ignoreSourceId,
		type: 'CUSTOMER_WEBHOOK',
		createdBy: webhook.createdBy,
		createdTime: iso(webhook.createdTime),
		modifiedTime: iso(webhook.modifiedTime),
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
				feature: 'WEBHOOKS',
				editionType: edition.toUpperCase(),
				maxAllowedEntity: String(max),
				isTrial: false,
				unitName: 'ORG',
			});
		if (ENABLED_LIMIT[edition] === 0) throw limitError(0);
		if (creating && hooks.length >= CONFIGURED_LIMIT) throw limitError(CONFIGURED_LIMIT);
		if (enabling && hooks.filter((h) => h.isEnabled).length >= ENABLED_LIMIT[edition])
			throw limitError(ENABLED_LIMIT[edition]);
	}

	const sign = (org, webhookId) => {
		const iat = Math.floor(clock() / 1000);
		return keys.sign({ iss: `orgId:${org.id}`, aud: `webhookId:${webhookId}`, iat, exp: iat + 300 });
	};

	/** Zoho's check of a new URL: a GET must answer 200, else a POST must; otherwise the request fails. */
	async function validateUrl(org, webhookId, url) {
		const get = await request(url, { method: 'GET', timeoutMs: options.webhookTimeoutMs });
		log.push({
			kind: 'validation',
			method: 'GET',
			webhookId,
			url,
			status: get.status ?? null,
			error: get.error ?? null,
			at: iso(clock()),
		});
		if (get.status === 200) return;
		const post = await request(url, {
			method: 'POST',
			timeoutMs: options.webhookTimeoutMs,
			body: '[]',
			headers: { 'Content-Type': 'application/json', 'X-ZDesk-JWT': sign(org, webhookId) },
		});
		log.push({
			kind: 'validation',
			method: 'POST',
			webhookId,
			url,
			status: post.status ?? null,
			error: post.error ?? null,
			at: iso(clock()),
		});
		if (post.status === 200) return;
		throw invalidData(
			'/url',
			`The URL did not answer HTTP 200 to Zoho Desk's validation GET or POST (got ${get.status ?? get.error}, ${post.status ?? post.error}).`,
		);
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
			id,
			url: body.url,
			name: body.name ?? '',
			description: body.description ?? '',
			isEnabled,
			subscriptions: structuredClone(body.subscriptions),
			includeEventsFrom: body.includeEventsFrom ?? [],
			ignoreSourceId: body.ignoreSourceId ?? '',
			createdBy: grant.userId,
			createdTime: now,
			modifiedTime: now,
			lanes: Array.from({ length: Math.max(1, options.webhookSenders) }, () => Promise.resolve()),
			nextLane: 0,
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
			if (filter.fields && filter.fields.length && !filter.fields.some((field) => change.changedFields.includes(field)))
				continue;
			const event = {
				eventType: change.eventType,
				orgId: org.id,
				eventTime: String(change.eventTime),
				payload: change.payload,
			};
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
				method: 'POST',
				body,
				timeoutMs: options.webhookTimeoutMs,
				headers: { 'Content-Type': 'application/json', 'X-ZDesk-JWT': sign(org, webhook.id) },
			});
			const entry = {
				kind: 'delivery',
				deliveryId,
				attempt,
				webhookId: webhook.id,
				orgId: org.id,
				url: webhook.url,
				eventTypes: events.map((e) => e.eventType),
				status: result.status ?? null,
				error: result.error ?? null,
				at: iso(clock()),
				events,
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

	/**
	 * Fire and forget from the mutation's side; `settled()` lets tests wait for every attempt and retry. Deliveries
	 * to one webhook go out in order over `webhookSenders` lanes (1: one at a time, strictly in order).
	 */
	function dispatch(org, changes, origin = {}) {
		for (const webhook of byOrg.get(org.id).values()) {
			const events = eventsFor(webhook, org, changes, origin);
			if (!events.length) continue;
			const lane = webhook.nextLane++ % webhook.lanes.length;
			const task = webhook.lanes[lane].then(() => deliver(org, webhook, events));
			webhook.lanes[lane] = task.catch(() => undefined);
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
		create,
		update,
		remove,
		dispatch,
		settled,
		deliveries: () => log.map((entry) => ({ ...entry })),
		clearDeliveries: () => {
			log.length = 0;
		},
	};
}

module.exports = { createWebhooks };
