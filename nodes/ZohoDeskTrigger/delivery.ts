import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { buildChange } from '../shared/changes';
import { webhookEvent } from './events';

export type RequestBody = { kind: 'empty' } | { kind: 'invalid'; reason: string } | { kind: 'json'; value: unknown };

/** One entry of Zoho's delivery array. */
export interface ZohoEvent extends IDataObject {
	eventType: string;
	payload: IDataObject;
}

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * JSON.parse, except that integers too long for a JS number (Zoho's 19-digit ids, should Zoho ever send one
 * unquoted) become strings instead of silently losing their last digits.
 */
export function parseJsonKeepingIds(text: string): unknown {
	const chunks: string[] = [];
	let copied = 0;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '"') {
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
			continue;
		}
		if (char !== '-' && (char < '0' || char > '9')) continue;
		NUMBER_TOKEN.lastIndex = i;
		const literal = NUMBER_TOKEN.exec(text)?.[0];
		if (!literal) continue;
		if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
			chunks.push(text.slice(copied, i), `"${literal}"`);
			copied = i + literal.length;
		}
		i += literal.length - 1;
	}
	chunks.push(text.slice(copied));
	return JSON.parse(chunks.join(''));
}

/** The request body from the exact bytes received when n8n kept them, else n8n's parsed body. */
export function readBody(ctx: IWebhookFunctions): RequestBody {
	const raw = (ctx.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	if (raw === undefined) {
		const parsed: unknown = ctx.getBodyData();
		return parsed === undefined || parsed === null ? { kind: 'empty' } : { kind: 'json', value: parsed };
	}
	const text = raw.toString();
	if (text.trim() === '') return { kind: 'empty' };
	try {
		return { kind: 'json', value: parseJsonKeepingIds(text) };
	} catch (error) {
		return { kind: 'invalid', reason: `the body is not JSON (${(error as Error).message})` };
	}
}

/** Zoho's second URL check is a POST without events; an empty array or object starts nothing either. */
export function carriesNoEvents(value: unknown): boolean {
	if (Array.isArray(value)) return value.length === 0;
	return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The events of a Zoho delivery, or why the body is not one. */
export function zohoEvents(value: unknown): { events: ZohoEvent[] } | { problem: string } {
	if (!Array.isArray(value)) return { problem: 'the body is not an array of Zoho Desk events' };
	for (const [index, event] of value.entries()) {
		if (!isObject(event)) return { problem: `event ${index} is not an object` };
		if (typeof event.eventType !== 'string' || event.eventType === '') {
			return { problem: `event ${index} has no eventType` };
		}
		if (!isObject(event.payload)) return { problem: `event ${index} (${event.eventType}) has no payload object` };
	}
	return { events: value as ZohoEvent[] };
}

export interface DeliveryContext {
	/** The organization of the node's credential, for events that do not name theirs */
	orgId: string;
	webhookId: string | null;
	rawEvent: boolean;
}

/** One item per event: the normalised change both triggers emit, or Zoho's event untouched. */
export function eventItems(events: ZohoEvent[], context: DeliveryContext): INodeExecutionData[] {
	return events.map((event) => {
		if (context.rawEvent) return { json: event };
		const { table, operation } = webhookEvent(event.eventType);
		const previous = isObject(event.prevState) ? event.prevState : null;
		return {
			json: buildChange({
				table,
				operation,
				id: String(event.payload.id ?? ''),
				record: event.payload,
				previous,
				eventType: event.eventType,
				eventTime: event.eventTime,
				orgId: String(event.orgId ?? context.orgId),
				webhookId: context.webhookId,
			}),
		};
	});
}
