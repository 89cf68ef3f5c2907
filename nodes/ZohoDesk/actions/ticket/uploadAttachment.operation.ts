import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../core/descriptions';
import { ATTACHMENT_MAX_BYTES, binaryFieldProperty, itemFile, sendFile } from './attachment';
import { ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket to attach the file to'),
	binaryFieldProperty(
		'Input Binary Field',
		`Name of the binary field of the input item that holds the file (at most ${ATTACHMENT_MAX_BYTES / 2 ** 20} MiB)`,
	),
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "Name to give the file instead of the binary data's own",
		},
		{
			displayName: 'Public',
			name: 'isPublic',
			type: 'boolean',
			default: false,
			description: 'Whether the customer can see the attachment in the help center',
		},
	]),
];

export const option = {
	name: 'Upload Attachment',
	description: 'Attach a file to a ticket',
	action: 'Upload a ticket attachment',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['uploadAttachment'] } },
	properties,
);

/**
 * Uploads the item's binary data as multipart/form-data, keeping its file name and MIME type; a file over the size
 * limit is refused before anything is sent. A lost answer is not sent again (the transport's never-twice rule): the
 * error says the file may or may not have been attached.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const field = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const file = await itemFile.call(this, itemIndex, field, options.fileName as string | undefined);
	const attachment = await sendFile.call(this, itemIndex, file, {
		path: ticketPath.call(this, itemIndex, '/attachments'),
		qs: { isPublic: options.isPublic === true },
		scope: 'Desk.tickets.UPDATE',
	});
	return [attachment];
}
