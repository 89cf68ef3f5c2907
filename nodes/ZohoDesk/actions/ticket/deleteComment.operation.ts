import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordId } from '../../../core/records';
import { zohoDeskApi } from '../../../core/transport';
import { commentLocator, commentPath, ticketLocator } from './conversation';
import { sourceIdOf, writeOptions } from '../../../core/writeOperations';

const properties: INodeProperties[] = [
	ticketLocator('The ticket the comment is on'),
	commentLocator('The comment to delete'),
	writeOptions,
];

export const option = {
	name: 'Delete Comment',
	description: 'Delete a comment of a ticket',
	action: 'Delete a ticket comment',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['deleteComment'] } }, properties);

/** Deletes the comment for good; returns { deleted: true, ticketId, commentId }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await zohoDeskApi.call(this, {
		method: 'DELETE',
		path: commentPath.call(this, itemIndex),
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
	});
	return [
		{
			deleted: true,
			ticketId: recordId.call(this, 'ticketId', itemIndex),
			commentId: recordId.call(this, 'commentId', itemIndex),
		},
	];
}
