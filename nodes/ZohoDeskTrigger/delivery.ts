import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { buildChange } from '../core/changes';
import { webhookEvent } from './events';

/**
 * What arrives: the exact bytes when n8n kept them (it does for webhooks), else n8n's parsed body. Reading the
 * bytes is cheap; parsing them is not, so it waits until the caller is authenticated.
 */
export type RawBody = { bytes: Buffer | string } | { parsed: unknown };

/** Zoho sends one event per delivery today and documents arrays; more than this is not Zoho. */
export const MAX_EVENTS_PER_DELIVERY = 1000;
/** Zoho's records nest a few levels deep; far deeper input only costs us stack (JSON.stringify recurses). */
export const MAX_DEPTH = 64;
/** Keys that, copied onto an object with `obj[key] = …`, would replace or reach its prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Zoho's validation POST is short; anything longer is read only after authentication. */
const SHORT_BODY_BYTES = 64;

export function rawBodyOf(ctx: IWebhookFunctions): RawBody {
	const bytes = (ctx.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	return bytes === undefined ? { parsed: ctx.getBodyData() } : { bytes };
}

/** The bytes the delivery is remembered by (see replay.ts). */
export function bodyBytes(body: RawBody): Buffer | string {
	return 'bytes' in body ? body.bytes : JSON.stringify(body.parsed) ?? '';
}

/** Zoho's second URL check is a POST without events; an empty body, array or object starts nothing either. */
export function carriesNoEvents(body: RawBody): boolean {
	if ('parsed' in body) return isEmpty(body.parsed);
	if (body.bytes.length > SHORT_BODY_BYTES) return false;
	const text = body.bytes.toString().trim();
	if (text === '') return true;
	try {
		return isEmpty(JSON.parse(text));
	} catch {
		return false;
	}
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (Array.isArray(value)) return value.length === 0;
	return typeof value === 'object' && Object.keys(value).length === 0;
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

/**
 * Drops prototype-reaching keys in place and checks the depth, without recursion (a hostile body may nest
 * 200,000 levels). False when the value nests deeper than MAX_DEPTH.
 */
export function sanitise(value: unknown): boolean {
	const pending: Array<[unknown, number]> = [[value, 1]];
	while (pending.length) {
		const [node, depth] = pending.pop()!;
		if (typeof node !== 'object' || node === null) continue;
		if (depth > MAX_DEPTH) return false;
		if (Array.isArray(node)) {
			for (const item of node) pending.push([item, depth + 1]);
			continue;
		}
		const record = node as IDataObject;
		for (const key of Object.keys(record)) {
			if (FORBIDDEN_KEYS.has(key)) delete record[key];
			else pending.push([record[key], depth + 1]);
		}
	}
	return true;
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; problem: string };

/** The authenticated request's body, parsed and cleaned, or why it is refused. */
export function parseBody(body: RawBody): ParsedBody {
	let value = 'parsed' in body ? body.parsed : undefined;
	if ('bytes' in body) {
		try {
			value = parseJsonKeepingIds(body.bytes.toString());
		} catch (error) {
			return { ok: false, status: 400, problem: `the body is not JSON (${(error as Error).message})` };
		}
	}
	if (Array.isArray(value) && value.length > MAX_EVENTS_PER_DELIVERY) {
		return { ok: false, status: 413, problem: `${value.length} events in one delivery; at most ${MAX_EVENTS_PER_DELIVERY} are accepted` };
	}
	if (!sanitise(value)) return { ok: false, status: 400, problem: `the body nests deeper than ${MAX_DEPTH} levels` };
	return { ok: true, value };
}

/** One entry of Zoho's delivery array, checked. */
export interface ZohoEvent extends IDataObject {
	eventType: string;
	payload: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id as Zoho sends it: a digit string (or a number); anything else is not an id. */
function idText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** The events of a Zoho delivery for organization `orgId`, or why the body is not one. */
export function zohoEvents(value: unknown, orgId: string): { events: ZohoEvent[] } | { problem: string } {
	if (!Array.isArray(value)) return { problem: 'the body is not an array of Zoho Desk events' };
	for (const [index, event] of value.entries()) {
		if (!isObject(event)) return { problem: `event ${index} is not an object` };
		if (typeof event.eventType !== 'string' || event.eventType === '') return { problem: `event ${index} has no eventType` };
		if (!isObject(event.payload)) return { problem: `event ${index} (${event.eventType}) has no payload object` };
		if (event.payload.id !== undefined && idText(event.payload.id) === undefined) {
			return { problem: `event ${index} (${event.eventType}) has a payload.id that is not an id` };
		}
		if (event.orgId !== undefined && idText(event.orgId) !== orgId) {
			return { problem: `event ${index} (${event.eventType}) is for another organization than the request's` };
		}
	}
	return { events: value as ZohoEvent[] };
}

export interface DeliveryContext {
	/** The organization the request proved it comes from (the token's issuer), or the credential's */
	orgId: string;
	webhookId: string | null;
	rawEvent: boolean;
}

/** One item per event: the normalised change both triggers emit, or Zoho's event untouched. */
export function eventItems(events: ZohoEvent[], context: DeliveryContext): INodeExecutionData[] {
	return events.map((event) => {
		if (context.rawEvent) return { json: event };
		const { table, operation } = webhookEvent(event.eventType);
		return {
			json: buildChange({
				table,
				operation,
				id: idText(event.payload.id) ?? '',
				record: event.payload,
				previous: isObject(event.prevState) ? event.prevState : null,
				eventType: event.eventType,
				eventTime: event.eventTime,
				orgId: context.orgId,
				webhookId: context.webhookId,
			}),
		};
	});
}
