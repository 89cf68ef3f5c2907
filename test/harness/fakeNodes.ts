/**
 * Tiny node types for the harness self-tests. They pick the credential as our nodes do but call
 * httpRequestWithAuthentication directly (not our transport), so the tests exercise n8n's auth, not our nodes.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, credentialDescriptions, credentialTypeOf } from '../../nodes/core/transport';
import type { ZohoDeskContext } from '../../nodes/core/transport';

async function listDepartments(ctx: ZohoDeskContext): Promise<IDataObject> {
	const credentialType = credentialTypeOf(ctx);
	const credentials = await ctx.getCredentials(credentialType);
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
		method: 'GET',
		url: `${String(credentials.customDeskUrl || 'https://desk.zoho.eu')}/api/v1/departments`,
		qs: { limit: ctx.getNode().parameters.limit },
		headers: { orgId: credentials.orgId as string },
		json: true,
	}, { oauth2: { includeCredentialsOnRefreshOnBody: true } })) as IDataObject;
}

const description = (name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: [1, 2],
	description: 'Harness self-test node',
	defaults: { name },
	inputs: ['main'],
	outputs: ['main'],
	credentials: credentialDescriptions,
	properties: [
		authenticationProperty,
		{ displayName: 'Fail On Item', name: 'failOnItem', type: 'number', default: -1 },
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 2 },
	],
	...extra,
});

/** Lists departments once per input item; `failOnItem` makes that item throw. */
export class FakeDeskAction implements INodeType {
	description = description('fakeDeskAction');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (this.getNodeParameter('failOnItem', i) === i) throw new Error(`item ${i} failed`);
				output.push({ json: { ...(await listDepartments(this)), typeVersion: this.getNode().typeVersion }, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [output];
	}
}

/** Emits departments it has not emitted before, remembering their ids in static data; null when none are new. */
export class FakeDeskPoll implements INodeType {
	description = description('fakeDeskPoll', { group: ['trigger'], inputs: [], polling: true });

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const seen = this.getWorkflowStaticData('node') as { ids?: string[] };
		const fresh = ((await listDepartments(this)).data as IDataObject[]).filter((d) => !seen.ids?.includes(d.id as string));
		if (fresh.length === 0) return null;
		seen.ids = [...(seen.ids ?? []), ...fresh.map((d) => d.id as string)];
		return [fresh.map((json) => ({ json }))];
	}
}

/** Registers its webhook URL in static data; answers GET itself with 200 and starts the workflow on POST. */
export class FakeDeskWebhook implements INodeType {
	description = description('fakeDeskWebhook', {
		group: ['trigger'],
		inputs: [],
		// Like Zoho Desk's trigger: a GET webhook for Zoho's validation call and a POST one for events, same path.
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: '={{"POST"}}', responseMode: 'onReceived', path: 'webhook' },
		],
	});

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').registeredUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').registeredUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').registeredUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		if (this.getWebhookName() === 'setup') {
			this.getResponseObject().status(200).send('');
			return { noWebhookResponse: true };
		}
		const raw = (request as unknown as { rawBody: Buffer }).rawBody.toString();
		return { workflowData: [[{ json: { body: this.getBodyData(), raw, signature: this.getHeaderData()['x-signature'] } }]] };
	}
}

/** A picker listing departments, in both load-options and list-search form. */
export class FakeDeskPicker implements INodeType {
	description = description('fakeDeskPicker');

	methods = {
		loadOptions: {
			async getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { data } = await listDepartments(this);
				return (data as IDataObject[]).map((d) => ({ name: d.name as string, value: d.id as string }));
			},
		},
		listSearch: {
			async searchDepartments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				const { data } = await listDepartments(this);
				const matches = (data as IDataObject[]).filter((d) => !filter || (d.name as string).includes(filter));
				return { results: matches.map((d) => ({ name: d.name as string, value: d.id as string })) };
			},
		},
	};
}
