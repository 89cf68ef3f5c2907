/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- reads the workflow files and runs their shell steps */
/**
 * GitHub Actions cannot run here, so this reads .github/workflows/{ci,publish}.yml and checks the steps the
 * release process depends on, in order; the publish workflow's tag check runs for real in bash.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { node?: string[] } }; needs?: string }>;
}

const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const read = (file: string) => parse(readFileSync(join(root, '.github', 'workflows', file), 'utf8')) as Workflow;
const commands = (steps: Step[]) => steps.map((step) => step.run?.trim()).filter((run): run is string => run !== undefined);

/** `expected` appear in `actual` in this order (other steps may come between). */
function inOrder(actual: string[], expected: string[]): string[] {
	let from = 0;
	return expected.filter((command) => {
		const at = actual.indexOf(command, from);
		if (at < 0) return true;
		from = at + 1;
		return false;
	});
}

describe('ci.yml', () => {
	const ci = read('ci.yml');

	test('runs on every push and pull request', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
	});

	test('installs, builds, lints, scans and tests on Node 20 and the newest LTS', () => {
		const job = ci.jobs.test;
		expect(job.strategy?.matrix?.node).toEqual(['20', 'lts/*']);
		expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ matrix.node }}');
		expect(inOrder(commands(job.steps), ['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test'])).toEqual([]);
	});

	test('runs the end-to-end suite in its own job after the tests', () => {
		expect(ci.jobs.e2e.needs).toBe('test');
		expect(inOrder(commands(ci.jobs.e2e.steps), ['npm ci', 'npm run build', 'npm run test:e2e'])).toEqual([]);
	});
});

describe('publish.yml', () => {
	const publish = read('publish.yml');
	const steps = publish.jobs.publish.steps;
	const tagCheck = steps.find((step) => step.run?.includes('GITHUB_REF_NAME'))?.run ?? '';

	test('runs when a GitHub release is published, with an OIDC token for provenance and read-only contents', () => {
		expect(publish.on).toEqual({ release: { types: ['published'] } });
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	test('checks the tag, installs, builds, lints, scans and tests before publishing with provenance', () => {
		const run = commands(steps);
		expect(run.indexOf(tagCheck.trim())).toBe(0);
		expect(inOrder(run, ['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test', 'npm publish --provenance --access public'])).toEqual([]);
		expect(run.at(-1)).toBe('npm publish --provenance --access public');
	});

	test('publishes with the registry token from the NPM_TOKEN repository secret', () => {
		const publishStep = steps.find((step) => step.run?.startsWith('npm publish'));
		expect(publishStep?.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(commands(steps).some((run) => run.includes(':_authToken') && run.includes('${NODE_AUTH_TOKEN}'))).toBe(true);
	});

	test.each([
		[`v${version}`, 0],
		[`v${version}-rc.1`, 1],
		['v0.0.0-not-this', 1],
		[version, 1],
	])('the tag check lets release tag %s through: exit %i', (tag, status) => {
		const result = spawnSync('bash', ['-e', '-c', tagCheck], { cwd: root, env: { PATH: process.env.PATH, GITHUB_REF_NAME: tag }, encoding: 'utf8' });
		expect(result.status).toBe(status);
		if (status) expect(result.stdout).toContain(`does not match package.json version ${version}`);
	});
});
