import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { connectionOf } from '../core/transport';
import { bodyBytes, carriesNoEvents, eventItems, parseBody, rawBodyOf, zohoEvents } from './delivery';
import { describe } from './jwt';
import { offeredSecret, tokenMatches, webhookSecretOf, workflowRuleItem } from './manual';
import type { ManualVerification } from './manual';
import { deliveryDigest, firstDelivery } from './replay';
import { verifyZohoToken } from './signingKeys';

/**
 * One HTTP request to the trigger's URL. Zoho wants a 200 within 5 seconds: everything that starts the
 * workflow is answered by n8n at once (responseMode onReceived); everything else is answered here and
 * starts nothing. The order matters: who is calling is settled before the body is parsed, and the body is
 * checked before anything is remembered or started.
 */
function reply(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

type Caller =
	| {
			ok: true;
			/** The organization the caller proved (the token's issuer), or the credential's for unsigned modes */
			orgId: string;
			webhookId: string | null;
			/** A verified Zoho token and when it expires (epoch s): the delivery is remembered until then */
			signed?: { token: string; expiresAt: number };
	  }
	| { ok: false; reason: string };

/** Who may start the workflow: Zoho's signature for this org and webhook, or the credential's secret token. */
async function authenticate(ctx: IWebhookFunctions, connection: { deskUrl: string; orgId: string }): Promise<Caller> {
	const header = ctx.getHeaderData()['x-zdesk-jwt'];
	const token = typeof header === 'string' && header.trim() ? header.trim() : undefined;
	const manual = ctx.getNodeParameter('mode', 'automatic') === 'manual';
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const verification: ManualVerification = manual
		? (ctx.getNodeParameter('verification', 'jwt') as ManualVerification)
		: options.verifySignature === false
			? 'none'
			: 'jwt';
	const registered = ctx.getWorkflowStaticData('node').webhookId;
	const webhookId = manual
		? String(ctx.getNodeParameter('zohoWebhookId', '')).trim() || undefined
		: typeof registered === 'string' && registered
			? registered
			: undefined;
	const unsigned = { ok: true as const, orgId: connection.orgId, webhookId: webhookId ?? null };

	if (verification === 'none') return unsigned;
	const secretProven = verification === 'token';
	if (secretProven) {
		if (!tokenMatches(offeredSecret(ctx), await webhookSecretOf(ctx))) {
			return { ok: false, reason: 'the Webhook Secret Token (X-Webhook-Secret header or token query parameter) is missing or wrong' };
		}
		// A signed delivery reaching a token URL is still checked: a forged signature is never let through.
		if (!token) return unsigned;
	}
	if (!token) return { ok: false, reason: 'the request has no X-ZDesk-JWT header' };
	if (!webhookId && !secretProven) {
		return { ok: false, reason: manual ? 'the node has no Zoho Webhook ID to check the token against' : 'this node has no registered Zoho webhook' };
	}
	const check = await verifyZohoToken(ctx, token, { ...connection, webhookId });
	if (!check.ok) return check;
	return { ok: true, orgId: check.orgId, webhookId: check.webhookId, signed: { token, expiresAt: check.expiresAt } };
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// Zoho checks a new URL with a GET (then a POST without events) and only wants a 200.
	if (this.getRequestObject().method === 'GET' || this.getWebhookName() === 'setup') {
		return reply(this, 200, 'Zoho Desk Trigger is listening');
	}
	const raw = rawBodyOf(this);
	if (carriesNoEvents(raw)) return reply(this, 200, 'No events received');

	const connection = await connectionOf(this);
	let caller: Caller;
	try {
		caller = await authenticate(this, connection);
	} catch (error) {
		this.logger.warn(`Zoho Desk Trigger: cannot check deliveries, Zoho's signing keys are unavailable: ${describe((error as Error).message)}`);
		return reply(this, 503, 'Signing keys unavailable, retry later');
	}
	if (!caller.ok) {
		this.logger.warn(`Zoho Desk Trigger refused a delivery: ${caller.reason}`);
		return reply(this, 401, 'Unauthorized');
	}

	const body = parseBody(raw);
	if (!body.ok) return reply(this, body.status, `Bad request: ${body.problem}`);
	const manual = this.getNodeParameter('mode', 'automatic') === 'manual';
	const workflowRule = manual && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value);
	const parsed = workflowRule ? undefined : zohoEvents(body.value, caller.orgId);
	if (parsed && 'problem' in parsed) return reply(this, 400, `Bad request: ${parsed.problem}`);

	if (caller.signed && !firstDelivery(this, deliveryDigest(caller.webhookId ?? '', bodyBytes(raw)), caller.signed.expiresAt)) {
		return reply(this, 200, 'Already received');
	}
	if (!parsed) return { workflowData: [[{ json: workflowRuleItem(body.value as IDataObject) }]] };
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const items = eventItems(parsed.events, { orgId: caller.orgId, webhookId: caller.webhookId, rawEvent: options.rawEvent === true });
	return { workflowData: [items] };
}
