import { readContract } from '../contract/contract';
import { TABLES } from '../../nodes/core/tables';
import { WEBHOOK_EVENTS } from '../../nodes/ZohoDeskTrigger/events';
import { triggerProperties } from '../../nodes/ZohoDeskTrigger/properties';

/** The event types and filter keys of Zoho's spec (Webhook.json `subscriptions`), from our committed contract. */
const subscriptions = readContract().webhookEvents;

const catalogue = new Map(WEBHOOK_EVENTS.map((event) => [event.name, event]));

test("the catalogue has exactly the spec's event types", () => {
	expect([...catalogue.keys()].sort()).toEqual(Object.keys(subscriptions).sort());
});

test.each(Object.entries(subscriptions))('%s takes exactly the filter keys the spec allows', (name, keys) => {
	// The spec lists `departmentId` next to `departmentIds`; Zoho's docs and every client send `departmentIds`.
	const allowed = keys.filter((key) => key !== 'departmentId').sort();
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
