import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllProperties, optionsCollection } from '../../../core/descriptions';
import { compact } from '../../../core/query';
import { csv } from '../../../core/records';
import { readPages } from '../../../core/sync';
import { CONVERSATION_PAGE_SIZE, ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket whose comments to return'),
	...returnAllProperties(),
	optionsCollection([
		{
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			options: [
				{ name: 'Mentions', value: 'mentions', description: 'The agents and teams each comment @mentions' },
				{ name: 'Plain Text', value: 'plainText', description: "Each comment's text without HTML" },
			],
			default: [],
		},
		{
			displayName: 'Newest First',
			name: 'newestFirst',
			type: 'boolean',
			default: false,
			description: 'Whether to return the newest comment first (Zoho returns the oldest first)',
		},
	]),
];

export const option = {
	name: 'Get Comments',
	description: "List a ticket's comments",
	action: 'Get ticket comments',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['getComments'] } },
	properties,
);

/** The ticket's comments (id, content, isPublic, commenter, commentedTime, modifiedTime), oldest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await readPages(this, {
		path: ticketPath.call(this, itemIndex, '/comments'),
		qs: compact({ include: csv(options.include), sortBy: options.newestFirst ? '-commentedTime' : undefined }),
		pageSize: CONVERSATION_PAGE_SIZE,
		limit,
		itemIndex,
	});
}
