/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Shared by the sync tests: the simulator, a Self Client credential for it, an interceptor that changes records at
 * an exact point of a read, and SyncProbe, a node that runs one read of nodes/core/sync inside n8n's
 * execution engine (so requests go through n8n's credential handling, like our real nodes).
 */
import http from 'node:http';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readAllRecords, readChangedSince } from '../../nodes/core/sync';
import type { TimeField } from '../../nodes/core/sync';
import { TABLES } from '../../nodes/core/tables';
import type { TableName } from '../../nodes/core/tables';
import { authenticationProperty, credentialDescriptions } from '../../nodes/core/transport';
import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
import type { Simulator } from '../fixtures';

export { credentialFor, liveIds, recordSleeps, startSim } from '../fixtures';
export type { Counters, Simulator } from '../fixtures';

/**
 * An HTTP proxy in front of the simulator's Desk API: before forwarding the n-th request whose path matches
 * `pattern` (1-based), it awaits `before(n)`, so a test can create, change or delete records mid-read.
 */
export async function startInterceptor(
	sim: Simulator,
	pattern: RegExp,
	before: (n: number) => void | Promise<void>,
): Promise<{ url: string; seen: () => number; close: () => Promise<void> }> {
	let count = 0;
	const target = new URL(sim.url);
	const server = http.createServer((req, res) => {
		const forward = async () => {
			if (pattern.test(req.url ?? '')) await before(++count);
			const upstream = http.request(
				{ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			req.pipe(upstream);
		};
		void forward();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		seen: () => count,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

export interface ProbeParameters extends IDataObject {
	read: 'all' | 'changed';
	table: TableName;
	qs?: IDataObject;
	field?: TimeField;
	since?: number;
	concurrency?: number;
}

/** Runs one sync read in n8n and outputs `{ records, method, stats, warnings, versions }` as one item. */
class SyncProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Probe',
		name: 'syncProbe',
		group: ['transform'],
		version: 1,
		description: 'Runs one read of nodes/core/sync',
		defaults: { name: 'Sync Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: credentialDescriptions,
		properties: [authenticationProperty, { displayName: 'Read', name: 'read', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const read = JSON.parse(this.getNodeParameter('read', 0) as string) as ProbeParameters;
		const table = TABLES[read.table];
		const options = { concurrency: read.concurrency };
		try {
			const result =
				read.read === 'all'
					? await readAllRecords(this, table, read.qs ?? {}, options)
					: await readChangedSince(this, table, read.field ?? 'modifiedTime', read.since ?? 0, read.qs ?? {}, options);
			return [[{ json: result as unknown as IDataObject, pairedItem: { item: 0 } }]];
		} catch (error) {
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
			return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
		}
	}
}

export interface ProbeResult {
	records: IDataObject[];
	method: string;
	stats: { calls: number; credits: number; counted?: number; repairs: number; splits: number };
	warnings: string[];
	versions?: Array<{ id: string; time: number }>;
}

export async function probe(credentials: CredentialStore, read: ProbeParameters): Promise<ProbeResult> {
	const { items, error } = await executeNode({ nodeType: new SyncProbe(), parameters: { read: JSON.stringify(read) }, credentials });
	if (error) throw error;
	return items[0].json as unknown as ProbeResult;
}

/** Ids that occur more than once. */
export function duplicates(records: IDataObject[]): string[] {
	const seen = new Set<string>();
	return records.map((record) => String(record.id)).filter((id) => seen.has(id) || !seen.add(id));
}

/** The floor the issue sets: ceil(N/100) calls of 3 credits each. */
export const creditFloor = (n: number) => Math.ceil(n / 100) * 3;
