/**
 * Runs our nodes through n8n-core's real execution code, with a credentials helper that behaves like n8n's
 * (credentialsHelper.ts) and an in-memory credential store the test can inspect afterwards.
 *
 *   executeNode       Start → node, run by WorkflowExecute (mode 'manual'), like "Execute workflow" in the editor;
 *                     also gives what the user sees besides the items: the editor's console messages, the
 *                     execution hints and n8n's log lines
 *   runPoll           poll() in a PollContext, as an active workflow ('trigger') or "Fetch test event" ('manual')
 *   activePoller      poll() again and again on one workflow, as n8n's cron runs an active poll trigger
 *   runWebhookMethod  webhookMethods.default.checkExists/create/delete in a HookContext, as n8n's WebhookService
 *   deliverWebhook    webhook() in a WebhookContext with a fake express request/response
 *   loadOptions / listSearch / resourceMapperColumns   methods.loadOptions / listSearch / resourceMapping in a LoadOptionsContext
 *   testCredentials   a credential's `test` request, as the credential's "Test" button runs it (credentialTest.ts)
 *   requestZohoDesk   one call of our transport (nodes/core/transport) from the node's context, as a picker makes it
 *
 * Every call builds a fresh workflow; state that n8n keeps between runs is passed back in by the caller:
 * `staticData` (the workflow's static data returned by the previous call) and `credentials` (a CredentialStore,
 * or the `credentials` snapshot a call returned).
 *
 *   const { items, error, credentials } = await executeNode({
 *     nodeType: 'zohoDesk',
 *     parameters: { resource: 'ticket', operation: 'get', id: { __rl: true, mode: 'id', value: TICKET_ID } },
 *     credentials: { zohoDeskSelfClientApi: { dataCenter: 'eu', orgId, clientId, clientSecret, grantCode: 'code' } },
 *   });
 *   expect(credentials.zohoDeskSelfClientApi.grantCode).toBe('');
 *
 * Every Zoho Desk request these send is also checked against Zoho's spec when the test file ends (test/contract).
 */
import {
	ExecutionLifecycleHooks,
	HookContext,
	LoadOptionsContext,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
// Not re-exported by n8n-core's index; it is what ActiveWorkflows calls to run a poll.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	ExecutionBaseError,
	IDataObject,
	INodeExecutionData,
	IRun,
	NodeExecutionHint,
	INodeListSearchResult,
	INodePropertyOptions,
	IWorkflowBase,
	ResourceMapperFields,
} from 'n8n-workflow';
import { UnexpectedError, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { zohoDeskRequest } from '../../nodes/core/transport';
import type { ZohoDeskRequest, ZohoDeskResponse } from '../../nodes/core/transport';
import type { CredentialsByType } from './credentialsHelper';
import { coreContainer, listenToLog } from './n8nContainer';
import type { LogLevel } from './n8nContainer';
import { buildWorkflow, staticDataOf, webhookDataFor, type NodeUnderTest } from './workflow';

export { CredentialStore, type CredentialsByType } from './credentialsHelper';
export { testCredentials } from './credentialTest';
export { deliverWebhook, type WebhookDelivery, type WebhookRequest } from './webhookDelivery';
export { N8N_BASE_URL, WEBHOOK_ID, type NodeUnderTest } from './workflow';

export interface ExecuteResult {
	/** The node's first output */
	items: INodeExecutionData[];
	/** The error that stopped the run (a NodeApiError/NodeOperationError from the node), if any */
	error?: ExecutionBaseError;
	credentials: CredentialsByType;
	/** What the node sent to the editor's browser console while it ran (sendMessageToUI), in order */
	consoleMessages: unknown[][];
	/** The execution hints n8n shows with the node's output */
	hints: NodeExecutionHint[];
	/** Lines n8n logged while the node ran */
	logs: Array<{ level: LogLevel; message: string }>;
}

export async function executeNode(
	test: NodeUnderTest & { input?: INodeExecutionData[]; continueOnFail?: boolean },
): Promise<ExecuteResult> {
	const onError = test.continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	const { workflow, node, store, additionalData } = buildWorkflow(test, true, onError);
	// n8n's WorkflowRunner binds this to the editor's push connection ('sendConsoleMessage' → the browser console).
	const consoleMessages: unknown[][] = [];
	additionalData.sendDataToUI = (type: string, data: IDataObject | IDataObject[]) => {
		if (type === 'sendConsoleMessage') consoleMessages.push((data as { messages: unknown[] }).messages);
	};
	const logs: ExecuteResult['logs'] = [];
	const stopListening = listenToLog((level, message) => logs.push({ level, message }));
	additionalData.hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', {
		id: workflow.id,
		name: workflow.name,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: false,
	} as IWorkflowBase);
	const start = { node: workflow.getNode('Start')!, data: { main: [test.input ?? [{ json: {} }]] }, source: null };
	const runExecutionData = createRunExecutionData({ executionData: { nodeExecutionStack: [start] } });
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	} finally {
		stopListening();
	}
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		items: task?.data?.main[0] ?? [],
		error: run.data.resultData.error ?? task?.error,
		credentials: store.snapshot(),
		consoleMessages,
		hints: task?.hints ?? [],
		logs,
	};
}

export async function runPoll(
	test: NodeUnderTest & { mode?: 'trigger' | 'manual' },
): Promise<{ items: INodeExecutionData[]; staticData: IDataObject; credentials: CredentialsByType }> {
	const { workflow, node, store, additionalData } = buildWorkflow(test);
	const mode = test.mode ?? 'trigger';
	const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
	// poll() returns null when there is nothing new; n8n then starts no execution.
	const response = await coreContainer().get(TriggersAndPollers).runPoll(workflow, node, context);
	// An active workflow keeps its static data; a manual run's changes are dropped (n8n saves static data
	// only when the execution mode is not 'manual', execution-lifecycle-hooks.ts).
	const staticData = mode === 'manual' ? deepCopy(test.staticData ?? {}) : staticDataOf(workflow);
	return { items: response?.[0] ?? [], staticData, credentials: store.snapshot() };
}

/**
 * An active workflow as n8n's ActiveWorkflows keeps it: one workflow (one static data object in memory) whose
 * polls n8n's cron starts on every tick without waiting for the previous one, so polls can overlap.
 */
export function activePoller(test: NodeUnderTest): { poll: () => Promise<INodeExecutionData[]>; staticData: () => IDataObject } {
	const { workflow, node, additionalData } = buildWorkflow(test);
	return {
		async poll() {
			const context = new PollContext(workflow, node, additionalData, 'trigger', 'activate');
			const response = await coreContainer().get(TriggersAndPollers).runPoll(workflow, node, context);
			return response?.[0] ?? [];
		},
		staticData: () => staticDataOf(workflow),
	};
}

/**
 * mode 'trigger': workflow activation; getNodeWebhookUrl gives `<base>/webhook/<webhookId>/<path>`.
 * mode 'manual': the editor listening for a test event; `<base>/webhook-test/<webhookId>/<path>`.
 */
export async function runWebhookMethod(
	test: NodeUnderTest & { method: 'checkExists' | 'create' | 'delete'; mode?: 'trigger' | 'manual' },
): Promise<{ result: boolean | undefined; staticData: IDataObject; credentials: CredentialsByType }> {
	const mode = test.mode ?? 'trigger';
	const setup = buildWorkflow(test);
	const method = setup.nodeType.webhookMethods?.default?.[test.method];
	if (!method) throw new UnexpectedError(`${setup.node.type} has no webhookMethods.default.${test.method}`);
	const activation = mode === 'manual' ? 'manual' : 'activate';
	const webhookData = webhookDataFor(setup, mode, { name: 'default' });
	if (!webhookData) throw new UnexpectedError(`${setup.node.type} has no default webhook`);
	const context = new HookContext(setup.workflow, setup.node, setup.additionalData, mode, activation, webhookData);
	const result = await method.call(context);
	return { result, staticData: staticDataOf(setup.workflow), credentials: setup.store.snapshot() };
}

/** The node as the editor holds it while a picker loads (n8n's DynamicNodeParametersService). */
function loadOptionsContext(test: NodeUnderTest, path: string) {
	const setup = buildWorkflow(test);
	setup.additionalData.currentNodeParameters = setup.node.parameters;
	return { methods: setup.nodeType.methods, context: new LoadOptionsContext(setup.workflow, setup.node, setup.additionalData, path) };
}

export async function loadOptions(
	test: NodeUnderTest & { method: string; path?: string },
): Promise<INodePropertyOptions[]> {
	const { methods, context } = loadOptionsContext(test, test.path ?? '');
	const method = methods?.loadOptions?.[test.method];
	if (!method) throw new UnexpectedError(`No methods.loadOptions.${test.method}`);
	return await method.call(context);
}

/** One call of our transport through n8n's real request helpers, as the node under test would make it. */
export async function requestZohoDesk(test: NodeUnderTest, request: ZohoDeskRequest): Promise<ZohoDeskResponse<unknown>> {
	const { context } = loadOptionsContext(test, '');
	return await zohoDeskRequest.call(context, request);
}

export async function resourceMapperColumns(
	test: NodeUnderTest & { method: string; path?: string },
): Promise<ResourceMapperFields> {
	const { methods, context } = loadOptionsContext(test, test.path ?? '');
	const method = methods?.resourceMapping?.[test.method];
	if (!method) throw new UnexpectedError(`No methods.resourceMapping.${test.method}`);
	return await method.call(context);
}

export async function listSearch(
	test: NodeUnderTest & { method: string; filter?: string; paginationToken?: string; path?: string },
): Promise<INodeListSearchResult> {
	const { methods, context } = loadOptionsContext(test, test.path ?? '');
	const method = methods?.listSearch?.[test.method];
	if (!method) throw new UnexpectedError(`No methods.listSearch.${test.method}`);
	return await method.call(context, test.filter, test.paginationToken);
}
