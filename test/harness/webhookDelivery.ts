/** deliverWebhook: an HTTP request reaching the node's webhook(), as WebhookService.runWebhook runs it. */
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { CredentialsByType } from './credentialsHelper';
import { buildWorkflow, staticDataOf, webhookDataFor, type NodeUnderTest, type TestWorkflow } from './workflow';

export interface WebhookRequest {
	method: string;
	headers?: Record<string, string>;
	/** Parsed body, as n8n's body parser leaves it in req.body */
	body?: unknown;
	/** Exact bytes received (n8n keeps them in req.rawBody); defaults to JSON of `body` */
	rawBody?: string | Buffer;
	query?: Record<string, string>;
}

export interface WebhookDelivery {
	workflowData?: INodeExecutionData[][];
	noWebhookResponse: boolean;
	/** What the caller (Zoho) receives: the node's own response, or n8n's default one. */
	responseStatus: number;
	responseBody: unknown;
	responseHeaders: Record<string, string>;
	staticData: IDataObject;
	credentials: CredentialsByType;
}

/** The part of express.Response nodes use; records what is sent. */
class FakeResponse {
	statusCode = 200;
	body: unknown;
	headers: Record<string, string> = {};
	sent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	header(name: string, value: string) {
		return this.setHeader(name, value);
	}
	set(name: string, value: string) {
		return this.setHeader(name, value);
	}
	json(body: unknown) {
		return this.send(body);
	}
	send(body?: unknown) {
		this.body = body;
		this.sent = true;
		return this;
	}
	end(body?: unknown) {
		return this.send(body);
	}
	sendStatus(code: number) {
		return this.status(code).send();
	}
}

function fakeRequest(request: WebhookRequest) {
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const rawBody =
		request.rawBody === undefined
			? Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body))
			: Buffer.from(request.rawBody);
	return {
		method: request.method.toUpperCase(),
		headers,
		body: request.body ?? {},
		rawBody,
		query: request.query ?? {},
		params: {},
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
}

/** n8n's answer when no webhook of the node takes the request's HTTP method (WebhookService.findWebhook). */
function notRegistered(method: string, { workflow, store }: TestWorkflow): WebhookDelivery {
	return {
		noWebhookResponse: false,
		responseStatus: 404,
		responseBody: { code: 404, message: `This webhook is not registered for ${method.toUpperCase()} requests` },
		responseHeaders: {},
		staticData: staticDataOf(workflow),
		credentials: store.snapshot(),
	};
}

/**
 * Runs the node's webhook() for one request, in the webhook registered for the request's HTTP method. mode 'trigger' = active workflow, 'manual' = the editor waiting
 * for a test event. When the node does not answer itself, the response is n8n's default for responseMode
 * 'onReceived' (packages/cli/src/webhooks/webhook-helpers.ts): its webhookResponse, or "Workflow was started",
 * or "Webhook call received" when it started nothing.
 */
export async function deliverWebhook(
	test: NodeUnderTest & { request: WebhookRequest; mode?: 'trigger' | 'manual' },
): Promise<WebhookDelivery> {
	const mode = test.mode ?? 'trigger';
	const setup = buildWorkflow(test);
	if (!setup.nodeType.webhook) throw new UnexpectedError(`${setup.node.type} has no webhook()`);
	const webhookData = webhookDataFor(setup, mode, { method: test.request.method });
	if (!webhookData) return notRegistered(test.request.method, setup);
	const response = new FakeResponse();
	setup.additionalData.httpRequest = fakeRequest(test.request) as never;
	setup.additionalData.httpResponse = response as never;
	const context = new WebhookContext(setup.workflow, setup.node, setup.additionalData, mode, webhookData, [], null);
	const result = await setup.nodeType.webhook.call(context);

	let responseBody: unknown = response.body;
	if (!result.noWebhookResponse && !response.sent) {
		responseBody =
			result.webhookResponse ??
			(result.workflowData === undefined ? { message: 'Webhook call received' } : { message: 'Workflow was started' });
	}
	return {
		workflowData: result.workflowData,
		noWebhookResponse: result.noWebhookResponse === true,
		responseStatus: response.statusCode,
		responseBody,
		responseHeaders: response.headers,
		staticData: staticDataOf(setup.workflow),
		credentials: setup.store.snapshot(),
	};
}
