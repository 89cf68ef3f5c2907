import { NodeApiError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { zohoErrorOf } from '../shared/transport/errors';

const ALTERNATIVES =
	'Instead, use the Zoho Desk Poll Trigger node (polling needs no webhook), or set Mode to Manual and post events from a workflow rule ("Send Cliq Notification"), which uses no webhook quota.';

/** Zoho's refusals rephrased so the user knows which limit was hit and what else works. */
export function explainCreateError(ctx: IHookFunctions, error: unknown, url: string): unknown {
	const { code, status, body } = zohoErrorOf(error);
	const httpCode = status;
	if (code === 'LICENSE_ACCESS_LIMITED') {
		const allowed = body.maxAllowedEntity === undefined ? '' : ` allows ${String(body.maxAllowedEntity)} webhooks and`;
		return new NodeApiError(ctx.getNode(), body, {
			httpCode,
			message: 'Your Zoho Desk plan allows no further webhook',
			description: `Your edition${body.editionType ? ` (${String(body.editionType)})` : ''}${allowed} has none left (Free and Standard: 0, Professional: 5, Enterprise: 10 enabled webhooks). Delete unused ones in Setup → Developer Space → Webhooks. ${ALTERNATIVES}`,
		});
	}
	if (code === 'FORBIDDEN' || code === 'SCOPE_MISMATCH' || status === '403') {
		return new NodeApiError(ctx.getNode(), body, {
			httpCode,
			message: 'Zoho Desk does not allow this user or token to create webhooks',
			description: `The Zoho Desk user behind the credential needs the "Webhook" permission in their profile (Setup → Users and Control → Profiles), and the token needs the scope Desk.webhooks.ALL (or Desk.events.ALL or Desk.settings.ALL). ${ALTERNATIVES}`,
		});
	}
	if (code === 'INVALID_DATA' || code === 'INTERNAL_SERVER_ERROR' || status === '422' || status?.startsWith('5')) {
		return new NodeApiError(ctx.getNode(), body, {
			httpCode,
			message: `Zoho Desk could not register ${url}`,
			description: `${String(body.message ?? '')} Zoho checks a new webhook URL with a GET request and only accepts it when that is answered: the URL must be reachable from the internet over HTTP(S) on port 80 or 443 (set n8n's WEBHOOK_URL when n8n runs behind a proxy).`.trim(),
		});
	}
	return error;
}
