/**
 * The trigger against the simulator (test/simulator): registration with Zoho's URL validation, signed deliveries
 * of real record changes, a forged delivery, and removal. The simulator posts to the node's n8n URL; nock hands
 * those requests to the node's webhook() exactly as n8n's webhook server would (method, headers, raw body), and
 * the static data the node writes is carried to the next request as n8n stores it.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { N8N_BASE_URL, WEBHOOK_ID, deliverWebhook, executeNode, runWebhookMethod } from '../harness';
import type { CredentialStore, WebhookRequest } from '../harness';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { credentialFor } from '../fixtures';
import { signingKey, zohoJwt } from './fixtures';

const PATH = `/webhook/${WEBHOOK_ID}/webhook`;
/** The trigger's parameters: each test activates it with its own events */
let parameters: INodeParameters = { mode: 'automatic', events: ['Ticket_Add', 'Ticket_Update', 'Ticket_Delete'], includePrevState: true };

let sim: Simulator;
let credentials: CredentialStore;
/** The workflow's static data as n8n keeps it between activation and deliveries */
let staticData: IDataObject = {};
/** What each request to the node's URL started (undefined: nothing) and answered */
const received: Array<{ method: string; status: number; items?: INodeExecutionData[] }> = [];

async function toNode(request: WebhookRequest) {
	const result = await deliverWebhook({ nodeType: 'zohoDeskTrigger', parameters, credentials, staticData, request });
	staticData = result.staticData;
	received.push({ method: request.method, status: result.responseStatus, items: result.workflowData?.[0] });
	return result;
}

function n8nWebhookServer() {
	const headersOf = (req: { headers: Record<string, string | string[]> }) =>
		Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
	nock(N8N_BASE_URL)
		.persist()
		.get(PATH)
		.reply(async function () {
			const result = await toNode({ method: 'GET', headers: headersOf(this.req) });
			return [result.responseStatus, JSON.stringify(result.responseBody)];
		})
		.post(PATH)
		.reply(async function (_uri, body) {
			const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
			const result = await toNode({ method: 'POST', headers: headersOf(this.req), body: JSON.parse(rawBody || 'null'), rawBody });
			return [result.responseStatus, JSON.stringify(result.responseBody)];
		});
}

const lifecycle = async (method: 'checkExists' | 'create' | 'delete') => {
	const result = await runWebhookMethod({ nodeType: 'zohoDeskTrigger', parameters, credentials, staticData, method });
	staticData = result.staticData;
	return result.result;
};

beforeAll(async () => {
	sim = await startSimulator({ tickets: 20, webhookRetries: 0 });
	credentials = credentialFor(sim);
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	n8nWebhookServer();
});

afterAll(async () => {
	nock.cleanAll();
	nock.enableNetConnect();
	await sim.stop();
});

test('activate, receive verified changes, refuse a forged one, deactivate', async () => {
	// Activation: nothing registered yet, so create; the simulator validates the URL with a GET first.
	expect(await lifecycle('checkExists')).toBe(false);
	expect(await lifecycle('create')).toBe(true);
	const webhookId = (staticData['node:Zoho Desk Trigger'] as IDataObject).webhookId as string;
	expect(webhookId).toMatch(/^\d{19}$/);
	expect(sim.deliveries()).toContainEqual(expect.objectContaining({ kind: 'validation', method: 'GET', status: 200 }));
	expect(received).toEqual([{ method: 'GET', status: 200, items: undefined }]);
	expect(await lifecycle('checkExists')).toBe(true);

	// A ticket is created, then updated: each signed delivery starts the workflow with the normalised change.
	const ticket = sim.createRecord('tickets', { subject: 'Printer on fire' });
	await sim.deliveriesSettled();
	sim.updateRecord('tickets', String(ticket.id), { status: 'Escalated' });
	await sim.deliveriesSettled();
	const changes = received.slice(1).map((request) => [request.status, request.items?.map((item) => item.json)]);
	expect(changes).toEqual([
		[200, [expect.objectContaining({ table: 'tickets', operation: 'insert', id: ticket.id, webhookId, orgId: sim.orgId })]],
		[200, [expect.objectContaining({ table: 'tickets', operation: 'update', id: ticket.id, webhookId })]],
	]);
	const update = received[2].items?.[0].json as IDataObject;
	expect(update.changedFields).toContain('status');
	expect(update.previous).toMatchObject({ status: 'Open' });

	// A delivery signed with a key that is not Zoho's, under Zoho's kid, starts nothing.
	const forger = signingKey(sim.control.info().kid);
	const now = Math.floor(Date.now() / 1000);
	const forged = zohoJwt(forger, { iss: `orgId:${sim.orgId}`, aud: `webhookId:${webhookId}`, iat: now, exp: now + 300 });
	const body = [{ eventType: 'Ticket_Delete', orgId: sim.orgId, eventTime: String(Date.now()), payload: { id: ticket.id } }];
	const refused = await toNode({ method: 'POST', headers: { 'x-zdesk-jwt': forged }, body, rawBody: JSON.stringify(body) });
	expect(refused.responseStatus).toBe(401);
	expect(refused.workflowData).toBeUndefined();

	// Deactivation removes the webhook; later changes are not delivered any more.
	expect(await lifecycle('delete')).toBe(true);
	expect(await lifecycle('checkExists')).toBe(false);
	const before = received.length;
	sim.deleteRecord('tickets', String(ticket.id));
	await sim.deliveriesSettled();
	expect(received).toHaveLength(before);
});

test("a ticket's files reach the trigger as the attachment events it selects: added, updated, deleted, and a comment's", async () => {
	parameters = {
		mode: 'automatic',
		events: ['Ticket_Attachment_Add', 'Ticket_Attachment_Update', 'Ticket_Attachment_Delete', 'Ticket_Comment_Attachment_Add'],
	};
	staticData = {};
	expect(await lifecycle('create')).toBe(true);
	const ticketId = String(sim.createRecord('tickets', { subject: 'Files' }).id);
	const zohoDesk = async (operation: string, extra: IDataObject) => {
		const file = { data: Buffer.from('%PDF-1.4 ...').toString('base64'), fileName: 'quote.pdf', mimeType: 'application/pdf' };
		const { items, error } = await executeNode({
			nodeType: 'zohoDesk',
			parameters: { resource: 'ticket', operation, ticketId: { __rl: true, mode: 'id', value: ticketId }, ...extra } as never,
			credentials,
			input: [{ json: {}, binary: { data: file } }],
		});
		expect(error).toBeUndefined();
		return items[0].json;
	};
	const before = received.length;

	const attachment = await zohoDesk('uploadAttachment', { binaryPropertyName: 'data' });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { deskClient } = require('../simulator/helpers');
	await deskClient(sim).request('PATCH', `/tickets/${ticketId}/attachments/${attachment.id}`, { body: { isPublic: true } });
	await zohoDesk('deleteAttachment', { attachmentId: { __rl: true, mode: 'id', value: String(attachment.id) } });
	const comment = await zohoDesk('addComment', { content: 'Quote attached', options: { attachments: 'data' } });
	await sim.deliveriesSettled();

	const changes = received.slice(before).flatMap((request) => request.items?.map((item) => item.json) ?? []);
	const commentFile = (comment.attachments as IDataObject[])[0];
	expect(changes.map((change) => [change.eventType, change.table, change.operation, change.id])).toEqual([
		['Ticket_Attachment_Add', 'attachments', 'insert', attachment.id],
		['Ticket_Attachment_Update', 'attachments', 'update', attachment.id],
		['Ticket_Attachment_Delete', 'attachments', 'delete', attachment.id],
		['Ticket_Comment_Attachment_Add', 'commentAttachments', 'insert', commentFile.id],
	]);
	expect(changes[0].record).toMatchObject({ name: 'quote.pdf', ticketId });
	expect(await lifecycle('delete')).toBe(true);
});
