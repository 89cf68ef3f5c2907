#!/usr/bin/env node
'use strict';
/**
 * Return All of N tickets against the simulator, (a) ours vs (b) plain offset paging, in one run: calls, credits,
 * wall time, concurrency utilisation and peak memory, each also as a ratio to the floor and to plain paging.
 *
 *   npm run bench                          N = 10,000 and 100,000 × five time shapes, 200 ms latency per call
 *   npm run bench -- --sizes 2000 --latency 50 --shapes uniform,frontLoaded
 *
 * Time shapes (when the tickets were created, over two years): uniform; frontLoaded (all in the first 40 %: a portal
 * that went quiet); recent (all in the last 10 %); growth (volume ∝ √time); bursts (uniform plus blocks of 250 and
 * 1,500 tickets sharing one millisecond, one of each per 10,000).
 *
 * Each read runs in a fresh child process (so its peak memory is its own) through n8n-core's real execution
 * (test/harness: WorkflowExecute, n8n's credential handling and httpRequestWithAuthentication):
 *   (a) the ZohoDesk node, Ticket → Get Many → Return All (nodes/core/sync, 3 parallel requests); once per N also
 *       with Simplify (the same read, each ticket trimmed to its most used fields), for its memory;
 *   (b) a node that pages /tickets with the shared pager (nodes/core/sync/pager.ts, no overlap): from=0,100,200…
 *       with limit=100 to the end, the way Return All read before the sync code (and other Zoho Desk nodes read).
 *       Offset paging does not depend on when tickets were created, so it runs once per N (uniform).
 * The simulator runs in this process and charges Zoho's credit schedule (3 credits up to offset 2,000, then 5, 10,
 * 50, 100); its counters are the numbers reported. Utilisation: the share of the time with at least one call in
 * flight that had 1, 2, 3… in flight. The machine's load average is printed: wall times are slower on a busy
 * machine, which is why they are given as ratios.
 */
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};

// ---------------------------------------------------------------- child: one read, then its measurements

async function runChild(job) {
	const { executeNode, simulatorCredentials } = require('./harness');
	const credentials = simulatorCredentials(job);
	const ours = job.method !== 'plain';
	const nodeType = ours ? 'zohoDesk' : plainPagingNode();
	const parameters = ours ? { resource: 'ticket', operation: 'getMany', returnAll: true, simplify: job.method === 'simplified' } : {};
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
	const { authenticationProperty, credentialDescriptions } = require(path.join(ROOT, 'nodes/core/transport/index.ts'));
	const { readPages } = require(path.join(ROOT, 'nodes/core/sync/index.ts'));
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
	return { method, ...result, calls: counters.calls, credits: counters.credits, msAtConcurrency: counters.msAtConcurrency };
}

const fmt = (value, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Time with at least one call in flight at the simulator. Unlike wall time it leaves out the reader's own CPU time
 * while no call is out, which a busy machine stretches.
 */
const apiBusyMs = (run) => Object.values(run.msAtConcurrency).reduce((a, b) => a + b, 0);

/** Share of busy API time at 1, 2, 3… calls in flight, e.g. "1: 4% 2: 6% 3: 90%". */
function utilisation(msAtConcurrency) {
	const total = apiBusyMs({ msAtConcurrency }) || 1;
	return Object.entries(msAtConcurrency)
		.map(([level, ms]) => `${level}: ${fmt((100 * ms) / total)}%`)
		.join(' ');
}

function printTable(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	console.log(line(rows[0]));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows.slice(1)) console.log(line(row));
}

/** One table per N: each shape's read by ours, plain paging, and the floor. */
function report(n, latencyMs, concurrency, runs, plain) {
	const header = ['shape', 'reader', 'records', 'calls (× floor)', 'credits (× floor)', 'wall (× floor)', 'API busy (× floor)', 'vs plain: calls / credits / wall', 'utilisation (share at n in flight)', 'peak RSS (heap)'];
	const rows = [header];
	for (const run of [...runs, plain]) {
		const floorCalls = Math.ceil(run.distinct / 100);
		const floorWallMs = Math.ceil(floorCalls / concurrency) * latencyMs;
		rows.push([
			run.shape,
			{ ours: '(a) ours', simplified: '(a) ours, Simplify', plain: '(b) plain offset' }[run.method],
			`${fmt(run.records)}${run.distinct === run.records ? '' : ` (${fmt(run.distinct)} distinct)`}`,
			`${fmt(run.calls)} (${fmt(run.calls / floorCalls, 3)}×)`,
			`${fmt(run.credits)} (${fmt(run.credits / (3 * floorCalls), 3)}×)`,
			`${fmt(run.wallMs / 1000, 1)} s (${fmt(run.wallMs / floorWallMs, 2)}×)`,
			`${fmt(apiBusyMs(run) / 1000, 1)} s (${fmt(apiBusyMs(run) / floorWallMs, 2)}×)`,
			run === plain ? '1 / 1 / 1' : `${fmt(run.calls / plain.calls, 2)} / ${fmt(run.credits / plain.credits, 2)} / ${fmt(run.wallMs / plain.wallMs, 2)}`,
			utilisation(run.msAtConcurrency),
			`${fmt(run.maxRssMb)} MB (${fmt(run.heapPeakMb)} MB)`,
		]);
	}
	const floorCalls = Math.ceil(plain.distinct / 100);
	console.log(`\nN = ${fmt(n)} seeded tickets (~${fmt(plain.distinct)} live), ${latencyMs} ms latency per call, ${concurrency} parallel requests`);
	console.log(`floor: ${fmt(floorCalls)} calls, ${fmt(3 * floorCalls)} credits, ${fmt((Math.ceil(floorCalls / concurrency) * latencyMs) / 1000, 1)} s`);
	printTable(rows);
}

async function seeded(n, latencyMs, shape) {
	const { startSimulator } = require(path.join(ROOT, 'test/simulator'));
	const sim = await startSimulator({ tickets: n, latencyMs, concurrency: 5, dailyCredits: 100_000_000, ticketShape: shape });
	await warmUp(sim);
	return sim;
}

async function main() {
	if (args[0] === '--child') {
		process.stdout.write(`${JSON.stringify(await runChild(JSON.parse(args[1])))}\n`);
		return;
	}
	const sizes = option('sizes', '10000,100000').split(',').map(Number);
	const latencyMs = Number(option('latency', '200'));
	const shapes = option('shapes', 'uniform,frontLoaded,recent,growth,bursts').split(',');
	const concurrency = 3; // DEFAULT_CONCURRENCY of nodes/core/sync
	const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');
	console.log(`Return All of N tickets: (a) nodes/core/sync vs (b) plain offset paging, through n8n-core (test/harness)`);
	console.log(`${os.cpus().length} CPUs, load average at start ${load()}`);
	for (const n of sizes) {
		const runs = [];
		let plain;
		for (const shape of shapes) {
			const sim = await seeded(n, latencyMs, shape);
			try {
				runs.push({ shape, ...(await measure(sim, 'ours')) });
				// Memory with Simplify (the same read, the most used fields kept), once per N.
				if (!runs.some((run) => run.method === 'simplified')) runs.push({ shape, ...(await measure(sim, 'simplified')) });
				if (!plain) plain = { shape, ...(await measure(sim, 'plain')) };
			} finally {
				await sim.stop();
			}
		}
		report(n, latencyMs, concurrency, runs, plain);
		console.log(`load average now ${load()}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
