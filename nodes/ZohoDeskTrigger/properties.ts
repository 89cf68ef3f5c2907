import type { INodeProperties } from 'n8n-workflow';

import { departmentsOption } from '../core/descriptions';
import { eventsAccepting, WEBHOOK_EVENTS } from './events';

/** Zoho accepts at most this many watched fields on Ticket_Update (Webhook.json `fields.maxItems`). */
export const MAX_WATCHED_FIELDS = 5;

/** A shorter webhook secret can be guessed or brute-forced. */
export const MIN_SECRET_LENGTH = 16;

const automatic = { mode: ['automatic'] };
const manual = { mode: ['manual'] };

const POLLING_HINT =
	'No webhook quota on your plan (Free and Standard allow none)? Use the Zoho Desk Poll Trigger node, or Manual mode with a workflow rule.';

const MANUAL_STEPS = [
	'Activate the workflow, then copy the Production URL shown above (Zoho calls it on port 80 or 443, so it must be reachable from the internet).',
	'Either: Zoho Desk → Setup → Developer Space → Webhooks → New Webhook: paste the URL, pick the events, save (Zoho checks the URL with a GET request; this node answers it), and copy the webhook\'s ID into Zoho Webhook ID below: Zoho signs the deliveries of all your webhooks alike, so without it the workflow does not activate.',
	'Or, without using webhook quota: set a Webhook Secret Token in the Zoho Desk credential, then Setup → Automation → Workflows → Rules → new rule, action "Send Cliq Notification", URL = the Production URL followed by ?token= and that secret (callers that can set headers send it as X-Webhook-Secret instead). Write the message as "field: value" lines or as JSON; each line becomes a field of the output.',
].join(' ');

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'Register a webhook in Zoho Desk when the workflow is activated and remove it when deactivated',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'You paste this node\'s URL into Zoho Desk yourself (a Developer Space webhook or a workflow rule)',
			},
		],
		default: 'automatic',
	},
	{
		displayName: POLLING_HINT,
		name: 'quotaNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: automatic },
	},
	{
		displayName: MANUAL_STEPS,
		name: 'manualSteps',
		type: 'notice',
		default: '',
		displayOptions: { show: manual },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		options: WEBHOOK_EVENTS.map((event) => ({
			name: `${event.module}: ${event.label}`,
			// n8n's node picker lists each event as an action; without this it reads "On im message added"
			action: `On ${event.module.replace(/\b[A-Z][a-z]+/g, (word) => word.toLowerCase())} ${event.label.toLowerCase()}`,
			value: event.name,
			description: `Zoho event ${event.name}`,
		})).sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'The Zoho Desk events that start the workflow, grouped by module',
		displayOptions: { show: automatic },
	},
	{
		...departmentsOption(
			'Only events from these departments, for the chosen events that Zoho can filter by department; none means all departments.',
		),
		displayOptions: { show: { ...automatic, events: eventsAccepting('departmentIds') } },
	},
	{
		displayName: 'Include Previous State',
		name: 'includePrevState',
		type: 'boolean',
		default: true,
		description:
			'Whether Zoho should send the record as it was before each update, so the output has `previous` and `changedFields`',
		displayOptions: { show: { ...automatic, events: eventsAccepting('includePrevState') } },
	},
	{
		displayName: 'Watched Ticket Field Names or IDs',
		name: 'watchedFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTicketFields' },
		default: [],
		description: `Only ticket updates that change one of these fields (at most ${MAX_WATCHED_FIELDS}); none means every update. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions: { show: { ...automatic, events: eventsAccepting('fields') } },
	},
	{
		displayName: 'Thread Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Incoming (From Customers)', value: 'in' },
			{ name: 'Outgoing (From Agents)', value: 'out' },
		],
		default: 'any',
		description: 'Which new ticket threads start the workflow',
		displayOptions: { show: { ...automatic, events: eventsAccepting('direction') } },
	},
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		options: [
			{
				name: 'None (Not Recommended)',
				value: 'none',
				description: 'Accept every request; anyone who learns the URL can start the workflow',
			},
			{
				name: 'Secret Token in URL',
				value: 'token',
				description: 'For workflow rules, which cannot sign: requests must carry ?token= followed by the Secret Token',
			},
			{
				name: 'Zoho Signature (JWT)',
				value: 'jwt',
				description: 'For Developer Space webhooks: requests must carry a valid X-ZDesk-JWT signed by Zoho for your organization',
			},
		],
		default: 'jwt',
		displayOptions: { show: manual },
	},
	{
		displayName: 'Zoho Webhook ID',
		name: 'zohoWebhookId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1004699000046503129',
		description:
			'ID of the webhook you created in Developer Space (Setup → Developer Space → Webhooks). Required: Zoho signs the deliveries of every webhook of your organization with the same keys, so only this ID tells this webhook\'s deliveries from another integration\'s.',
		displayOptions: { show: { ...manual, verification: ['jwt'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Ignore Changes Made With Source ID',
				name: 'ignoreSourceId',
				type: 'string',
				default: '',
				placeholder: '49ad222a-f812-11e7-8c3f-9a214cf093ae',
				description:
					'A UUID. Zoho does not send events caused by API calls tagged with this source ID, so your own writes back to Zoho Desk do not start the workflow again.',
				displayOptions: { show: { '/mode': ['automatic'] } },
			},
			{
				displayName: 'Include Events From Automations',
				name: 'includeAutomationEvents',
				type: 'boolean',
				default: false,
				description: 'Whether changes made by Zoho Desk workflow rules, supervisor rules and other automations also start the workflow',
				displayOptions: { show: { '/mode': ['automatic'] } },
			},
			{
				displayName: 'Output Raw Zoho Event',
				name: 'rawEvent',
				type: 'boolean',
				default: false,
				description:
					"Whether to output Zoho's event as delivered instead of the normalised change (table, operation, ID, record, previous, changedFields) that the Poll Trigger also emits",
			},
			{
				displayName: 'Verify Zoho Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse deliveries without a valid X-ZDesk-JWT signed by Zoho for this organization and this webhook. Turn off only to diagnose.',
				displayOptions: { show: { '/mode': ['automatic'] } },
			},
		],
	},
];
