import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { credentialTypeOf } from '../core/transport';
import { sanitise } from './delivery';

/**
 * Manual mode: the user pastes the URL into Zoho Desk. Developer Space webhooks deliver Zoho's signed event
 * array as in automatic mode; a workflow rule's "Send Cliq Notification" action posts a Cliq message
 * (`{"text": …}`, maybe with a card) and cannot sign it, so it proves itself with the credential's Webhook
 * Secret Token instead, in the URL (`?token=`, all a workflow rule can do) or in a header (Deluge, scripts).
 */
export type ManualVerification = 'jwt' | 'token' | 'none';

/** The header a caller that can set headers puts the secret in, instead of the URL (where logs keep it). */
export const SECRET_HEADER = 'x-webhook-secret';

/** The Webhook Secret Token of the node's Zoho Desk credential ('' when not set). */
export async function webhookSecretOf(ctx: IWebhookFunctions | IHookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(credentialTypeOf(ctx));
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
}

/** The secret the request offers: the header, else the `token` query parameter. */
export function offeredSecret(ctx: IWebhookFunctions): unknown {
	const header = ctx.getHeaderData()[SECRET_HEADER];
	return header !== undefined ? header : (ctx.getQueryData() as IDataObject).token;
}

/** Constant-time comparison of the offered secret with the credential's. */
export function tokenMatches(received: unknown, secret: string): boolean {
	if (typeof received !== 'string' || secret === '') return false;
	// Hashing first gives equal lengths, so neither the comparison nor its failure reveals the secret's length.
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(received), digest(secret));
}

/** `field: value` or `field = value` per line, the way a rule's message template is easiest to write. */
function fieldsFromLines(text: string): IDataObject | undefined {
	const fields: IDataObject = {};
	for (const line of text.split(/\r?\n/)) {
		const match = /^\s*([^:=]+?)\s*[:=]\s*(.*?)\s*$/.exec(line);
		if (match) fields[match[1]] = match[2];
	}
	return sanitise(fields) && Object.keys(fields).length ? fields : undefined;
}

function fieldsFromText(text: string): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && sanitise(parsed)) return parsed as IDataObject;
	} catch {
		// not JSON: try the line format
	}
	return fieldsFromLines(text);
}

/**
 * A workflow-rule message as one item: `fields` from the message text (a JSON object, or `field: value`
 * lines), or the body's own fields when it has no text (e.g. a Deluge `invokeurl` posting JSON).
 */
export function workflowRuleItem(body: IDataObject): IDataObject {
	const text = typeof body.text === 'string' ? body.text : undefined;
	return {
		source: 'workflowRule',
		fields: (text === undefined ? body : fieldsFromText(text)) ?? {},
		message: body,
		receivedAt: new Date().toISOString(),
	};
}
