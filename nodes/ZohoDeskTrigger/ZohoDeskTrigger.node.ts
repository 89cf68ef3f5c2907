import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { nameOf, optionNames, README_URL } from '../core/descriptions';
import { getDepartments } from '../core/methods/loadOptions';
import { recordLabel, TABLES } from '../core/tables';
import { authenticationProperty, credentialDescriptions, zohoDeskApi } from '../core/transport';
import { triggerProperties } from './properties';
import { createWebhook, deleteOwnWebhook, webhookExists } from './registration';
import { receive } from './webhook';

/** Ticket fields by API name, the form Zoho's Ticket_Update `fields` filter takes. */
async function getTicketFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = TABLES.organizationFields;
	const body = (await zohoDeskApi.call(this, { path: table.listPath, qs: { module: 'tickets' } })) as
		| { data?: IDataObject[] }
		| undefined;
	return (body?.data ?? [])
		.filter((field) => typeof field.apiName === 'string')
		.map((field) => ({ name: recordLabel(table, field), value: String(field.apiName) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export class ZohoDeskTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Desk Trigger',
		name: 'zohoDeskTrigger',
		icon: { light: 'file:../../icons/zohoDesk.svg', dark: 'file:../../icons/zohoDesk.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n treats a webhook node at version 1 as its own Webhook node 1 and, for every request,
		// evaluates that node's `binaryData` option as an expression; on n8n 2.x that takes a V8 isolate created for
		// the request, most of a webhook process's CPU. From 1.1 on n8n skips it.
		version: [1, 1.1],
		// Event names, not Zoho's codes: "Ticket: Added, Ticket: Updated" rather than "Ticket_Add, Ticket_Update"
		subtitle: `={{ $parameter["mode"] === "manual" ? "Manual setup" : $parameter["events"].map((event) => ${nameOf(optionNames(triggerProperties, 'events'), 'event')}).join(", ") }}`,
		// n8n's node picker shows one "Zoho Desk" entry for this node and the action node, with this description.
		description: 'Read and update Zoho Desk tickets, contacts, accounts and more, and start workflows when they change',
		documentationUrl: `${README_URL}#zoho-desk-trigger`,
		defaults: { name: 'Zoho Desk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialDescriptions,
		webhooks: [
			// Zoho validates a URL with GET before it accepts it; listed first so n8n serves it before create() runs.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [authenticationProperty, ...triggerProperties],
	};

	methods = { loadOptions: { getDepartments, getTicketFields } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteOwnWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
