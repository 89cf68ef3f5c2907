/**
 * Registration in Zoho Desk (mode Automatic): one webhook per trigger node and URL. n8n's test URL
 * (/webhook-test/…) and production URL (/webhook/…) differ, so each is its own Zoho webhook, found by its
 * exact URL. The id lives in the node's static data. Manual mode registers nothing but checks on every
 * activation that its deliveries can be authenticated.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';

import { listOf } from '../core/records';
import { zohoDeskApi } from '../core/transport';
import { zohoErrorOf } from '../core/transport/errors';
import { webhookEvent } from './events';
import { webhookSecretOf } from './manual';
import { MAX_WATCHED_FIELDS, MIN_SECRET_LENGTH } from './properties';

/** A webhook as Zoho Desk lists it (Webhook.json listViewJSON), reduced to what the trigger compares. */
interface ZohoWebhook {
	id: string | number;
	url: string;
	subscriptions?: IDataObject | null;
	includeEventsFrom?: string[] | null;
	ignoreSourceId?: string | null;
	isEnabled?: boolean | null;
}

type WebhookBody = Required<Pick<ZohoWebhook, 'url' | 'subscriptions'>> & IDataObject;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isZohoWebhook(value: unknown): value is ZohoWebhook {
	const webhook = value as ZohoWebhook | null;
	return (
		typeof webhook === 'object' &&
		webhook !== null &&
		(typeof webhook.id === 'string' || typeof webhook.id === 'number') &&
		typeof webhook.url === 'string'
	);
}

function isManualMode(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('mode', 'automatic') === 'manual';
}

/** Zoho's own validation of names: letters, digits, spaces and a few punctuation marks. */
function zohoText(text: string, max: number): string {
	return text.replace(/[^\p{L}\p{N}\s_.,:'/!@$-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The webhook this node wants, from its parameters; throws on settings Zoho would reject. */
function desiredWebhook(ctx: IHookFunctions): WebhookBody {
	const node = ctx.getNode();
	const events = listOf(ctx.getNodeParameter('events', []));
	if (events.length === 0) throw new NodeOperationError(node, 'Choose at least one event to listen to');
	const departmentIds = listOf(ctx.getNodeParameter('departmentIds', []));
	const fields = listOf(ctx.getNodeParameter('watchedFields', []));
	if (fields.length > MAX_WATCHED_FIELDS) {
		throw new NodeOperationError(node, `Zoho Desk watches at most ${MAX_WATCHED_FIELDS} ticket fields; ${fields.length} are chosen`);
	}
	const includePrevState = ctx.getNodeParameter('includePrevState', true) === true;
	const direction = String(ctx.getNodeParameter('direction', 'any'));
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const ignoreSourceId = String(options.ignoreSourceId ?? '').trim();
	if (ignoreSourceId && !UUID.test(ignoreSourceId)) {
		throw new NodeOperationError(node, `Ignore Changes Made With Source ID must be a UUID, not "${ignoreSourceId}"`);
	}

	const subscriptions: IDataObject = {};
	for (const name of events) {
		const accepts = webhookEvent(name).filters;
		const filter: IDataObject = {};
		if (accepts.includes('departmentIds') && departmentIds.length) filter.departmentIds = departmentIds;
		if (accepts.includes('includePrevState') && includePrevState) filter.includePrevState = true;
		if (accepts.includes('fields') && fields.length) filter.fields = fields;
		if (accepts.includes('direction') && direction !== 'any') filter.direction = direction;
		// Zoho wants null for "no filter" (and for events that take none).
		subscriptions[name] = Object.keys(filter).length ? filter : null;
	}
	const workflow = ctx.getWorkflow();
	return {
		url: ctx.getNodeWebhookUrl('default') ?? '',
		name: zohoText(`n8n ${workflow.name ?? ''}`, 100),
		description: zohoText(`Created by n8n for workflow ${workflow.id}, node ${node.name}. Deleted when the workflow is deactivated.`, 3000),
		subscriptions,
		isEnabled: true,
		...(options.includeAutomationEvents === true ? { includeEventsFrom: ['AUTOMATION'] } : {}),
		...(ignoreSourceId ? { ignoreSourceId } : {}),
	};
}

/** What decides whether a remote webhook delivers what we want, in a comparable form. */
function subscriptionKey(webhook: Pick<ZohoWebhook, 'subscriptions' | 'includeEventsFrom' | 'ignoreSourceId'>): string {
	const subscriptions = Object.entries(webhook.subscriptions ?? {})
		.map(([event, filter]) => {
			const set = Object.entries((filter ?? {}) as IDataObject)
				.filter(([, value]) => value !== null && value !== false && value !== '' && !(Array.isArray(value) && !value.length))
				.map(([key, value]) => [key, Array.isArray(value) ? value.map(String).sort() : value])
				.sort(([a], [b]) => String(a).localeCompare(String(b)));
			return [event, set];
		})
		.sort(([a], [b]) => String(a).localeCompare(String(b)));
	return JSON.stringify([subscriptions, [...(webhook.includeEventsFrom ?? [])].sort(), webhook.ignoreSourceId ?? '']);
}

/** Zoho's webhooks whose URL is exactly this node's URL (an empty list is HTTP 204). */
async function webhooksAt(ctx: IHookFunctions, url: string): Promise<ZohoWebhook[]> {
	const body = await zohoDeskApi.call(ctx, { path: '/webhooks' });
	const data = (body as { data?: unknown } | undefined)?.data ?? [];
	if (!Array.isArray(data)) {
		throw new NodeApiError(ctx.getNode(), body as JsonObject, { message: 'Zoho Desk answered the webhook list with no list' });
	}
	return data.filter(isZohoWebhook).filter((webhook) => webhook.url === url);
}

async function deleteWebhook(ctx: IHookFunctions, id: string): Promise<void> {
	try {
		await zohoDeskApi.call(ctx, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` });
	} catch (error) {
		const { code, status } = zohoErrorOf(error);
		if (status !== '404' && code !== 'URL_NOT_FOUND') throw new NodeApiError(ctx.getNode(), error as JsonObject);
		ctx.logger.debug(`Zoho Desk webhook ${id} was already gone`);
	}
}

const ALTERNATIVES =
	'Instead, use the Zoho Desk Poll Trigger node (polling needs no webhook), or set Mode to Manual and post events from a workflow rule ("Send Cliq Notification"), which uses no webhook quota.';

/** Zoho's refusals rephrased so the user knows which limit was hit and what else works. */
function explainCreateError(ctx: IHookFunctions, error: unknown, url: string): unknown {
	const { code, status, body } = zohoErrorOf(error);
	if (code === 'LICENSE_ACCESS_LIMITED') {
		const allowed = body.maxAllowedEntity === undefined ? '' : ` allows ${String(body.maxAllowedEntity)} webhooks and`;
		return new NodeApiError(ctx.getNode(), body, {
			httpCode: status,
			message: 'Your Zoho Desk plan allows no further webhook',
			description: `Your edition${body.editionType ? ` (${String(body.editionType)})` : ''}${allowed} has none left (Free and Standard: 0, Professional: 5, Enterprise: 10 enabled webhooks). Delete unused ones in Setup → Developer Space → Webhooks. ${ALTERNATIVES}`,
		});
	}
	if (code === 'FORBIDDEN' || code === 'SCOPE_MISMATCH' || status === '403') {
		return new NodeApiError(ctx.getNode(), body, {
			httpCode: status,
			message: 'Zoho Desk does not allow this user or token to create webhooks',
			description: `The Zoho Desk user behind the credential needs the "Webhook" permission in their profile (Setup → Users and Control → Profiles), and the token needs the scopes Desk.webhooks.READ, Desk.webhooks.CREATE and Desk.webhooks.DELETE (or Desk.webhooks.ALL). ${ALTERNATIVES}`,
		});
	}
	if (code === 'INVALID_DATA' || code === 'INTERNAL_SERVER_ERROR' || status === '422' || status?.startsWith('5')) {
		return new NodeApiError(ctx.getNode(), body, {
			httpCode: status,
			message: `Zoho Desk could not register ${url}`,
			description: `${String(body.message ?? '')} Zoho checks a new webhook URL with a GET request and only accepts it when that is answered: the URL must be reachable from the internet over HTTP(S) on port 80 or 443 (set n8n's WEBHOOK_URL when n8n runs behind a proxy).`.trim(),
		});
	}
	return error;
}

/** Manual mode starts nothing it cannot authenticate: refuse activation when the settings do not allow it. */
async function checkManualSettings(ctx: IHookFunctions): Promise<void> {
	const verification = ctx.getNodeParameter('verification', 'jwt');
	if (verification === 'jwt' && !/^\d+$/.test(String(ctx.getNodeParameter('zohoWebhookId', '')).trim())) {
		throw new NodeOperationError(ctx.getNode(), 'Set the Zoho Webhook ID (digits, from Setup → Developer Space → Webhooks)', {
			description: "Zoho signs the deliveries of every webhook of your organization with the same keys; without the ID, another integration's webhook could start this workflow.",
		});
	}
	if (verification === 'token' && (await webhookSecretOf(ctx)).length < MIN_SECRET_LENGTH) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Set a Webhook Secret Token of at least ${MIN_SECRET_LENGTH} random characters in the Zoho Desk credential`,
		);
	}
}

export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	// Manual mode registers nothing, but create() still has to check its settings on every activation.
	if (isManualMode(this)) return false;
	const wanted = desiredWebhook(this);
	const match = (await webhooksAt(this, wanted.url)).find(
		(webhook) => webhook.isEnabled !== false && subscriptionKey(webhook) === subscriptionKey(wanted),
	);
	if (!match) return false;
	this.getWorkflowStaticData('node').webhookId = String(match.id);
	return true;
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	if (isManualMode(this)) {
		await checkManualSettings(this);
		return true;
	}
	const wanted = desiredWebhook(this);
	// Same URL, other events or options: an outdated registration of this very node. Replace it rather than
	// have Zoho deliver twice and count both against the plan's webhook limit.
	for (const outdated of await webhooksAt(this, wanted.url)) await deleteWebhook(this, String(outdated.id));
	let created: unknown;
	try {
		created = await zohoDeskApi.call(this, {
			method: 'POST',
			path: '/webhooks',
			body: wanted,
			// A create whose answer was lost may have registered it: adopt that one rather than add a second.
			findApplied: async () =>
				(await webhooksAt(this, wanted.url)).find((webhook) => subscriptionKey(webhook) === subscriptionKey(wanted)),
		});
	} catch (error) {
		throw explainCreateError(this, error, wanted.url);
	}
	const id = (created as { id?: unknown } | undefined)?.id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new NodeApiError(this.getNode(), (created ?? {}) as JsonObject, {
			message: 'Zoho Desk created the webhook but did not return its ID',
		});
	}
	this.getWorkflowStaticData('node').webhookId = String(id);
	return true;
}

export async function deleteOwnWebhook(this: IHookFunctions): Promise<boolean> {
	// Whatever the mode now, a webhook registered earlier (e.g. before switching to Manual) must go.
	const staticData = this.getWorkflowStaticData('node');
	if (typeof staticData.webhookId === 'string' && staticData.webhookId) {
		await deleteWebhook(this, staticData.webhookId);
	}
	delete staticData.webhookId;
	return true;
}
