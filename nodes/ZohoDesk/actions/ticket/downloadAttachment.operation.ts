import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import { recordId } from '../../../core/records';
import { RETRY_POLICY, zohoDeskRequest } from '../../../core/transport';
import type { ByteStream } from '../../../core/transport';
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

/**
 * The attachment as the item's binary data, with Zoho's file name and MIME type. The bytes stream from Zoho into
 * n8n's binary data store (prepareBinaryData takes the stream): in n8n's filesystem mode (n8n 2.x's default) the file
 * goes to disk and is never held in memory whole. The per-attempt timeout ends a transfer that stalls (n8n's request helper destroys
 * the idle socket).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemsWithFiles> {
	const attachmentId = recordId.call(this, 'attachmentId', itemIndex);
	const field = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const { body, headers = {} } = await zohoDeskRequest.call(this, {
		path: ticketPath.call(this, itemIndex, `/attachments/${attachmentId}/content`),
		streamResponse: true,
		itemIndex,
	});
	const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const fileName = fileNameOf(headers['content-disposition']) ?? attachmentId;
	const binary = await this.helpers
		.prepareBinaryData((body as ByteStream | undefined) ?? Buffer.alloc(0), fileName, mimeType)
		.catch((error: Error & { code?: string }) => {
			const message = `The download from Zoho Desk broke off (${error.code ?? error.message}): nothing was stored`;
			const failure = new NodeApiError(this.getNode(), error as unknown as JsonObject, {
				message,
				description: `The connection dropped, or no data came for ${RETRY_POLICY.timeoutMs / 1000} s. A download changes nothing in Zoho Desk: run the item again.`,
				itemIndex,
			});
			failure.message = message; // NodeApiError puts its generic text for a network code (ECONNRESET) in its place
			throw failure;
		});
	// n8n 2.x counts the bytes it stored (`bytes`); n8n 1.x does not, and Zoho sends the length.
	const size = binary.bytes ?? (Number(headers['content-length']) || undefined);
	return {
		items: [
			{
				json: { ticketId: recordId.call(this, 'ticketId', itemIndex), attachmentId, fileName, mimeType, size },
				binary: { [field]: binary },
			},
		],
	};
}
