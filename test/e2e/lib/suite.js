'use strict';
// Named steps with PASS / FAIL / SKIPPED / NOT RUN results per n8n version, and the summary table at the end.
const fs = require('node:fs');
const path = require('node:path');
const { log, formatSeconds } = require('./util');

class Skip extends Error {}

class Suite {
	constructor(label) {
		this.label = label;
		this.results = [];
		this.failed = false;
	}

	/**
	 * Runs one step. After a failure the remaining steps of this suite are NOT RUN (they depend on earlier state).
	 * `fn` may throw `new Skip(reason)`; `onFailure` adds diagnostics (the n8n log tail) to the report.
	 */
	async step(name, fn, { onFailure } = {}) {
		if (this.failed) {
			this.results.push({ name, status: 'NOT RUN', ms: 0, detail: 'an earlier step failed' });
			return undefined;
		}
		const started = Date.now();
		log(`${this.label} · ${name} …`);
		try {
			const value = await fn();
			const ms = Date.now() - started;
			const detail = typeof value === 'string' ? value : '';
			this.results.push({ name, status: 'PASS', ms, detail });
			log(`${this.label} · ${name}: PASS (${formatSeconds(ms)})${detail ? ` — ${detail}` : ''}`);
			return value;
		} catch (error) {
			const ms = Date.now() - started;
			if (error instanceof Skip) {
				this.results.push({ name, status: 'SKIPPED', ms, detail: error.message });
				log(`${this.label} · ${name}: SKIPPED: ${error.message}`);
				return undefined;
			}
			this.failed = true;
			this.results.push({ name, status: 'FAIL', ms, detail: error.message.split('\n')[0] });
			console.error(`\n${this.label} · ${name}: FAIL\n${error.stack || error.message}\n`);
			if (onFailure) console.error(await onFailure());
			return undefined;
		}
	}

	skip(name, reason) {
		this.results.push({ name, status: 'SKIPPED', ms: 0, detail: reason });
		log(`${this.label} · ${name}: SKIPPED: ${reason}`);
	}
}

/** One row per step, one column per suite (n8n version). */
function summaryTable(suites) {
	const names = [...new Set(suites.flatMap((suite) => suite.results.map((result) => result.name)))];
	const cell = (suite, name) => {
		const result = suite.results.find((r) => r.name === name);
		if (!result) return '—';
		return result.status === 'PASS' || result.status === 'FAIL' ? `${result.status} ${formatSeconds(result.ms)}` : result.status;
	};
	const rows = [['step', ...suites.map((suite) => suite.label)], ...names.map((name) => [name, ...suites.map((s) => cell(s, name))])];
	const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
	const line = (row) => row.map((text, col) => text.padEnd(widths[col])).join(' | ');
	const notes = suites.flatMap((suite) =>
		suite.results
			.filter((r) => r.status === 'SKIPPED' || r.status === 'FAIL')
			.map((r) => `  ${suite.label} · ${r.name}: ${r.status}: ${r.detail}`),
	);
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line), '', ...notes].join('\n');
}

/**
 * The end of a run: the summary (`lines`, then the table), the verdict, the packed tarball removed, and the exit —
 * at once rather than after idle keep-alive sockets and the simulator's pending delivery retries.
 */
function finishRun({ title, verdict, suites, lines, tarball }) {
	console.log(`\n================ ${title} summary ================`);
	console.log(lines.join('\n'));
	console.log(`\n${summaryTable(suites)}`);
	const failed = suites.some((suite) => suite.failed);
	console.log(`\n${verdict} ${failed ? 'FAILED' : 'PASSED'}`);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

/** Runs a suite's main; Ctrl-C or a CI timeout exits through process.exit so the n8n processes started here die too. */
function runMain(main) {
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
	main().catch((error) => {
		console.error(error.stack || error.message);
		process.exit(1);
	});
}

module.exports = { Suite, Skip, summaryTable, finishRun, runMain };
