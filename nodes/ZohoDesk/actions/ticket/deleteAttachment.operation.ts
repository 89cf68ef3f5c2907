import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordId } from '../../../core/records';
import { zohoDeskApi } from '../../../core/transport';
import { attachmentLocator } from './attachment';
import { ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket the attachment is on'),
	attachmentLocator('The attachment to delete'),
];

export const option = { name: 'Delete Attachment', description: 'Delete a ticket attachment', action: 'Delete a ticket attachment' };

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['deleteAttachment'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const attachmentId = recordId.call(this, 'attachmentId', itemIndex);
	await zohoDeskApi.call(this, {
		method: 'DELETE',
		path: ticketPath.call(this, itemIndex, `/attachments/${attachmentId}`),
		itemIndex,
	});
	return [{ deleted: true, ticketId: recordId.call(this, 'ticketId', itemIndex), attachmentId }];
}
