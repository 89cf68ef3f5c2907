/**
 * Registration in Zoho Desk (mode Automatic): one webhook per trigger node and URL. n8n's test URL
 * (/webhook-test/…) and production URL (/webhook/…) differ, so each is its own Zoho webhook, found by its
 * exact URL. The id lives in the node's static data.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, JsonObject } from 'n8n-workflow';

import { zohoDeskApi } from '../shared/transport';
import { zohoErrorOf } from '../shared/transport/errors';
import { MIN_SECRET_LENGTH } from './properties';
import { explainCreateError } from './registrationErrors';
import { deliveryKey, desiredWebhook, isZohoWebhook } from './subscription';
import type { ZohoWebhook } from './subscription';

function isManualMode(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('mode', 'automatic') === 'manual';
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

export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	// Manual mode registers nothing, but create() still has to check its settings on every activation.
	if (isManualMode(this)) return false;
	const wanted = desiredWebhook(this);
	const match = (await webhooksAt(this, wanted.url)).find(
		(webhook) => webhook.isEnabled !== false && deliveryKey(webhook) === deliveryKey(wanted),
	);
	if (!match) return false;
	this.getWorkflowStaticData('node').webhookId = String(match.id);
	return true;
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	if (isManualMode(this)) {
		const secret = String(this.getNodeParameter('secretToken', ''));
		if (this.getNodeParameter('verification', 'jwt') === 'token' && secret.length < MIN_SECRET_LENGTH) {
			throw new NodeOperationError(this.getNode(), `Set a Secret Token of at least ${MIN_SECRET_LENGTH} random characters`);
		}
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
				(await webhooksAt(this, wanted.url)).find((webhook) => deliveryKey(webhook) === deliveryKey(wanted)),
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
