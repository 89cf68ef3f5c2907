/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs nock and a child jest */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import nock from 'nock';

import { FakeDeskAction } from '../harness/fakeNodes';
import { executeNode } from '../harness';
import { allowContractViolations, recordedRequests } from './recorder';

const credentials = {
	zohoDeskSelfClientApi: { dataCenter: 'eu', orgId: '649720812', clientId: 'c', clientSecret: 's', refreshToken: 'r', accessToken: 'a' },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('requests sent through n8n\'s helpers are recorded with their final query string', async () => {
	nock('https://desk.zoho.eu').get('/api/v1/departments').query(true).reply(200, { data: [] });

	await executeNode({ nodeType: new FakeDeskAction(), parameters: { limit: 7 }, credentials });

	expect(recordedRequests()).toContainEqual(
		expect.objectContaining({ method: 'GET', url: 'https://desk.zoho.eu/api/v1/departments?limit=7', allowed: false }),
	);
});

test('allowContractViolations exempts a deliberate bad request and reports why it is bad', async () => {
	nock('https://desk.zoho.eu').get('/api/v1/departments').query(true).reply(422, { errorCode: 'INVALID_DATA' });

	const { violations } = await allowContractViolations(
		async () => await executeNode({ nodeType: new FakeDeskAction(), parameters: { limit: 500 }, credentials }),
	);

	expect(violations).toHaveLength(1);
	expect(violations[0]).toContain('limit: 500 is above the maximum 200');
	expect(recordedRequests().at(-1)?.allowed).toBe(true);
});

test('a test file that sends a request the spec forbids fails, naming the request and the test', () => {
	const run = spawnSync(
		process.execPath,
		[require.resolve('jest/bin/jest'), '--ci', '--rootDir', join(__dirname, '..', '..'), '--testMatch', '**/test/contract/fixtures/badRequest.fixture.ts', '--roots', '<rootDir>/test/contract/fixtures'],
		{ encoding: 'utf8', timeout: 120_000 },
	);

	expect(run.status).toBe(1);
	expect(run.stderr).toContain('1 request(s) break Zoho Desk\'s spec');
	expect(run.stderr).toContain('GET https://desk.zoho.eu/api/v1/departments?limit=500');
	expect(run.stderr).toContain('in test: sends limit 500');
}, 130_000);
