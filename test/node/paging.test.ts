/**
 * The pager never loops: a server that ignores `from`, or a list whose records keep being deleted ahead of the
 * read, ends the read with a clear error after a bounded number of calls instead of running until the execution is
 * killed. (Before the bounds, each of these read forever.)
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { desk, runZohoDesk, tickets, useNock } from './fixtures';

useNock();

/** Departments as the list returns them: 19-digit string ids. */
function departments(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ id: String(6000000000000000000n + BigInt(i)), name: `Department ${i}` }));
}

const query = (uri: string) => new URL(uri, 'https://desk.zoho.com').searchParams;

test('a Limit read from a server that ignores `from` stops at the first page that brings nothing new', async () => {
	let calls = 0;
	desk()
		.get('/api/v1/tickets')
		.query(true)
		.times(50)
		.reply(() => {
			calls++;
			return [200, { data: tickets(100) }];
		});

	const { items, error } = await runZohoDesk({ resource: 'ticket', operation: 'getMany', limit: 1000 });

	expect(items).toEqual([]);
	expect(error?.message).toMatch(/stopped after a full page at offset 100 with no record it had not returned before/);
	expect(error?.description).toMatch(/100 records had been read/);
	expect(calls).toBe(2);
	nock.cleanAll();
});

test('Return All of a list from a server that ignores `from` stops after two calls', async () => {
	let calls = 0;
	desk()
		.get('/api/v1/departments')
		.query(true)
		.times(50)
		.reply(() => {
			calls++;
			return [200, { data: departments(200) }];
		});

	const { error } = await runZohoDesk({ resource: 'department', operation: 'getMany', returnAll: true });

	expect(error?.message).toMatch(/Paging \/departments stopped/);
	expect(calls).toBe(2);
	nock.cleanAll();
});

test('Return All of a list whose records are deleted ahead of the read before every call fails instead of repairing forever', async () => {
	const live = departments(5000);
	let calls = 0;
	desk()
		.get('/api/v1/departments')
		.query(true)
		.times(1000)
		.reply((uri) => {
			calls++;
			live.shift(); // another integration deletes the oldest department
			const from = Number(query(uri).get('from'));
			const limit = Number(query(uri).get('limit'));
			return [200, { data: live.slice(from, from + limit) }];
		});

	const { error } = await runZohoDesk({ resource: 'department', operation: 'getMany', returnAll: true });

	expect(error?.message).toMatch(/stopped after \d+ pages that had shifted under it/);
	expect(error?.description).toMatch(/deleted ahead of the read/);
	expect(calls).toBeLessThanOrEqual(30);
	nock.cleanAll();
});

test('a few records deleted behind the read are repaired: every surviving record comes once', async () => {
	const all = departments(1000);
	const live = [...all];
	const deletedAt = new Set([2, 3, 5]);
	let calls = 0;
	desk()
		.get('/api/v1/departments')
		.query(true)
		.times(20)
		.reply((uri) => {
			if (deletedAt.has(++calls)) live.splice(10, 1);
			const from = Number(query(uri).get('from'));
			const limit = Number(query(uri).get('limit'));
			return live.slice(from, from + limit).length ? [200, { data: live.slice(from, from + limit) }] : [204];
		});

	const { items, error } = await runZohoDesk({ resource: 'department', operation: 'getMany', returnAll: true });

	expect(error).toBeUndefined();
	// The three deleted were read before they went: all 1,000 come, each once, in order.
	expect(items.map((item) => item.json.id)).toEqual(all.map((department) => department.id));
	nock.cleanAll();
});
