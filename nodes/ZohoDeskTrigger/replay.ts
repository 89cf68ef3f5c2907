import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CLOCK_SKEW_SECONDS } from './jwt';

/**
 * Deliveries already accepted, so that the same signed delivery never starts a second execution: not when
 * Zoho retries after a lost answer (each attempt is signed anew: another token, the same body), and not when
 * someone who captured it sends it again. Zoho does not sign the body, and its tokens carry no nonce (`iss`,
 * `aud`, `iat`, `exp` only; RS256 is deterministic), so neither the token alone nor the body alone is the
 * delivery: it is the exact body for the verified webhook (every event in it carries its time and record, so two
 * different deliveries never have the same bytes), remembered as a short hash until the token expires (plus the
 * clock skew). A captured token with another body is another delivery, accepted only until the token expires.
 *
 * Where it lives: the node's static data, which every webhook process loads from the database at the start of a
 * request and writes back whole at its end. Two copies arriving at the same moment at two processes both load
 * the static data before either saved, so both start an execution — the window is one request's duration,
 * measured in the queue-mode suite. An overlapping request that saves last also drops what the other saved;
 * this process's own memory puts its deliveries back at its next save and answers repeats it saw itself,
 * including two copies arriving at once at this process. Nothing depends on that memory surviving.
 */
export const DELIVERIES_KEY = 'zohoDeskDeliveries';
/** Bounds the static data (about 40 bytes a delivery); beyond it the deliveries expiring first are forgotten. */
const MAX_REMEMBERED = 20_000;

type Remembered = Record<string, number>;

const processDeliveries = new Map<string, Remembered>();

/** For tests: a new webhook process. */
export function forgetDeliveries(): void {
	processDeliveries.clear();
}

function stillValid(remembered: unknown, nowSeconds: number): Remembered {
	const valid: Remembered = {};
	if (typeof remembered !== 'object' || remembered === null) return valid;
	for (const [digest, expiresAt] of Object.entries(remembered as Record<string, unknown>)) {
		if (typeof expiresAt === 'number' && expiresAt + CLOCK_SKEW_SECONDS >= nowSeconds) valid[digest] = expiresAt;
	}
	return valid;
}

function bounded(remembered: Remembered): Remembered {
	const entries = Object.entries(remembered);
	if (entries.length <= MAX_REMEMBERED) return remembered;
	return Object.fromEntries(entries.sort(([, a], [, b]) => b - a).slice(0, MAX_REMEMBERED));
}

/** The hash a delivery is remembered by: the verified webhook and the exact body. */
export function deliveryDigest(webhookId: string, body: string | Buffer): string {
	return createHash('sha256').update(webhookId).update('\n').update(body).digest('base64url').slice(0, 22);
}

/**
 * True the first time this node sees the delivery, which is then remembered until `expiresAt` (epoch seconds);
 * false for a repeat. Synchronous, so two requests of one process cannot both pass.
 */
export function firstDelivery(ctx: IWebhookFunctions, digest: string, expiresAt: number): boolean {
	const nowSeconds = Date.now() / 1000;
	const staticData = ctx.getWorkflowStaticData('node');
	const key = `${ctx.getWorkflow().id ?? ''}\n${ctx.getNode().name}`;
	const mine = stillValid(processDeliveries.get(key), nowSeconds);
	const stored = stillValid(staticData[DELIVERIES_KEY], nowSeconds);
	if (digest in mine || digest in stored) return false;
	mine[digest] = expiresAt;
	processDeliveries.set(key, bounded(mine));
	staticData[DELIVERIES_KEY] = bounded({ ...stored, ...mine }) as IDataObject;
	return true;
}
