import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zohoDeskApi } from '../../../shared/transport';
import { ticketLocator, ticketPath } from './conversation';
import { replyBody, replyOptions, replyProperties } from './reply';
import { sourceIdOf } from './writeParameters';

const properties: INodeProperties[] = [
	ticketLocator('The ticket to draft a reply on'),
	...replyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: replyOptions,
	},
];

export const option = {
	name: 'Save Draft Reply',
	description: 'Save an email reply on a ticket as a draft, without sending it',
	action: 'Save a draft reply on a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['saveDraftReply'] } }, properties);

/** Saves the reply as a draft (nothing is sent) and returns the draft thread, status DRAFT. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const draft = (await zohoDeskApi.call(this, {
		method: 'POST',
		path: ticketPath.call(this, itemIndex, '/draftReply'),
		body: replyBody.call(this, itemIndex),
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject | undefined;
	return draft ? [draft] : [];
}
