import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordId } from '../../../core/records';
import { zohoDeskRequest } from '../../../core/transport';
import type { ItemsWithFiles } from '../node.type';
import { attachmentLocator, binaryFieldProperty, fileNameOf } from './attachment';
import { ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket the attachment is on'),
	attachmentLocator('The attachment to download (its ID, from Get Attachments)'),
	binaryFieldProperty('Put Output File in Field', 'Name of the binary field to put the file in'),
];

export const option = { name: 'Download Attachment', description: 'Download a ticket attachment as binary data', action: 'Download a ticket attachment' };

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['downloadAttachment'] } }, properties);

/** The attachment's bytes as the item's binary data (n8n's binary helpers), with Zoho's file name and MIME type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemsWithFiles> {
	const attachmentId = recordId.call(this, 'attachmentId', itemIndex);
	const field = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const { body, headers = {} } = await zohoDeskRequest.call(this, {
		path: ticketPath.call(this, itemIndex, `/attachments/${attachmentId}/content`),
		binaryResponse: true,
		itemIndex,
	});
	const data = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
	const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const fileName = fileNameOf(headers['content-disposition']) ?? attachmentId;
	const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
	return {
		items: [
			{
				json: { ticketId: recordId.call(this, 'ticketId', itemIndex), attachmentId, fileName, mimeType, size: data.length },
				binary: { [field]: binary },
			},
		],
	};
}
