/**
 * testCredentials: the "Test" button of a saved credential, as n8n's CredentialsTester runs a credential's
 * `test` request (packages/cli/src/services/credentials-tester.service.ts): a temporary NoOp node whose one
 * parameter routes the test request, run by n8n-core's RoutingNode; `rules` turn status codes into messages.
 * As in n8n, the NoOp node makes preAuthentication run (and persist) even when an access token is stored.
 *
 * Rules match on `error.cause.response.status`, as in n8n (1.123 and 2.41 alike). n8n-workflow up to at least
 * 2.11 (and 1.120) drops a NodeApiError's Error cause (a `cause;` class field re-initialised after super()), so
 * with those versions an HTTP error never meets a rule and the user sees n8n's generic message instead.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CredentialStore, type CredentialsByType } from './credentialsHelper';
import { HarnessCredentialTypes } from './packageTypes';
import { additionalDataFor } from './workflow';

/** n8n's credentials helper recognises a credential test by this node type with an empty `temp` parameter. */
const NOOP = 'n8n-nodes-base.noOp';

interface HttpCause {
	cause?: { response?: { status: number; statusText?: string }; code?: string };
	message: string;
}

function resultOfError(error: HttpCause, rules: Array<{ type: string; properties: IDataObject }> = []): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === response.status);
		if (rule) return { status: 'Error', message: String(rule.properties.message) };
		if (response.status < 199 || response.status > 299) {
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: error.message };
}

export async function testCredentials(test: {
	type: string;
	credentials: CredentialsByType | CredentialStore;
}): Promise<INodeCredentialTestResult & { credentials: CredentialsByType }> {
	const store = test.credentials instanceof CredentialStore ? test.credentials : new CredentialStore(test.credentials);
	const { test: testRequest } = new HarnessCredentialTypes().getByName(test.type);
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.', credentials: store.snapshot() };

	const additionalData = additionalDataFor(store);
	const reference = { id: test.type, name: test.type };
	const credentialsDecrypted: ICredentialsDecrypted = {
		...reference,
		type: test.type,
		data: await additionalData.credentialsHelper.getDecrypted(additionalData, reference, test.type, 'internal'),
	};
	const noOp: INodeType = {
		description: {
			displayName: 'No Operation',
			name: NOOP,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: test.type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => noOp,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(noOp),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NOOP,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [test.type]: reference },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const loaded = workflow.getNode(node.name)!;
	const context = new ExecuteContext(
		workflow,
		loaded,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node: loaded, data: {}, source: null },
		[],
	);

	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await new RoutingNode(context, noOp, credentialsDecrypted).runNode();
	} catch (error) {
		return { ...resultOfError(error as HttpCause, testRequest.rules as never), credentials: store.snapshot() };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], body);
		if (value === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message, credentials: store.snapshot() };
		}
	}
	return { status: 'OK', message: 'Connection successful!', credentials: store.snapshot() };
}
