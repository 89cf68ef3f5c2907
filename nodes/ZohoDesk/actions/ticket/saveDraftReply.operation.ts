import { replyOperation } from './reply';

/** Saves the reply as a draft (nothing is sent) and returns the draft thread, status DRAFT. */
export const { option, description, execute } = replyOperation({
	operation: 'saveDraftReply',
	noun: 'draft reply',
	endpoint: '/draftReply',
	option: {
		name: 'Save Draft Reply',
		description: 'Save an email reply on a ticket as a draft, without sending it',
		action: 'Save a draft reply on a ticket',
	},
	ticketDescription: 'The ticket to draft a reply on',
});
