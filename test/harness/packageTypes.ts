/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- loads source files listed in package.json */
/**
 * Our node and credential classes, loaded from source (ts-jest) using the list in package.json `n8n`, so the
 * harness serves exactly what n8n would load from dist. Loading is lazy: a node that is still being written
 * only fails the tests that ask for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IExecuteFunctions,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/** n8n names community node types `<package>.<node name>`. */
export const PACKAGE_NAME = manifest.name;

/** `dist/nodes/X/X.node.js` → `new X()` from `nodes/X/X.node.ts` (n8n's loader also takes the class named like the file). */
function loadFromSource<T>(distPath: string): T {
	const sourcePath = join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const className = sourcePath.split('/').pop()!.split('.')[0];
	const exported = require(sourcePath) as Record<string, new () => T>;
	if (typeof exported[className] !== 'function') {
		throw new UnexpectedError(`${sourcePath} does not export a class named ${className}`);
	}
	return new exported[className]();
}

/** Stands in for n8n's Start/Manual Trigger: hands the test's input items to the node under test. */
// It passes items through and cannot fail, and is no tool: the node rules for published nodes do not apply.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: 'harnessStart',
		group: ['input'],
		version: 1,
		description: 'Emits the input items of the test',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const START_NODE_TYPE = 'harness.start';

/** NodeTypes for a test workflow: the start node, our package's nodes, and any extra (fake) node types. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>([[START_NODE_TYPE, new HarnessStart()]]);

	/** Registers a node type under `<package>.<description.name>` and returns that type name. */
	register(nodeType: INodeType | IVersionedNodeType): string {
		const name = `${PACKAGE_NAME}.${nodeType.description.name}`;
		this.types.set(name, nodeType);
		return name;
	}

	/** Our package node whose description name is `name` (e.g. 'zohoDesk'), loaded from source. */
	registerPackageNode(name: string): string {
		const typeName = `${PACKAGE_NAME}.${name}`;
		if (this.types.has(typeName)) return typeName;
		for (const distPath of manifest.n8n.nodes) {
			if (!distPath.endsWith(`.node.js`)) continue;
			const fileName = distPath.split('/').pop()!.replace('.node.js', '');
			if (fileName.toLowerCase() !== name.toLowerCase()) continue;
			return this.register(loadFromSource<INodeType | IVersionedNodeType>(distPath));
		}
		throw new UnexpectedError(`package.json lists no node named "${name}"`);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new UnexpectedError(`Unknown node type "${nodeType}" in the test workflow`);
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * n8n-nodes-base's `oAuth2Api`, reduced to the fields n8n-core's OAuth2 request flow reads (defaults as in
 * n8n's OAuth2Api.credentials.ts). Our OAuth2 credential `extends` it.
 */
class OAuth2Api implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	properties: ICredentialType['properties'] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'options', default: 'authorizationCode',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			] },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'options', default: 'header',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			] },
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	];
}

/** Credential types by name: ours (from package.json, loaded on first use) plus n8n's oAuth2Api parent. */
export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>([['oAuth2Api', new OAuth2Api()]]);

	getByName(name: string): ICredentialType {
		let type = this.types.get(name);
		if (!type) {
			// n8n requires a credential's `name` to be its class name with a lower-case first letter.
			const distPath = manifest.n8n.credentials.find((path) => {
				const className = path.split('/').pop()!.replace('.credentials.js', '');
				return className.charAt(0).toLowerCase() + className.slice(1) === name;
			});
			if (!distPath) throw new UnexpectedError(`Unknown credential type "${name}"`);
			type = loadFromSource<ICredentialType>(distPath);
			this.types.set(name, type);
		}
		return type;
	}

	/** All ancestors via `extends`, nearest first (as n8n's CredentialTypes.getParentTypes). */
	getParentTypes(name: string): string[] {
		const parents = this.getByName(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}
