'use strict';
// One isolated n8n: its own user folder (SQLite database, config, community nodes), driven through n8n's CLI and
// one server process, with every line n8n prints kept in n8n.log for the failure report.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort, waitFor, http, delay } = require('./util');

const ENCRYPTION_KEY = 'n8n-nodes-zohodesk-e2e-fixed-key';

class N8n {
	/**
	 * @param install what ensureN8n() returned
	 * @param extraEnv variables on top of the recipe's (e.g. queue mode's database and Redis)
	 */
	constructor(install, userFolder, port, extraEnv = {}) {
		this.install = install;
		this.userFolder = userFolder;
		this.port = port;
		this.extraEnv = extraEnv;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = path.join(userFolder, 'n8n.log');
		this.server = undefined;
	}

	static async create(install, { port, userFolder, env } = {}) {
		const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${install.major}-`));
		return new N8n(install, folder, port || (await freePort()), env);
	}

	get dbFile() {
		return path.join(this.userFolder, '.n8n', 'database.sqlite');
	}

	/** The recipe's isolated, offline environment; every process gets its own task-broker port (2.x starts one). */
	async env() {
		const env = {
			...this.install.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_OUTPUT: 'console',
			...this.extraEnv,
		};
		// 2.x only: stops its one outbound call. On 1.x this variable is a fatal error.
		if (this.install.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		else delete env.N8N_DISABLED_MODULES;
		return env;
	}

	appendLog(title, text) {
		fs.appendFileSync(this.logFile, `\n===== ${title}\n${text}`);
	}

	/** Runs `n8n <args>`; rejects with the output when it exits non-zero (unless allowFailure). */
	async cli(args, { allowFailure = false } = {}) {
		const env = await this.env();
		// stdout goes to a file: `execute --rawOutput` of a large run came back cut off mid-JSON through a pipe.
		const outFile = path.join(this.userFolder, `cli-stdout-${process.hrtime.bigint()}.txt`);
		const out = fs.openSync(outFile, 'w');
		return new Promise((resolve, reject) => {
			const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], { env, cwd: this.userFolder, stdio: ['ignore', out, 'pipe'] });
			fs.closeSync(out);
			let stderr = '';
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('error', reject);
			child.on('close', (code) => {
				const stdout = fs.readFileSync(outFile, 'utf8');
				fs.rmSync(outFile, { force: true });
				this.appendLog(`n8n ${args.join(' ')} (exit ${code})`, `${stdout}\n${stderr}`);
				if (code === 0 || allowFailure) return resolve({ code, stdout, stderr });
				reject(new Error(`n8n ${args.join(' ')} exited with ${code}\n${tail(`${stdout}\n${stderr}`, 30)}`));
			});
		});
	}

	/** Imports credentials or workflows (an array of n8n export objects) through n8n's CLI. */
	async import(kind, items) {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(items, null, 2));
		await this.cli([`import:${kind}`, `--input=${file}`]);
	}

	async exportCredentials() {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		await this.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	}

	async exportNodeTypes() {
		const file = path.join(this.userFolder, 'nodes.json');
		await this.cli(['export:nodes', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	}

	/**
	 * `n8n execute --id --rawOutput`: the run's data, or the error n8n reported. 2.x prints log lines before and
	 * after the JSON (pretty-printed, so it spans from a line "{" to the next line "}").
	 */
	async execute(workflowId) {
		const { code, stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFailure: true });
		const json = /^\{$[\s\S]*?^\}$/m.exec(stdout);
		let run;
		try {
			run = json ? JSON.parse(json[0]) : undefined;
		} catch {
			run = undefined;
		}
		const error = run?.data?.resultData?.error;
		const reason = error ? `: ${error.message} (node "${error.node?.name ?? '?'}")` : '';
		const problem = code !== 0 ? `n8n execute exited with ${code}${reason}` : run ? undefined : 'n8n execute printed no run data';
		return { ok: !problem, run, problem, output: `${stdout}\n${stderr}` };
	}

	/** Whether the REST API answers: 2.x answers 200 "n8n is starting up" while booting, so only a JSON body counts. */
	async restReady() {
		const res = await http(`${this.baseUrl}/rest/settings`);
		return res.status === 200 && res.body !== undefined;
	}

	/**
	 * Starts `n8n <command>` (default `start`, the main process; queue mode also runs `webhook` and `worker`) and
	 * waits until `ready()` says so (default: the REST API answers).
	 */
	async start({ command = ['start'], ready = () => this.restReady(), what = 'serve its REST API', timeoutMs = 120_000 } = {}) {
		const env = await this.env();
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n===== n8n ${command.join(' ')}\n`);
		this.server = spawn(this.install.nodeBin, [this.install.n8nBin, ...command], { env, cwd: this.userFolder, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		// Should this process die without stopping n8n (a crash, Ctrl-C), the server must not outlive it.
		const server = this.server;
		const killOnExit = () => server.kill('SIGKILL');
		process.once('exit', killOnExit);
		const exited = new Promise((resolve) =>
			server.once('exit', (code) => {
				process.removeListener('exit', killOnExit);
				resolve(code);
			}),
		);
		this.serverExit = exited;
		const started = waitFor(`n8n ${this.install.version} (${command[0]}) to ${what}`, ready, { timeoutMs, intervalMs: 300 });
		const died = exited.then((code) => {
			throw new Error(`n8n ${this.install.version} (${command[0]}) exited with ${code} while starting`);
		});
		await Promise.race([started, died]);
	}

	/** SIGTERM to the server we started; SIGKILL after 30 s. Says whether n8n stopped by itself, and how. */
	async stop() {
		if (!this.server || this.server.exitCode !== null) return { graceful: true, code: this.server?.exitCode ?? null };
		this.server.kill('SIGTERM');
		const code = await Promise.race([this.serverExit, delay(30_000).then(() => undefined)]);
		if (code === undefined) this.server.kill('SIGKILL');
		this.server = undefined;
		return { graceful: code !== undefined, code };
	}

	logTail(lines = 60) {
		try {
			return tail(fs.readFileSync(this.logFile, 'utf8'), lines);
		} catch {
			return '(no n8n log yet)';
		}
	}
}

function tail(text, lines) {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

module.exports = { N8n };
