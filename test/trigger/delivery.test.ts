import { deliverWebhook } from '../harness';
import { NODE_DATA, ORG, ZOHO_WEBHOOK_ID, credentials, post, zohoEvent, useNock } from './fixtures';

useNock();

describe("Zoho's URL validation", () => {
	test('the GET Zoho sends before accepting the URL gets 200 and starts nothing, unsigned', async () => {
		const result = await deliverWebhook({
			nodeType: 'zohoDeskTrigger',
			parameters: { mode: 'automatic', events: ['Ticket_Add'] },
			credentials: credentials(),
			request: { method: 'GET' },
		});

		expect(result.responseStatus).toBe(200);
		expect(result.workflowData).toBeUndefined();
	});

	test.each([
		['no body', ''],
		['an empty array', '[]'],
		['an empty object', '{}'],
	])('the validation POST with %s gets 200 and starts nothing, unsigned', async (_, rawBody) => {
		const result = await post(rawBody === '' ? undefined : JSON.parse(rawBody), { rawBody, headers: { 'x-zdesk-jwt': '' } });

		expect(result.responseStatus).toBe(200);
		expect(result.workflowData).toBeUndefined();
	});
});

describe('malformed deliveries get 400 and start nothing', () => {
	test.each([
		['not JSON', '[{"eventType": "Ticket_Add", '],
		['an object instead of an array', JSON.stringify(zohoEvent('Ticket_Add', { id: '1' }))],
		['a string', '"Ticket_Add"'],
		['an event that is not an object', '[42]'],
		['an event without eventType', JSON.stringify([{ payload: { id: '1' } }])],
		['an event without payload', JSON.stringify([{ eventType: 'Ticket_Add' }])],
		['a payload that is not an object', JSON.stringify([{ eventType: 'Ticket_Add', payload: '1' }])],
		['one bad event among good ones', JSON.stringify([zohoEvent('Ticket_Add', { id: '1' }), { eventType: 'Ticket_Add' }])],
	])('%s', async (_, rawBody) => {
		const result = await post({}, { rawBody });

		expect(result.responseStatus).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});
});

describe('events', () => {
	test('one delivery of 50 events gives 50 items, answered at once by n8n with 200', async () => {
		const events = Array.from({ length: 50 }, (_, i) =>
			zohoEvent('Ticket_Update', { id: `18920000000930${String(i).padStart(2, '0')}`, subject: `Ticket ${i}` }),
		);

		const result = await post(events);

		expect(result.responseStatus).toBe(200);
		expect(result.noWebhookResponse).toBe(false);
		const items = result.workflowData?.[0] ?? [];
		expect(items).toHaveLength(50);
		expect(items.map((item) => item.json.id)).toEqual(events.map((event) => event.payload.id));
	});

	test('19-digit ids stay exact strings, even if Zoho sent them as JSON numbers', async () => {
		const rawBody = `[{"eventType":"Ticket_Add","orgId":${ORG},"eventTime":"1732700000000","payload":{"id":1892000000093001234,"departmentId":1892000000082069001,"threadCount":3,"subject":"say \\"1234567890123456789\\""}}]`;

		const result = await post(JSON.parse(rawBody), { rawBody });

		const change = result.workflowData?.[0][0].json;
		expect(change).toMatchObject({ id: '1892000000093001234', orgId: ORG });
		expect(change?.record).toEqual({
			id: '1892000000093001234',
			departmentId: '1892000000082069001',
			threadCount: 3,
			subject: 'say "1234567890123456789"',
		});
	});

	test('Output Raw Zoho Event gives the event as delivered', async () => {
		const event = zohoEvent('Ticket_Update', { id: '1892000000093001', status: 'Closed' }, { prevState: { status: 'Open' } });

		const result = await post([event], { parameters: { options: { rawEvent: true } } });

		expect(result.workflowData?.[0][0].json).toEqual(event);
	});

	test('the keys cached by a delivery are kept for the next one', async () => {
		const result = await post([zohoEvent('Ticket_Add', { id: '1' })]);

		expect(result.staticData[NODE_DATA]).toMatchObject({ webhookId: ZOHO_WEBHOOK_ID, zohoDeskJwks: { keys: [{ kid: 'zoho-key-1' }] } });
	});
});
