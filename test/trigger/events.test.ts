/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TABLES } from '../../nodes/shared/tables';
import { WEBHOOK_EVENTS } from '../../nodes/ZohoDeskTrigger/events';
import { triggerProperties } from '../../nodes/ZohoDeskTrigger/properties';

/** Zoho's OpenAPI spec, shared read-only next to the repository: the contract the catalogue must follow. */
const spec = JSON.parse(readFileSync(join(__dirname, '../../../shared/zoho-desk-oas/v1.0/Webhook.json'), 'utf8'));
const subscriptions: Record<string, { properties?: Record<string, unknown> }> = spec.components.schemas.subscriptions.properties;

const catalogue = new Map(WEBHOOK_EVENTS.map((event) => [event.name, event]));

test("the catalogue has exactly the spec's event types", () => {
	expect([...catalogue.keys()].sort()).toEqual(Object.keys(subscriptions).sort());
});

test.each(Object.entries(subscriptions))('%s takes exactly the filter keys the spec allows', (name, schema) => {
	// The spec lists `departmentId` next to `departmentIds`; Zoho's docs and every client send `departmentIds`.
	const allowed = Object.keys(schema.properties ?? {}).filter((key) => key !== 'departmentId').sort();
	expect([...(catalogue.get(name)?.filters ?? [])].sort()).toEqual(allowed);
});

test('the events are grouped in the modules users know from Zoho Desk', () => {
	expect([...new Set(WEBHOOK_EVENTS.map((event) => event.module))]).toEqual([
		'Ticket', 'Thread', 'Comment', 'Attachment', 'Approval', 'Contact', 'Account', 'Department',
		'Agent', 'Task', 'Call', 'Event', 'Time Entry', 'Article', 'KB', 'IM',
	]);
});

test('ticket and department events are the ones the table registry names', () => {
	for (const table of [TABLES.tickets, TABLES.departments]) {
		for (const { name } of Object.values(table.webhook?.events ?? {})) {
			expect(catalogue.get(name)?.table).toBe(table.name);
		}
	}
});

test('the events picker offers every event once, sorted so each module is together', () => {
	const picker = triggerProperties.find((property) => property.name === 'events');
	const options = (picker?.options ?? []) as Array<{ name: string; value: string }>;
	expect(options.map((option) => option.value).sort()).toEqual([...catalogue.keys()].sort());
	expect(options.map((option) => option.name)).toEqual(options.map((option) => option.name).sort((a, b) => a.localeCompare(b)));
	expect(options.find((option) => option.value === 'KBRootCategory_Add')?.name).toBe('KB: Root Category Added');
});
