import { replyOperation } from './reply';

/** Sends the email and returns the new thread (its id, content, to, cc, status SUCCESS or PENDING). */
export const { option, description, execute } = replyOperation({
	operation: 'sendReply',
	noun: 'reply',
	endpoint: '/sendReply',
	option: {
		name: 'Send Reply',
		description: "Email a reply on a ticket from one of the portal's addresses; returns the sent thread",
		action: 'Send a reply on a ticket',
	},
	ticketDescription: 'The ticket to reply to',
	extraOptions: [
		{
			displayName: 'New Ticket Status',
			name: 'ticketStatus',
			type: 'string',
			default: '',
			placeholder: 'e.g. Closed',
			description: "Status to set on the ticket with the reply, as named in Zoho (custom statuses too). Empty keeps the ticket's status.",
		},
	],
});
