import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parallelRequestsOption, returnAllProperties, optionsCollection } from '../../../core/descriptions';
import { compact } from '../../../core/query';
import { DEFAULT_CONCURRENCY, readPages } from '../../../core/sync';
import { inParallel } from '../../../core/sync/parallel';
import { zohoDeskApi } from '../../../core/transport';
import { CONVERSATION_PAGE_SIZE, ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket whose email threads to return'),
	...returnAllProperties(),
	optionsCollection([
		{
			displayName: 'Include Content',
			name: 'includeContent',
			type: 'boolean',
			default: false,
			description:
				"Whether to add each thread's full content (content as sent, and plainText). Zoho's list gives only a summary, so this reads every thread: one more call per thread.",
		},
		{
			displayName: 'Oldest First',
			name: 'oldestFirst',
			type: 'boolean',
			default: false,
			description: 'Whether to return the oldest thread first (Zoho returns the newest first)',
		},
		parallelRequestsOption,
	]),
];

export const option = {
	name: 'Get Threads',
	description: "List a ticket's email threads, optionally with their full content",
	action: 'Get ticket threads',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['getThreads'] } },
	properties,
);

/**
 * Each listed thread with its full content. Zoho has no list with content: the list's items carry a ~100-character
 * summary, and "Get a thread" (`?include=plainText`) returns one thread whole, so this is one call per thread,
 * a few at a time, in the list's order.
 */
async function withContent(
	this: IExecuteFunctions,
	threadsPath: string,
	threads: IDataObject[],
	concurrency: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const full: IDataObject[] = new Array(threads.length);
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < threads.length) {
			const at = next++;
			const thread = (await zohoDeskApi.call(this, {
				path: `${threadsPath}/${String(threads[at].id)}`,
				qs: { include: 'plainText' },
				itemIndex,
			})) as IDataObject | undefined;
			full[at] = { ...threads[at], ...thread };
		}
	};
	await inParallel(Math.min(concurrency, threads.length), worker, () => {
		stopped = true;
	});
	return full;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const path = ticketPath.call(this, itemIndex, '/threads');
	const threads = await readPages(this, {
		path,
		qs: compact({ sortBy: options.oldestFirst ? 'sendDateTime' : undefined }),
		pageSize: CONVERSATION_PAGE_SIZE,
		limit,
		itemIndex,
	});
	if (!options.includeContent) return threads;
	const concurrency = (options.parallelRequests as number | undefined) ?? DEFAULT_CONCURRENCY;
	return await withContent.call(this, path, threads, concurrency, itemIndex);
}
