/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- reads the README; evaluates the nodes' own subtitle expressions as n8n does */
/**
 * What a new user sees in n8n's editor: Docs links that land on the README section even with n8n's ?utm_source
 * appended, readable canvas subtitles, and readable trigger events in the node picker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { ZohoDeskOAuth2Api } from '../../credentials/ZohoDeskOAuth2Api.credentials';
import { ZohoDeskSelfClientApi } from '../../credentials/ZohoDeskSelfClientApi.credentials';
import { ZohoDesk } from '../../nodes/ZohoDesk/ZohoDesk.node';
import { ZohoDeskPollTrigger } from '../../nodes/ZohoDeskPollTrigger/ZohoDeskPollTrigger.node';
import { ZohoDeskTrigger } from '../../nodes/ZohoDeskTrigger/ZohoDeskTrigger.node';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchors = new Set(
	[...readme.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
		heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'),
	),
);

const nodes: Array<[string, INodeTypeDescription]> = [
	['Zoho Desk', new ZohoDesk().description],
	['Zoho Desk Trigger', new ZohoDeskTrigger().description],
	['Zoho Desk Poll Trigger', new ZohoDeskPollTrigger().description],
];
const credentials = [new ZohoDeskSelfClientApi(), new ZohoDeskOAuth2Api()];

/** The text n8n shows for a subtitle expression `={{ … }}` with these parameters. */
function subtitle(description: INodeTypeDescription, parameters: Record<string, unknown>): string {
	const body = /^=\{\{(.*)\}\}$/s.exec(description.subtitle ?? '')?.[1];
	return new Function('$parameter', `return ${body}`)(parameters) as string;
}

describe('Docs links', () => {
	test.each(nodes)('%s: its own documentationUrl (n8n uses it as is) lands on a README section', (_, description) => {
		const url = new URL(description.documentationUrl ?? '');
		expect(url.search).toBe('');
		expect(anchors).toContain(url.hash.slice(1));
	});

	test.each(credentials.map((credential) => [credential.displayName, credential.documentationUrl]))(
		'%s lands on its setup section',
		(_, documentationUrl) => {
			expect(anchors).toContain(new URL(documentationUrl).hash.slice(1));
		},
	);
});

describe('canvas subtitles', () => {
	test('the action node says what it does', () => {
		const [, action] = nodes[0];
		expect(subtitle(action, { resource: 'ticket', operation: 'getMany' })).toMatch(/^Get many tickets$/i);
		expect(subtitle(action, { resource: 'department', operation: 'get' })).toMatch(/^Get a department$/i);
	});

	test('the trigger names its events, not Zoho codes', () => {
		const [, trigger] = nodes[1];
		expect(subtitle(trigger, { mode: 'automatic', events: ['Ticket_Add', 'IM_Message_Add'] })).toBe('Ticket: Added, IM: Message Added');
		expect(subtitle(trigger, { mode: 'manual', events: [] })).toBe('Manual setup');
	});

	test('the poll trigger names its table and event', () => {
		const [, poll] = nodes[2];
		expect(subtitle(poll, { table: 'tickets', event: 'any' })).toBe('Tickets: Any Change');
	});
});

test("the node picker's event actions keep IM and KB in capitals", () => {
	const [, trigger] = nodes[1];
	const events = trigger.properties.find((property) => property.name === 'events')?.options as INodePropertyOptions[];
	const action = (value: string) => events.find((option) => option.value === value)?.action;
	expect(action('IM_Message_Add')).toBe('On IM message added');
	expect(action('KBRootCategory_Add')).toBe('On KB root category added');
	expect(action('Ticket_Update')).toBe('On ticket updated');
	expect(action('TimeEntry_Add')).toBe('On time entry added');
});

test('the picker entry n8n merges from the action node and the trigger describes both', () => {
	expect(nodes[1][1].description).toMatch(/read and update.*start workflows/i);
});
