/**
 * An in-memory twin of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts): same defaults,
 * expression resolution, generic `authenticate`, `preAuthentication` trigger rule and persistence, with a
 * Map instead of the database. Enterprise paths (dynamic credentials, external secrets, overwrites, policy)
 * are left out: they never apply to a community node's credential.
 */
import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, Workflow, deepCopy, isExpression } from 'n8n-workflow';

import type { HarnessCredentialTypes } from './packageTypes';

export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/** What the database would hold: each credential's saved fields, by credential type (one credential per type). */
export class CredentialStore {
	private readonly saved = new Map<string, ICredentialDataDecryptedObject>();

	constructor(initial: CredentialsByType = {}) {
		for (const [type, data] of Object.entries(initial)) this.saved.set(type, deepCopy(data));
	}

	has(type: string): boolean {
		return this.saved.has(type);
	}

	read(type: string): ICredentialDataDecryptedObject {
		const data = this.saved.get(type);
		if (!data) throw new UnexpectedError(`The test set no credential of type "${type}"`);
		return deepCopy(data);
	}

	write(type: string, data: ICredentialDataDecryptedObject): void {
		this.saved.set(type, deepCopy(data));
	}

	/** The node's `credentials` field: a reference to every stored credential (id = type). */
	references(): Record<string, INodeCredentialsDetails> {
		return Object.fromEntries([...this.saved.keys()].map((type) => [type, { id: type, name: type }]));
	}

	snapshot(): CredentialsByType {
		return Object.fromEntries([...this.saved].map(([type, data]) => [type, deepCopy(data)]));
	}
}

/** n8n drops stored values of these when the type declares them hidden, so the type's default wins. */
const PINNED_OAUTH_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'authentication', 'requestTokenUrl', 'signatureMethod'];

/** The placeholder node and node types n8n resolves credential expressions against outside an execution. */
const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeType = { description: { properties: [] } } as unknown as INodeType;
const mockNodeTypes = { getByName: () => mockNodeType, getByNameAndVersion: () => mockNodeType, getKnownTypes: () => ({}) };

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store: CredentialStore,
		private readonly credentialTypes: HarnessCredentialTypes,
	) {
		super();
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, Record<string, unknown>>;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][this.resolve(key, credentials, workflow, node)] = this.resolve(
						value,
						credentials,
						workflow,
						node,
					);
				}
			}
		}
		return requestOptions;
	}

	/** n8n's rule: run the credential's preAuthentication when its first expirable hidden field is empty or a request got 401. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') return undefined;
		const testingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testingCredentials) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		const reference = node.credentials[credentialType.name];
		const stored = this.store.read(reference.id ?? credentialType.name);
		// As n8n: never replace a field the user stored as an expression with this run's resolved value.
		for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
			if (key === expirable.name || !isExpression(stored[key])) stored[key] = value;
		}
		await this.updateCredentials(reference, credentialType.name, stored);
		return Object.assign(credentials, output);
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		credentials.setData(this.store.read(nodeCredentials.id ?? type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.read(nodeCredentials.id ?? type);
		if (raw === true) return stored;

		const properties = this.getCredentialsProperties(type);
		const withoutPinned = { ...stored };
		for (const field of PINNED_OAUTH_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete withoutPinned[field];
		}
		let decrypted = NodeHelpers.getNodeParameters(
			properties,
			withoutPinned as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// oauthTokenData is no declared property, so getNodeParameters dropped it.
		if (stored.oauthTokenData !== undefined) decrypted.oauthTokenData = stored.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
			decrypted = workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decrypted,
			) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
			decrypted = workflow.expression.getComplexParameterValue(
				mockNode,
				decrypted as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.write(nodeCredentials.id ?? type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const id = nodeCredentials.id ?? type;
		this.store.write(id, { ...this.store.read(id), oauthTokenData: data.oauthTokenData });
	}

	/** The type's properties merged with its parents' (the parent's oAuth2Api adds oauthTokenData), as n8n. */
	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private resolve(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}
}
