import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { pickerMethod, TABLES } from '../../../core/tables';
import { TICKET_URL_REGEX } from './get.operation';

/** What the conversation operations (threads, replies, comments) share: the ticket and comment pickers and paths. */

/** Whether a comment's or reply's content is plain text or HTML. */
export const contentTypeProperty: INodeProperties = {
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	options: [
		{ name: 'Plain Text', value: 'plainText' },
		{ name: 'HTML', value: 'html' },
	],
	default: 'plainText',
};

/** Zoho lists threads and comments 100 at a time. */
export const CONVERSATION_PAGE_SIZE = 100;

export function ticketLocator(description: string): INodeProperties {
	return recordLocator({
		name: 'ticketId',
		displayName: 'Ticket',
		searchListMethod: pickerMethod(TABLES.tickets),
		urlRegex: TICKET_URL_REGEX,
		required: true,
		description,
	});
}

export function commentLocator(description: string): INodeProperties {
	return recordLocator({
		name: 'commentId',
		displayName: 'Comment',
		searchListMethod: 'searchTicketComments',
		required: true,
		description,
	});
}

/** `/tickets/{ticketId}` + `rest`, with the ticket picked for this item. */
export function ticketPath(this: IExecuteFunctions, itemIndex: number, rest: string): string {
	return `/tickets/${recordId.call(this, 'ticketId', itemIndex)}${rest}`;
}

/** `/tickets/{ticketId}/comments/{commentId}` for this item. */
export function commentPath(this: IExecuteFunctions, itemIndex: number): string {
	return ticketPath.call(this, itemIndex, `/comments/${recordId.call(this, 'commentId', itemIndex)}`);
}

/** A comment's text and format (TicketComment.json addCommentInput). @mentions pass through as Zoho writes them. */
export const commentContentProperties: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'The comment text (at most 32,000 characters). Mention an agent with zsu[@user:ZUID]zsu or a team with zsu[@team:TEAM_ID_NAME]zsu.',
	},
	contentTypeProperty,
];
