import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../core/descriptions';
import { zohoDeskApi } from '../../../core/transport';
import { attachmentsOption, withAttachments } from './attachment';
import { commentContentProperties, ticketLocator, ticketPath } from './conversation';
import { sourceIdOf, sourceIdOption } from '../../../core/writeOperations';

const properties: INodeProperties[] = [
	ticketLocator('The ticket to comment on'),
	...commentContentProperties,
	{
		displayName: 'Public',
		name: 'isPublic',
		type: 'boolean',
		default: false,
		description: 'Whether the customer can see the comment in the help center. Off: a private note for agents.',
	},
	optionsCollection([attachmentsOption, sourceIdOption]),
];

export const option = {
	name: 'Add Comment',
	description: 'Add a public or private comment to a ticket; returns the comment',
	action: 'Add a comment to a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['addComment'] } }, properties);

/** Adds the comment, with the item's files when Attachments names them, and returns it (id, content, attachments…). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const content = this.getNodeParameter('content', itemIndex, '') as string;
	if (!content.trim()) throw new NodeOperationError(this.getNode(), 'The comment has no content', { itemIndex });
	const comment = (await withAttachments.call(this, itemIndex, 'comment', async (attachmentIds) =>
		(await zohoDeskApi.call(this, {
			method: 'POST',
			path: ticketPath.call(this, itemIndex, '/comments'),
			body: {
				content,
				contentType: this.getNodeParameter('contentType', itemIndex, 'plainText') as string,
				isPublic: this.getNodeParameter('isPublic', itemIndex, false) as boolean,
				// Required by Zoho's spec, an empty list when there are no files.
				attachmentIds,
			},
			itemIndex,
			scope: 'Desk.tickets.UPDATE',
			sourceId: sourceIdOf.call(this, itemIndex),
		})) as IDataObject | undefined,
	)) as IDataObject | undefined;
	return comment ? [comment] : [];
}
