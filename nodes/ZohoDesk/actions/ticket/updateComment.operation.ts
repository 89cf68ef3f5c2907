import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zohoDeskApi } from '../../../core/transport';
import { commentLocator, commentPath, ticketLocator } from './conversation';
import { sourceIdOf, writeOptions } from '../../../core/writeOperations';

const properties: INodeProperties[] = [
	ticketLocator('The ticket the comment is on'),
	commentLocator('The comment to change'),
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: "The comment's new text; it replaces the old one",
	},
	writeOptions,
];

export const option = {
	name: 'Update Comment',
	description: 'Replace a ticket comment\'s text',
	action: 'Update a ticket comment',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['updateComment'] } }, properties);

/** Replaces the comment's content and returns the comment (modifiedTime set). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const content = this.getNodeParameter('content', itemIndex, '') as string;
	if (!content.trim()) throw new NodeOperationError(this.getNode(), 'The comment has no content', { itemIndex });
	const comment = (await zohoDeskApi.call(this, {
		method: 'PATCH',
		path: commentPath.call(this, itemIndex),
		body: { content },
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject | undefined;
	return comment ? [comment] : [];
}
