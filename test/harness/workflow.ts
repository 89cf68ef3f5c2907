/** Builds the workflow, node and additional data n8n would hand to a node's execution context. */
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError, Workflow, deepCopy } from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper, type CredentialsByType } from './credentialsHelper';
import { ensureN8nContainer } from './n8nContainer';
import { HarnessCredentialTypes, HarnessNodeTypes, START_NODE_TYPE } from './packageTypes';

/** Where the fake n8n instance lives; webhook URLs are built from it as n8n builds them. */
export const N8N_BASE_URL = 'https://n8n.harness.test';
/** n8n gives every webhook node a webhookId (a UUID) when it is added to a workflow. */
export const WEBHOOK_ID = 'harness-webhook-id';

export interface NodeUnderTest {
	/** Our node's description name ('zohoDesk', 'zohoDeskTrigger', ...) or a node type instance (fake nodes). */
	nodeType: string | INodeType;
	parameters: INodeParameters;
	/** Saved credentials by type, or a store shared between calls (updated in place, like n8n's database). */
	credentials: CredentialsByType | CredentialStore;
	/** The workflow's static data from a previous call; n8n keeps it between runs. */
	staticData?: IDataObject;
	typeVersion?: number;
}

export interface TestWorkflow {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	store: CredentialStore;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** What n8n hands every execution context; also readies n8n-core's DI container, which those contexts need. */
export function additionalDataFor(store: CredentialStore): IWorkflowExecuteAdditionalData {
	ensureN8nContainer();
	const unsupported = async () => {
		throw new UnexpectedError('Not supported by the test harness');
	};
	return {
		credentialsHelper: new HarnessCredentialsHelper(store, new HarnessCredentialTypes()),
		executeWorkflow: unsupported,
		getRunExecutionData: async () => undefined,
		startRunnerTask: unsupported,
		executionId: 'harness-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${N8N_BASE_URL}/rest`,
		instanceBaseUrl: N8N_BASE_URL,
		formWaitingBaseUrl: `${N8N_BASE_URL}/form-waiting`,
		webhookBaseUrl: `${N8N_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${N8N_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${N8N_BASE_URL}/webhook-test`,
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * The node under test in a workflow as n8n loads it (defaults filled in by the Workflow constructor), after a
 * Start node when `withStart`. `extra` overrides node fields (e.g. onError).
 */
export function buildWorkflow(test: NodeUnderTest, withStart = false, extra: Partial<INode> = {}): TestWorkflow {
	const nodeTypes = new HarnessNodeTypes();
	const type =
		typeof test.nodeType === 'string' ? nodeTypes.registerPackageNode(test.nodeType) : nodeTypes.register(test.nodeType);
	const { description } = nodeTypes.getByNameAndVersion(type);
	const store = test.credentials instanceof CredentialStore ? test.credentials : new CredentialStore(test.credentials);
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type,
		typeVersion: test.typeVersion ?? Math.max(...versions),
		position: [200, 0],
		parameters: deepCopy(test.parameters),
		credentials: store.references(),
		...(description.webhooks?.length ? { webhookId: WEBHOOK_ID } : {}),
		...extra,
	};
	const start: INode = { id: 'start', name: 'Start', type: START_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: withStart ? [start, node] : [node],
		connections: withStart ? { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } } : {},
		active: false,
		nodeTypes,
		staticData: deepCopy(test.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const loaded = workflow.getNode(node.name)!;
	return {
		workflow,
		node: loaded,
		nodeType: nodeTypes.getByNameAndVersion(loaded.type, loaded.typeVersion),
		store,
		additionalData: additionalDataFor(store),
	};
}

/** The workflow's static data as plain JSON, without n8n's change marker. */
export function staticDataOf(workflow: Workflow): IDataObject {
	const plain = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	delete plain.__dataChanged;
	return plain;
}

/**
 * The registration n8n builds for one of the node's webhooks (WebhookHelpers.getWorkflowWebhooks): the one
 * named `name`, or the one answering HTTP `method` (how n8n routes an incoming request); undefined if none.
 */
export function webhookDataFor(
	{ workflow, node, nodeType, additionalData }: TestWorkflow,
	mode: WorkflowExecuteMode,
	select: { name: string } | { method: string },
): IWebhookData | undefined {
	const resolve = (value: string | boolean | undefined, fallback?: string | boolean) =>
		workflow.expression.getSimpleParameterValue(node, value, mode, {}, undefined, fallback as string);
	const webhooks = (nodeType.description.webhooks ?? []).map((description) => ({
		description,
		httpMethod: String(resolve(description.httpMethod, 'GET')).toUpperCase() as IWebhookData['httpMethod'],
	}));
	const found = webhooks.find((webhook) =>
		'name' in select ? webhook.description.name === select.name : webhook.httpMethod === select.method.toUpperCase(),
	);
	if (!found) return undefined;
	const path = String(resolve(found.description.path));
	return {
		httpMethod: found.httpMethod,
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(workflow.id, node, path, resolve(found.description.isFullPath, false) === true),
		webhookDescription: found.description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: mode === 'manual',
	};
}
