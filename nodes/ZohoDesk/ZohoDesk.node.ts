import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';

import { resourceProperties, resources } from './actions/resources';
import { runOperation } from './actions/router';
import { nameOf, README_URL } from '../core/descriptions';
import { listSearch, loadOptions, resourceMapping } from '../core/methods';
import { authenticationProperty, credentialDescriptions } from '../core/transport';

/** "ticket:getMany" → "Get many tickets": what each operation does, as its selector says it. */
const ACTIONS = Object.fromEntries(
	Object.entries(resources).flatMap(([resource, { operations }]) =>
		Object.entries(operations).map(([operation, { option }]) => [`${resource}:${operation}`, option.action ?? option.name]),
	),
);

export class ZohoDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Desk',
		name: 'zohoDesk',
		icon: { light: 'file:../../icons/zohoDesk.svg', dark: 'file:../../icons/zohoDesk.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: `={{ ${nameOf(ACTIONS, '$parameter["resource"] + ":" + $parameter["operation"]')} }}`,
		description: 'Create, update and delete Zoho Desk tickets, contacts and accounts (find or create a contact by email), move, close, reply and comment on tickets, and read tickets, contacts, accounts, departments, products, organization fields and contracts',
		documentationUrl: `${README_URL}#zoho-desk-node`,
		defaults: { name: 'Zoho Desk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialDescriptions,
		properties: [authenticationProperty, ...resourceProperties],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await runOperation.call(this, itemIndex);
				const records = Array.isArray(result) ? result : result.items.map((item) => item.json);
				const files = Array.isArray(result) ? [] : result.items.map((item) => item.binary);
				records.forEach((json, index) => {
					const binary = files[index];
					output.push({ json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } });
				});
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({
						json: { error: error.message, ...(error.description ? { description: error.description } : {}) },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			}
		}
		return [output];
	}
}
