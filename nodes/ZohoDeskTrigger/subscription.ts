import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { webhookEvent } from './events';
import { MAX_WATCHED_FIELDS } from './properties';

/** A webhook as Zoho Desk lists it (Webhook.json listViewJSON), reduced to what the trigger compares. */
export interface ZohoWebhook {
	id: string | number;
	url: string;
	subscriptions?: IDataObject | null;
	includeEventsFrom?: string[] | null;
	ignoreSourceId?: string | null;
	isEnabled?: boolean | null;
}

export type WebhookBody = Required<Pick<ZohoWebhook, 'url' | 'subscriptions'>> & IDataObject;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isZohoWebhook(value: unknown): value is ZohoWebhook {
	const webhook = value as ZohoWebhook | null;
	return (
		typeof webhook === 'object' &&
		webhook !== null &&
		(typeof webhook.id === 'string' || typeof webhook.id === 'number') &&
		typeof webhook.url === 'string'
	);
}

/** A multi-select value, also when an expression gave a comma-separated string. */
function list(value: unknown): string[] {
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return items.map((item) => String(item).trim()).filter(Boolean);
}

/** Zoho's own validation of names: letters, digits, spaces and a few punctuation marks. */
function zohoText(text: string, max: number): string {
	return text.replace(/[^\p{L}\p{N}\s_.,:'/!@$-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The webhook this node wants, from its parameters; throws on settings Zoho would reject. */
export function desiredWebhook(ctx: IHookFunctions): WebhookBody {
	const node = ctx.getNode();
	const events = list(ctx.getNodeParameter('events', []));
	if (events.length === 0) throw new NodeOperationError(node, 'Choose at least one event to listen to');
	const departmentIds = list(ctx.getNodeParameter('departmentIds', []));
	const fields = list(ctx.getNodeParameter('watchedFields', []));
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
export function deliveryKey(webhook: Pick<ZohoWebhook, 'subscriptions' | 'includeEventsFrom' | 'ignoreSourceId'>): string {
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
