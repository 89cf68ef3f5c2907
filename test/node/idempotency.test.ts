/**
 * The transport's rule for writes (nodes/core/transport): reads and PATCH/PUT/DELETE are retried; a POST is
 * retried only when Zoho certainly did not act on it, and otherwise fails at once saying the change may or may
 * not have been applied, unless the request brings a lookup that finds out. Every attempt has a timeout and one
 * call's retries stay within a time budget.
 */
import { RETRY_POLICY } from '../../nodes/core/transport';
import type { ZohoDeskRequest } from '../../nodes/core/transport';
import { requestZohoDesk } from '../harness';
import { desk, recordSleeps, selfClient, useNock } from './fixtures';

useNock();

const call = async (request: ZohoDeskRequest) =>
	await requestZohoDesk({ nodeType: 'zohoDesk', parameters: {}, credentials: selfClient() }, request);

const createTicket: ZohoDeskRequest = {
	method: 'POST',
	path: '/tickets',
	body: { subject: 'Printer on fire', departmentId: '1892000000082069', contactId: '1892000000088001' },
};
const created = { id: '1892000000042032', subject: 'Printer on fire' };
const serverError = { errorCode: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.' };

/** Sleeps are skipped but advance the clock, so time budgets can be checked without waiting. */
function fakeClock(): number[] {
	const sleeps = recordSleeps();
	const start = Date.now();
	jest.spyOn(Date, 'now').mockImplementation(() => start + sleeps.reduce((total, ms) => total + ms, 0));
	return sleeps;
}

describe('a POST whose outcome is unknown is not sent twice', () => {
	test('a 5xx answer fails at once and says the change may or may not have been applied', async () => {
		const sleeps = recordSleeps();
		desk().post('/api/v1/tickets').once().reply(500, serverError);

		const error = await call(createTicket).catch((e: Error) => e);

		expect(sleeps).toEqual([]);
		expect((error as Error).message).toBe(
			'The change may or may not have been applied in Zoho Desk: Zoho Desk answered HTTP 500 INTERNAL_SERVER_ERROR',
		);
		expect((error as { description?: string }).description).toMatch(/not sent again.*Check in Zoho Desk/);
	});

	test('a connection reset after sending fails at once', async () => {
		const sleeps = recordSleeps();
		desk().post('/api/v1/tickets').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

		const error = await call(createTicket).catch((e: Error) => e);

		expect(sleeps).toEqual([]);
		expect((error as Error).message).toMatch(/may or may not have been applied.*ECONNRESET/);
	});

	test('an answer that does not come within the timeout fails at once', async () => {
		const saved = RETRY_POLICY.timeoutMs;
		RETRY_POLICY.timeoutMs = 200;
		try {
			desk().post('/api/v1/tickets').delay(2000).reply(200, created);

			const error = await call(createTicket).catch((e: Error) => e);

			expect((error as Error).message).toMatch(/may or may not have been applied.*(ECONNABORTED|ETIMEDOUT)/);
		} finally {
			RETRY_POLICY.timeoutMs = saved;
		}
	});

	test('429 TOO_MANY_REQUESTS (Zoho did nothing) is retried', async () => {
		const sleeps = recordSleeps();
		desk().post('/api/v1/tickets').reply(429, { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests' });
		desk().post('/api/v1/tickets').reply(200, created);

		const response = await call(createTicket);

		expect(response.body).toEqual(created);
		expect(sleeps).toEqual([1000]);
	});

	test('a refused connection (nothing was sent) is retried', async () => {
		const sleeps = recordSleeps();
		desk().post('/api/v1/tickets').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		desk().post('/api/v1/tickets').reply(200, created);

		const response = await call(createTicket);

		expect(response.body).toEqual(created);
		expect(sleeps).toHaveLength(1);
	});

	test('a 4xx is Zoho refusing the change: reported as Zoho said it, not as maybe applied', async () => {
		desk()
			.post('/api/v1/tickets')
			.reply(422, {
				errorCode: 'INVALID_DATA',
				message: 'An invalid value is passed.',
				errors: [{ fieldName: '/contactId', errorType: 'invalid', errorMessage: 'Invalid contact' }],
			});

		const error = await call(createTicket).catch((e: Error) => e);

		expect((error as Error).message).toBe('Zoho Desk error INVALID_DATA: An invalid value is passed.');
		expect((error as { description?: string }).description).toMatch(/\/contactId: Invalid contact/);
	});
});

describe('a POST with a lookup', () => {
	test('adopts what the lost request made instead of sending it again', async () => {
		desk().post('/api/v1/tickets').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		let lookups = 0;

		const response = await call({
			...createTicket,
			findApplied: async () => {
				lookups++;
				return created;
			},
		});

		expect(lookups).toBe(1);
		expect(response.body).toEqual(created);
	});

	test('sends it again when the lookup finds nothing', async () => {
		recordSleeps();
		desk().post('/api/v1/tickets').reply(503, serverError);
		desk().post('/api/v1/tickets').reply(200, created);

		const response = await call({ ...createTicket, findApplied: async () => undefined });

		expect(response.body).toEqual(created);
	});

	test('a lookup that fails too leaves the outcome unknown, and says so', async () => {
		desk().post('/api/v1/tickets').reply(500, serverError);

		const error = await call({
			...createTicket,
			findApplied: async () => {
				throw new Error('Zoho Desk is down');
			},
		}).catch((e: Error) => e);

		expect((error as Error).message).toMatch(/may or may not have been applied/);
		expect((error as { description?: string }).description).toMatch(/Looking it up failed too \(Zoho Desk is down\)/);
	});
});

describe('other methods and the time budget', () => {
	test.each([
		['GET', '/tickets/1892000000042032'],
		['PATCH', '/tickets/1892000000042032'],
		['DELETE', '/webhooks/1892000000042032'],
	] as const)('%s is retried after a 5xx and a reset (repeating it changes nothing more)', async (method, path) => {
		const sleeps = recordSleeps();
		const scope = desk();
		scope.intercept(`/api/v1${path}`, method).reply(500, serverError);
		scope.intercept(`/api/v1${path}`, method).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		scope.intercept(`/api/v1${path}`, method).reply(200, created);

		const response = await call({ method, path, body: method === 'PATCH' ? { subject: 'Printer fixed' } : undefined });

		expect(response.body).toEqual(created);
		expect(sleeps).toHaveLength(2);
	});

	test('a read that hangs times out and is asked again', async () => {
		const saved = RETRY_POLICY.timeoutMs;
		// Long enough for the second answer on a loaded machine, far shorter than the hanging one.
		RETRY_POLICY.timeoutMs = 1500;
		recordSleeps();
		try {
			desk().get('/api/v1/tickets/1892000000042032').delay(10_000).reply(200, {});
			desk().get('/api/v1/tickets/1892000000042032').reply(200, created);

			const response = await call({ path: '/tickets/1892000000042032' });

			expect(response.body).toEqual(created);
		} finally {
			RETRY_POLICY.timeoutMs = saved;
		}
	});

	test("one call's waits stay within its budget", async () => {
		const saved = RETRY_POLICY.budgetMs;
		RETRY_POLICY.budgetMs = 10_000;
		try {
			const sleeps = fakeClock();
			desk().get('/api/v1/tickets').times(4).reply(503, serverError);

			const error = await call({ path: '/tickets' }).catch((e: Error) => e);

			// 1 + 2 + 4 s waited; the next 8 s wait would end past the 10 s budget.
			expect(sleeps).toEqual([1000, 2000, 4000]);
			expect((error as Error).message).toMatch(/INTERNAL_SERVER_ERROR/);
		} finally {
			RETRY_POLICY.budgetMs = saved;
		}
	});

	test('a Retry-After longer than the budget left is not waited for', async () => {
		const saved = RETRY_POLICY.budgetMs;
		RETRY_POLICY.budgetMs = 10_000;
		try {
			const sleeps = fakeClock();
			desk()
				.get('/api/v1/tickets')
				.reply(429, { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests' }, { 'Retry-After': '11' });

			const error = await call({ path: '/tickets' }).catch((e: Error) => e);

			expect(sleeps).toEqual([]);
			expect((error as Error).message).toMatch(/TOO_MANY_REQUESTS/);
		} finally {
			RETRY_POLICY.budgetMs = saved;
		}
	});
});
