import { post, zohoEvent, useNock } from './fixtures';

useNock();

/** Every answer to a bad delivery is a 4xx that starts nothing; none throws (n8n would answer 500). */
async function refused(body: unknown, rawBody?: string) {
	const result = await post(body, { rawBody });
	expect(result.workflowData).toBeUndefined();
	return result.responseStatus;
}

describe('bad input is a 400, never a throw', () => {
	test.each([
		['payload.id is an object that cannot become a string', [zohoEvent('Ticket_Add', { id: { toString: 1 } })]],
		['payload.id is an object', [zohoEvent('Ticket_Add', { id: { a: 1 } })]],
		['payload.id is an array', [zohoEvent('Ticket_Add', { id: ['1'] })]],
		['orgId is an object that cannot become a string', [zohoEvent('Ticket_Add', { id: '1' }, { orgId: { toString: 1 } })]],
		['eventType is an object', [{ eventType: { toString: 1 }, payload: { id: '1' } }]],
	])('%s', async (_, body) => {
		expect(await refused(body)).toBe(400);
	});

	test('a payload nested 200,000 levels deep is a 400', async () => {
		const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
		const rawBody = `[{"eventType":"Ticket_Update","payload":{"id":"1","x":${deep}},"prevState":{"id":"1","x":[]}}]`;

		expect(await refused(undefined, rawBody)).toBe(400);
	});

	test('more than 1,000 events in one delivery is a 413', async () => {
		const events = Array.from({ length: 1001 }, (_, i) => zohoEvent('Ticket_Add', { id: String(i + 1) }));

		expect(await refused(events)).toBe(413);
	});

	test('1,000 events in one delivery are accepted', async () => {
		const events = Array.from({ length: 1000 }, (_, i) => zohoEvent('Ticket_Add', { id: String(i + 1) }));

		const result = await post(events);

		expect(result.workflowData?.[0]).toHaveLength(1000);
	});
});

test('keys named __proto__, constructor or prototype never come through as record fields', async () => {
	const rawBody =
		'[{"eventType":"Ticket_Update","orgId":"649720812","payload":{"id":"1","subject":"a","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"cf":{"__proto__":{"polluted":true},"cf_x":"1"}},"prevState":{"id":"1","subject":"b","cf":{"cf_x":"1"},"prototype":{"polluted":true}}}]';

	const result = await post(JSON.parse(rawBody), { rawBody });

	const change = result.workflowData?.[0][0].json as Record<string, Record<string, unknown>>;
	expect(change.record).toEqual({ id: '1', subject: 'a', cf: { cf_x: '1' } });
	expect(Object.keys(change.record)).toEqual(['id', 'subject', 'cf']);
	expect(change.previous).toEqual({ id: '1', subject: 'b', cf: { cf_x: '1' } });
	expect(change.changedFields).toEqual(['subject']);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('an unauthenticated body is never parsed: authentication comes first', async () => {
	const big = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => zohoEvent('Ticket_Add', { id: String(i + 1) })));
	const parse = jest.spyOn(JSON, 'parse');
	try {
		const result = await post(undefined, { rawBody: big, headers: { 'x-zdesk-jwt': 'forged.token.here' } });

		expect(result.responseStatus).toBe(401);
		const parsedSizes = parse.mock.calls.map(([text]) => String(text).length);
		expect(Math.max(0, ...parsedSizes)).toBeLessThan(big.length / 2);
	} finally {
		parse.mockRestore();
	}
});

test('an eventTime no date can hold (found by the fuzz test) gives the time of receipt', async () => {
	const result = await post([zohoEvent('Ticket_Add', { id: '1' }, { eventTime: -1e21 })]);

	expect(result.workflowData?.[0][0].json.eventTime).toEqual(expect.stringMatching(/^\d{4}-/));
});
