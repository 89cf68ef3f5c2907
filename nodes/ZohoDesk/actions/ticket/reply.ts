import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../core/descriptions';
import { compact } from '../../../core/query';
import { csv } from '../../../core/records';
import { zohoDeskApi } from '../../../core/transport';
import { attachmentsOption, withAttachments } from './attachment';
import { contentTypeProperty, ticketLocator, ticketPath } from './conversation';
import { sourceIdOf, sourceIdOption } from '../../../core/writeOperations';

/** The email reply fields Send Reply and Save Draft Reply share (Thread.json emailThreadSendReply). */

const EMAIL_PATTERN = '^[^\\s@<>,;]+@[^\\s@<>,;]+\\.[^\\s@<>,;]+$';

export const replyProperties: INodeProperties[] = [
	{
		displayName: 'From Address',
		name: 'fromEmailAddress',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The address the email goes out from: one of the portal's reply addresses (its ticket's department's first)",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchFromAddresses', searchable: true },
			},
			{
				displayName: 'By Address',
				name: 'address',
				type: 'string',
				placeholder: 'e.g. support@example.com',
				validation: [{ type: 'regex', properties: { regex: EMAIL_PATTERN, errorMessage: 'Not an email address' } }],
			},
		],
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		description: 'The body of the email, as HTML or plain text (see Content Type)',
	},
	contentTypeProperty,
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer@example.com',
		description: "Recipients, comma-separated. Empty: Zoho sends to the ticket's contact.",
	},
];

/** Options of both reply operations. */
export const replyOptions: INodeProperties[] = [
	{
		displayName: 'CC',
		name: 'cc',
		type: 'string',
		default: '',
		description: 'Addresses to copy, comma-separated',
	},
	{
		displayName: 'BCC',
		name: 'bcc',
		type: 'string',
		default: '',
		description: 'Addresses to blind-copy, comma-separated',
	},
	attachmentsOption,
	sourceIdOption,
];

/** Zoho takes address lists as one string, separated by commas. */
const addresses = (value: unknown) => csv(value)?.split(',').join(', ');

/** The request body of an email reply: always the EMAIL channel, from a portal address. */
export function replyBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fromEmailAddress = String(
		this.getNodeParameter('fromEmailAddress', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	const content = this.getNodeParameter('content', itemIndex, '') as string;
	if (!fromEmailAddress) {
		throw new NodeOperationError(this.getNode(), 'Choose the From Address', {
			itemIndex,
			description: "Zoho sends replies only from the portal's reply addresses: pick one from the list.",
		});
	}
	if (!content.trim()) throw new NodeOperationError(this.getNode(), 'The reply has no content', { itemIndex });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return compact({
		channel: 'EMAIL',
		fromEmailAddress,
		content,
		contentType: this.getNodeParameter('contentType', itemIndex, 'plainText') as string,
		to: addresses(this.getNodeParameter('to', itemIndex, '')),
		cc: addresses(options.cc),
		bcc: addresses(options.bcc),
		ticketStatus: typeof options.ticketStatus === 'string' ? options.ticketStatus.trim() : undefined,
	});
}

/**
 * Send Reply and Save Draft Reply: the same email reply, posted to `endpoint` of the ticket; returns the thread Zoho made.
 */
export function replyOperation(spec: {
	operation: string;
	endpoint: string;
	/** What the operation sends, in its errors ("reply", "draft reply") */
	noun: string;
	option: Omit<INodePropertyOptions, 'value'>;
	ticketDescription: string;
	extraOptions?: INodeProperties[];
}) {
	const properties: INodeProperties[] = [
		ticketLocator(spec.ticketDescription),
		...replyProperties,
		optionsCollection([...replyOptions, ...(spec.extraOptions ?? [])]),
	];
	return {
		option: spec.option,
		description: updateDisplayOptions({ show: { resource: ['ticket'], operation: [spec.operation] } }, properties),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const body = replyBody.call(this, itemIndex);
			const thread = (await withAttachments.call(this, itemIndex, spec.noun, async (attachmentIds) =>
				(await zohoDeskApi.call(this, {
					method: 'POST',
					path: ticketPath.call(this, itemIndex, spec.endpoint),
					body: attachmentIds.length ? { ...body, attachmentIds } : body,
					itemIndex,
					scope: 'Desk.tickets.UPDATE',
					sourceId: sourceIdOf.call(this, itemIndex),
				})) as IDataObject | undefined,
			)) as IDataObject | undefined;
			return thread ? [thread] : [];
		},
	};
}
