import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { connectionOf } from '../shared/transport';
import { carriesNoEvents, eventItems, readBody, zohoEvents } from './delivery';
import { tokenMatches, workflowRuleItem } from './manual';
import type { ManualVerification } from './manual';
import { verifyZohoToken } from './signature';

/**
 * One HTTP request to the trigger's URL. Zoho wants a 200 within 5 seconds: everything that starts the
 * workflow is answered by n8n at once (responseMode onReceived); everything else is answered here and
 * starts nothing.
 */
function reply(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

type Caller = { ok: true; webhookId: string | null } | { ok: false; reason: string };

/** Who may start the workflow: Zoho's signature for this org (and webhook), or the manual secret token. */
async function authenticate(ctx: IWebhookFunctions, connection: { deskUrl: string; orgId: string }): Promise<Caller> {
	const jwt = ctx.getHeaderData()['x-zdesk-jwt'];
	const token = typeof jwt === 'string' && jwt.trim() ? jwt : undefined;
	const staticData = ctx.getWorkflowStaticData('node');
	const manual = ctx.getNodeParameter('mode', 'automatic') === 'manual';
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const verification: ManualVerification = manual
		? (ctx.getNodeParameter('verification', 'jwt') as ManualVerification)
		: options.verifySignature === false
			? 'none'
			: 'jwt';
	const registered = typeof staticData.webhookId === 'string' ? staticData.webhookId : undefined;
	const pinned = manual ? String(ctx.getNodeParameter('zohoWebhookId', '')).trim() || undefined : registered;

	if (verification === 'token') {
		const query = ctx.getQueryData() as IDataObject;
		if (!tokenMatches(query.token, String(ctx.getNodeParameter('secretToken', '')))) {
			return { ok: false, reason: 'the token query parameter is missing or wrong' };
		}
		// A signed delivery reaching a token URL is still checked: a forged signature is never let through.
		if (!token) return { ok: true, webhookId: null };
	} else if (verification === 'none') {
		return { ok: true, webhookId: pinned ?? null };
	}
	if (!token) return { ok: false, reason: 'the request has no X-ZDesk-JWT header' };
	if (!manual && !registered) return { ok: false, reason: 'this node has no registered Zoho webhook to check against' };
	const check = await verifyZohoToken(ctx, token, { ...connection, webhookId: verification === 'jwt' ? pinned : undefined });
	return check.ok ? { ok: true, webhookId: check.webhookId } : check;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// Zoho checks a new URL with a GET (then a POST without events) and only wants a 200.
	if (this.getRequestObject().method === 'GET' || this.getWebhookName() === 'setup') {
		return reply(this, 200, 'Zoho Desk Trigger is listening');
	}
	const body = readBody(this);
	if (body.kind === 'empty' || (body.kind === 'json' && carriesNoEvents(body.value))) {
		return reply(this, 200, 'No events received');
	}

	const connection = await connectionOf(this);
	let caller: Caller;
	try {
		caller = await authenticate(this, connection);
	} catch (error) {
		this.logger.warn(`Zoho Desk Trigger: cannot check deliveries, Zoho's signing keys are unavailable: ${(error as Error).message}`);
		return reply(this, 503, 'Signing keys unavailable, retry later');
	}
	if (!caller.ok) {
		this.logger.warn(`Zoho Desk Trigger refused a delivery: ${caller.reason}`);
		return reply(this, 401, 'Unauthorized');
	}
	if (body.kind === 'invalid') return reply(this, 400, `Bad request: ${body.reason}`);

	const manual = this.getNodeParameter('mode', 'automatic') === 'manual';
	if (manual && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
		return { workflowData: [[{ json: workflowRuleItem(body.value as IDataObject) }]] };
	}
	const parsed = zohoEvents(body.value);
	if ('problem' in parsed) return reply(this, 400, `Bad request: ${parsed.problem}`);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const items = eventItems(parsed.events, {
		orgId: connection.orgId,
		webhookId: caller.webhookId,
		rawEvent: options.rawEvent === true,
	});
	return { workflowData: [items] };
}
