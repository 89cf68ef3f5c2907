#!/usr/bin/env node
'use strict';
/**
 * The attachment round trip at Zoho Desk's size limit (20 MiB): Upload Attachment from an item's binary data, then
 * Download Attachment (streamed) into n8n's binary data, through n8n-core's real execution (test/harness), against
 * the simulator. Reports whether the bytes came back equal and the child process's memory (RSS, and V8's heap plus
 * its external memory: Buffers and large strings live outside the heap proper): before, the
 * peak of each step (sampled every 10 ms) and its rise over the step's start (after a GC), after (after a GC, the
 * downloaded item still held), and the process's max RSS. The input item is built before the upload step.
 *
 *   npm run bench:attachments                    both binary data modes, 20 MiB
 *   node bench/attachments.js --size 5242880 --modes filesystem
 *
 * Binary data modes: `memory` is n8n 1.x's default (`default`: every file is a base64 string in the item, so n8n
 * itself holds it whole); `filesystem` is n8n 2.x's default (files on disk, items hold a reference), where the
 * download streams from the socket to disk. Each mode runs in a fresh child process, so its figures are its own.
 * Memory figures are what a user would see, not test assertions; they vary with Node's GC timing.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const MiB = 2 ** 20;
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};

// ---------------------------------------------------------------- child: one round trip, then its measurements

/** Deterministic bytes that are not text: every byte value occurs. */
function bytesOf(size) {
	const bytes = Buffer.allocUnsafe(size);
	for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 256;
	return bytes;
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** RSS, and V8's heap with the memory outside it that V8 tracks (Buffers and large strings such as base64 files). */
function memory() {
	const { rss, heapUsed, external } = process.memoryUsage();
	return { rss, heapUsed: heapUsed + external };
}

/** Runs `fn` after a GC, sampling memory every 10 ms: its result, memory at the start and the peaks. */
async function sampled(fn) {
	global.gc();
	const start = memory();
	let rss = start.rss;
	let heap = start.heapUsed;
	const sample = () => {
		const now = memory();
		rss = Math.max(rss, now.rss);
		heap = Math.max(heap, now.heapUsed);
	};
	const timer = setInterval(sample, 10);
	try {
		const result = await fn();
		sample();
		return { result, start, peak: { rss, heap } };
	} finally {
		clearInterval(timer);
	}
}

async function runChild(job) {
	const { executeNode, simulatorCredentials } = require('./harness');
	const { coreContainer } = require(path.join(ROOT, 'test/harness/n8nContainer.ts'));
	const { BinaryDataService } = require(require.resolve('n8n-core', { paths: [ROOT] }));
	const binaryData = coreContainer().get(BinaryDataService);
	// Without init() n8n-core keeps binary data in memory (n8n 1.x's default); init() sets up n8n 2.x's filesystem mode.
	if (job.mode === 'filesystem') await binaryData.init();

	const credentials = simulatorCredentials(job);
	const ticketId = { __rl: true, mode: 'id', value: job.ticketId };
	const location = { type: 'execution', workflowId: 'harness-workflow', executionId: 'harness-execution' };
	/** An input item holding `bytes` as n8n would: a base64 string in memory mode, a stored file otherwise. */
	async function itemWith(bytes) {
		const file = { data: '', fileName: 'limit.bin', mimeType: 'application/x-bench' };
		return { json: {}, binary: { data: await binaryData.store(location, bytes, file) } };
	}
	async function roundTrip(input) {
		const upload = await executeNode({ nodeType: 'zohoDesk', parameters: { resource: 'ticket', operation: 'uploadAttachment', ticketId, binaryPropertyName: 'data' }, credentials, input: [input] });
		if (upload.error) throw upload.error;
		const attachmentId = { __rl: true, mode: 'id', value: String(upload.items[0].json.id) };
		return { attachmentId, upload };
	}
	async function download(attachmentId) {
		const run = await executeNode({ nodeType: 'zohoDesk', parameters: { resource: 'ticket', operation: 'downloadAttachment', ticketId, attachmentId, binaryPropertyName: 'file' }, credentials });
		if (run.error) throw run.error;
		return run.items[0];
	}

	// Not measured: loading n8n-core and our sources, the token exchange, one small round trip.
	const warm = await roundTrip(await itemWith(bytesOf(1024)));
	await download(warm.attachmentId);

	global.gc();
	const before = memory();
	const sent = bytesOf(job.size);
	const sentHash = sha256(sent);
	const input = await itemWith(sent);
	const up = await sampled(() => roundTrip(input));
	const down = await sampled(() => download(up.result.attachmentId));
	const received = await binaryData.getAsBuffer(down.result.binary.file);
	const equal = received.length === job.size && sha256(received) === sentHash;
	global.gc();
	const after = memory();
	return {
		mode: job.mode,
		size: job.size,
		equal,
		stored: down.result.binary.file.id ? 'file reference' : 'base64 in the item',
		before,
		upload: { start: up.start, peak: up.peak },
		download: { start: down.start, peak: down.peak },
		after,
		maxRss: process.resourceUsage().maxRSS * 1024,
	};
}

// ---------------------------------------------------------------- parent: simulator, one child per mode, table

function runInChild(job) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', __filename, '--child', JSON.stringify(job)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('exit', (code) => {
			const line = out.trim().split('\n').pop();
			if (code === 0) resolve(JSON.parse(line));
			else reject(new Error(`bench child failed (${code}): ${out}`));
		});
	});
}

const mb = (bytes) => `${(bytes / MiB).toFixed(1)} MB`;

function printTable(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	console.log(line(rows[0]));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows.slice(1)) console.log(line(row));
}

async function main() {
	if (args[0] === '--child') {
		process.stdout.write(`${JSON.stringify(await runChild(JSON.parse(args[1])))}\n`);
		return;
	}
	const { ATTACHMENT_MAX_BYTES } = require(path.join(ROOT, 'test/simulator/attachmentRoutes'));
	const size = Number(option('size', String(ATTACHMENT_MAX_BYTES)));
	const modes = option('modes', 'memory,filesystem').split(',');
	const { startSimulator } = require(path.join(ROOT, 'test/simulator'));
	const sim = await startSimulator({ tickets: 10, webhookRetries: 0 });
	const results = [];
	try {
		for (const mode of modes) {
			const ticketId = String(sim.createRecord('tickets', { subject: `Bench ${mode}` }).id);
			const { code } = sim.issueGrantCode();
			results.push(await runInChild({ mode, size, ticketId, url: sim.url, orgId: sim.orgId, grantCode: code, ...sim.selfClient }));
		}
	} finally {
		await sim.stop();
	}
	console.log(`Attachment round trip through n8n-core (test/harness): Upload Attachment, then Download Attachment, ${mb(size)} (${size.toLocaleString('en-US')} bytes)`);
	const rows = [['binary data mode', 'bytes equal', 'download kept as', 'RSS / heap+external before', 'upload: RSS peak (rise) / heap+external peak (rise)', 'download: RSS peak (rise) / heap+external peak (rise)', 'RSS / heap+external after', 'max RSS']];
	const step = ({ start, peak }) => `${mb(peak.rss)} (+${mb(peak.rss - start.rss)}) / ${mb(peak.heap)} (+${mb(peak.heap - start.heapUsed)})`;
	for (const r of results) {
		rows.push([
			r.mode === 'memory' ? 'memory (n8n 1.x default)' : 'filesystem (n8n 2.x default)',
			r.equal ? 'yes' : 'NO',
			r.stored,
			`${mb(r.before.rss)} / ${mb(r.before.heapUsed)}`,
			step(r.upload),
			step(r.download),
			`${mb(r.after.rss)} / ${mb(r.after.heapUsed)}`,
			mb(r.maxRss),
		]);
	}
	printTable(rows);
	if (results.some((r) => !r.equal)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
