#!/usr/bin/env node
'use strict';
/**
 * Return All of N tickets against the simulator, (a) ours vs (b) plain offset paging, side by side:
 * calls, credits, wall time and peak memory, each also as a ratio to the floor.
 *
 *   npm run bench                          N = 10,000 and 100,000, 30 ms latency per call
 *   npm run bench -- --sizes 2000 --latency 10
 *
 * Each read runs in a fresh child process (so its peak memory is its own) through n8n-core's real execution
 * (test/harness: WorkflowExecute, n8n's credential handling and httpRequestWithAuthentication):
 *   (a) the ZohoDesk node, Ticket → Get Many → Return All (nodes/shared/sync, 3 parallel requests);
 *   (b) a node that pages /tickets with the shared pager (nodes/shared/sync/pager.ts, no overlap): from=0,100,200… with limit=100 to the end, the way
 *       Return All read before the sync code (and the way other Zoho Desk nodes for n8n read).
 * The simulator runs in this process and charges Zoho's credit schedule (3 credits up to offset 2,000, then 5, 10,
 * 50, 100); its counters are the numbers reported.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};

// ---------------------------------------------------------------- child: one read, then its measurements

async function runChild(job) {
	require('./tsRequire');
	const { CredentialStore, executeNode } = require(path.join(ROOT, 'test/harness/index.ts'));
	const credentials = new CredentialStore({
		zohoDeskSelfClientApi: {
			dataCenter: 'custom',
			customAccountsUrl: job.url,
			customDeskUrl: job.url,
			orgId: job.orgId,
			clientId: job.clientId,
			clientSecret: job.clientSecret,
			grantCode: job.grantCode,
		},
	});
	const nodeType = job.method === 'ours' ? 'zohoDesk' : plainPagingNode();
	const parameters = job.method === 'ours' ? { resource: 'ticket', operation: 'getMany', returnAll: true } : {};
	// Not measured: loading n8n-core and our sources, and the token exchange (one Get Many of one ticket).
	await executeNode({ nodeType: 'zohoDesk', parameters: { resource: 'ticket', operation: 'getMany', limit: 1 }, credentials });
	await handshake();
	let heapPeak = 0;
	const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
	const started = process.hrtime.bigint();
	const { items, error } = await executeNode({ nodeType, parameters, credentials });
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	if (error) throw error;
	const ids = new Set(items.map((item) => String(item.json.id)));
	return { records: items.length, distinct: ids.size, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 2 ** 20 };
}

/** Tells the parent the child is warm, and waits for it to reset the simulator's counters. */
function handshake() {
	process.stdout.write('ready\n');
	return new Promise((resolve) => process.stdin.once('data', () => (process.stdin.destroy(), resolve())));
}

/** Return All as it was: the transport's offset paging over the ticket list. */
function plainPagingNode() {
	const { authenticationProperty, credentialDescriptions } = require(path.join(ROOT, 'nodes/shared/transport/index.ts'));
	const { readPages } = require(path.join(ROOT, 'nodes/shared/sync/index.ts'));
	return {
		description: {
			displayName: 'Plain Offset Paging',
			name: 'plainOffsetPaging',
			group: ['transform'],
			version: 1,
			description: 'GET /tickets?from=&limit=100 to the end',
			defaults: { name: 'Plain Offset Paging' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: credentialDescriptions,
			properties: [authenticationProperty],
		},
		async execute() {
			const records = await readPages(this, { path: '/tickets', pageSize: 100 });
			return [records.map((json) => ({ json, pairedItem: { item: 0 } }))];
		},
	};
}

// ---------------------------------------------------------------- parent: simulator, runs, table

function runInChild(job, onReady) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--max-old-space-size=4096', __filename, '--child', JSON.stringify(job)], {
			cwd: ROOT,
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (/^ready$/m.test(out) && !child.started) {
				child.started = true;
				onReady();
				child.stdin.end('go\n');
			}
		});
		child.on('exit', (code) => {
			const line = out.trim().split('\n').pop();
			if (code === 0) resolve(JSON.parse(line));
			else reject(new Error(`bench child failed (${code}): ${out}`));
		});
	});
}

/** Reads every ticket once with latency off, so that both measured reads find the records already built. */
async function warmUp(sim) {
	const { deskClient } = require(path.join(ROOT, 'test/simulator/helpers'));
	const client = deskClient(sim);
	const latency = sim.settings().latencyMs;
	sim.configure({ latencyMs: 0 });
	for (let from = 0; ; from += 100) {
		const { body } = await client.get(`/tickets?from=${from}&limit=100`);
		if (!body || body.data.length < 100) break;
	}
	sim.configure({ latencyMs: latency });
	sim.resetCounters();
}

async function measure(sim, method) {
	const { code } = sim.issueGrantCode();
	const job = { method, url: sim.url, orgId: sim.orgId, grantCode: code, ...sim.selfClient };
	const result = await runInChild(job, () => sim.resetCounters());
	const counters = sim.counters();
	return { method, ...result, calls: counters.calls, credits: counters.credits, peakConcurrency: counters.peakConcurrency };
}

const fmt = (value, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(n, latencyMs, concurrency, runs) {
	const live = runs[0].distinct;
	const floorCalls = Math.ceil(live / 100);
	const floorCredits = 3 * floorCalls;
	const floorRoundTrips = Math.ceil(floorCalls / concurrency);
	const floorWallMs = floorRoundTrips * latencyMs;
	const rows = runs.map((run) => [
		run.method === 'ours' ? '(a) ours: Return All' : '(b) plain offset paging',
		`${fmt(run.records)}${run.distinct === run.records ? '' : ` (${fmt(run.distinct)} distinct)`}`,
		`${fmt(run.calls)} (${fmt(run.calls / floorCalls, 3)}×)`,
		`${fmt(run.credits)} (${fmt(run.credits / floorCredits, 3)}×)`,
		`${fmt(run.wallMs / 1000, 1)} s (${fmt(run.wallMs / floorWallMs, 2)}×)`,
		`${fmt(run.peakConcurrency)}`,
		`${fmt(run.maxRssMb)} MB`,
	]);
	const header = ['', 'records', 'calls (× floor)', 'credits (× floor)', 'wall time (× floor)', 'parallel', 'peak RSS'];
	const floor = ['floor', fmt(live), fmt(floorCalls), fmt(floorCredits), `${fmt(floorWallMs / 1000, 1)} s`, String(concurrency), ''];
	const all = [header, ...rows, floor];
	const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
	const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	console.log(`\nN = ${fmt(n)} seeded tickets (${fmt(live)} live), ${latencyMs} ms latency per call`);
	console.log(line(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of [...rows, floor]) console.log(line(row));
}

async function main() {
	if (args[0] === '--child') {
		process.stdout.write(`${JSON.stringify(await runChild(JSON.parse(args[1])))}\n`);
		return;
	}
	const sizes = option('sizes', '10000,100000').split(',').map(Number);
	const latencyMs = Number(option('latency', '30'));
	const concurrency = 3; // DEFAULT_CONCURRENCY of nodes/shared/sync
	const { startSimulator } = require(path.join(ROOT, 'test/simulator'));
	console.log(`Return All of N tickets: (a) nodes/shared/sync vs (b) plain offset paging, through n8n-core (test/harness)`);
	console.log(`floor: ceil(live/100) calls × 3 credits; wall floor: ceil(calls/${concurrency}) round trips × latency`);
	for (const n of sizes) {
		const sim = await startSimulator({ tickets: n, latencyMs, concurrency: 5, dailyCredits: 10_000_000 });
		try {
			await warmUp(sim);
			const runs = [await measure(sim, 'ours'), await measure(sim, 'plain')];
			table(n, latencyMs, concurrency, runs);
		} finally {
			await sim.stop();
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
