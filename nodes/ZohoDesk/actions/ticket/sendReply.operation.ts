import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zohoDeskApi } from '../../../shared/transport';
import { ticketLocator, ticketPath } from './conversation';
import { replyBody, replyOptions, replyProperties } from './reply';
import { sourceIdOf } from './writeParameters';

const properties: INodeProperties[] = [
	ticketLocator('The ticket to reply to'),
	...replyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...replyOptions,
			{
				displayName: 'New Ticket Status',
				name: 'ticketStatus',
				type: 'string',
				default: '',
				placeholder: 'e.g. Closed',
				description: "Status to set on the ticket with the reply, as named in Zoho (custom statuses too). Empty keeps the ticket's status.",
			},
		],
	},
];

export const option = {
	name: 'Send Reply',
	description: 'Email a reply on a ticket from one of the portal\'s addresses; returns the sent thread',
	action: 'Send a reply on a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['sendReply'] } }, properties);

/** Sends the email and returns the new thread (its id, content, to, cc, status SUCCESS or PENDING). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const thread = (await zohoDeskApi.call(this, {
		method: 'POST',
		path: ticketPath.call(this, itemIndex, '/sendReply'),
		body: replyBody.call(this, itemIndex),
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject | undefined;
	return thread ? [thread] : [];
}
