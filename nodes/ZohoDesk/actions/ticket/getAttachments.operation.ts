import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../../../core/descriptions';
import { readPages } from '../../../core/sync';
import { ATTACHMENT_PAGE_SIZE } from './attachment';
import { ticketLocator, ticketPath } from './conversation';

const properties: INodeProperties[] = [ticketLocator('The ticket whose attachments to list'), ...returnAllProperties()];

export const option = { name: 'Get Attachments', description: "List a ticket's attachments", action: 'Get ticket attachments' };

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getAttachments'] } }, properties);

/** One item per attachment: id, name, size, isPublic, creator, created time and `href` (where Download reads it). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const path = ticketPath.call(this, itemIndex, '/attachments');
	return await readPages(this, { path, pageSize: ATTACHMENT_PAGE_SIZE, limit, itemIndex });
}
