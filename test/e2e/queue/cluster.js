'use strict';
// n8n in queue mode, as n8n's scaling docs lay it out: one main process (editor, REST API, activation, triggers and
// polls as the leader; production webhooks disabled), one `n8n webhook` process that receives production webhooks
// and enqueues their executions, and two `n8n worker` processes that run them, all on one Postgres and one Redis.
// Each process has its own user folder holding the package as n8n's community installer puts it there.
const fs = require('node:fs');
const path = require('node:path');
const { N8n } = require('../lib/n8n');
const { prepareN8n } = require('../lib/setup');
const { freePort, http } = require('../lib/util');
const { connect } = require('./postgres');

const WORKERS = 2;
/** Four n8n processes booting at once on 2 CPUs take minutes when the machine is busy with other work. */
const BOOT_TIMEOUT_MS = 300_000;
/** The database n8n keeps its workflows, credentials and executions in. */
const N8N_DATABASE = 'n8n';

/** What `n8n.logFile` has printed since `offset`. */
function logSince(n8n, offset) {
	try {
		const fd = fs.openSync(n8n.logFile, 'r');
		const size = fs.fstatSync(fd).size;
		const buffer = Buffer.alloc(Math.max(0, size - offset));
		fs.readSync(fd, buffer, 0, buffer.length, offset);
		fs.closeSync(fd);
		return buffer.toString();
	} catch {
		return '';
	}
}

const logSize = (n8n) => (fs.existsSync(n8n.logFile) ? fs.statSync(n8n.logFile).size : 0);

class QueueCluster {
	constructor({ install, main, webhook, workers, database }) {
		this.install = install;
		this.main = main;
		this.webhook = webhook;
		this.workers = workers;
		this.database = database;
		/** When each webhook process was started (Zoho's signing keys may be fetched once per process) */
		this.webhookStarts = [];
		/** Where each process's log stood when it last started: what it printed since is its current lifetime's */
		this.logOffsets = new Map();
	}

	get processes() {
		return [this.main, this.webhook, ...this.workers];
	}

	/**
	 * Folders and configuration for every process; the main one gets the credentials and workflows (n8n's CLI
	 * imports into the shared Postgres database, and runs n8n's migrations before any process starts).
	 */
	static async create({ install, zd, tarball, postgres, redis, workflows, credentials }) {
		const webhookPort = await freePort();
		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: N8N_DATABASE,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			// Production webhook URLs (the ones registered with Zoho) point at the webhook process.
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		};
		// 2.x evaluates expressions in V8 isolates and by default takes one for every webhook request of a trigger
		// that is not n8n's own Webhook node, and another for every credential read, each created anew: most of the
		// webhook process's CPU. Lazy acquisition (n8n's switch) creates one only when an expression is evaluated.
		if (install.major >= 2) shared.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE = 'true';
		const database = connect(install, postgres, N8N_DATABASE);
		const main = await prepareN8n({
			install,
			zd,
			tarball,
			workflows,
			credentials,
			env: {
				...shared,
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				// The editor's "Execute workflow" runs on a worker too (n8n's recommended queue-mode setting).
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				N8N_LOG_LEVEL: process.env.N8N_E2E_MAIN_LOG_LEVEL || 'info',
			},
		});
		const sibling = async (port) => {
			const n8n = await N8n.create(install, { port, env: shared });
			// The package exactly as installed for main: every process loads community nodes from its own folder.
			fs.cpSync(path.join(main.userFolder, '.n8n', 'nodes'), path.join(n8n.userFolder, '.n8n', 'nodes'), { recursive: true });
			return n8n;
		};
		const webhook = await sibling(webhookPort);
		const workers = [];
		for (let i = 0; i < WORKERS; i++) workers.push(await sibling());
		for (const n8n of [main, webhook, ...workers]) n8n.database = database;
		return new QueueCluster({ install, main, webhook, workers, database });
	}

	/** What `n8n` printed since it last started (or since `offset`). */
	logOf(n8n, offset = this.logOffsets.get(n8n) ?? 0) {
		return logSince(n8n, offset);
	}

	markStart(n8n) {
		this.logOffsets.set(n8n, logSize(n8n));
	}

	startMain() {
		this.markStart(this.main);
		return this.main.start({ timeoutMs: BOOT_TIMEOUT_MS });
	}

	startWebhook() {
		this.webhookStarts.push(Date.now());
		this.markStart(this.webhook);
		const ready = async () => (await http(`${this.webhook.baseUrl}/healthz/readiness`)).status === 200;
		return this.webhook.start({ command: ['webhook'], ready, what: 'answer /healthz/readiness', timeoutMs: BOOT_TIMEOUT_MS });
	}

	startWorker(worker) {
		this.markStart(worker);
		const ready = () => this.logOf(worker).includes('n8n worker is now ready');
		return worker.start({ command: ['worker'], ready, what: 'say it is ready', timeoutMs: BOOT_TIMEOUT_MS });
	}

	/**
	 * Executions a process enqueued since it last started (main: manual runs; the webhook process: deliveries).
	 * It keeps each in its active executions until Bull tells it the job finished.
	 */
	enqueuedBy(n8n) {
		return [...this.logOf(n8n).matchAll(/Enqueued execution (\d+) /g)].map((match) => match[1]);
	}

	/** All four at once: n8n's CLI imports already ran the migrations, and no process waits for another. */
	async start() {
		await Promise.all([this.startMain(), this.startWebhook(), ...this.workers.map((worker) => this.startWorker(worker))]);
	}

	/** Stops every process; says which did not stop by themselves within 30 s of SIGTERM. */
	async stop() {
		const results = await Promise.all(this.processes.map((n8n) => n8n.stop()));
		await this.database.end().catch(() => undefined);
		return results;
	}

	/** Which worker ran each execution: `Worker started execution <id>` in that worker's log. */
	executionsByWorker() {
		const byExecution = new Map();
		this.workers.forEach((worker, index) => {
			const text = fs.readFileSync(worker.logFile, 'utf8');
			for (const match of text.matchAll(/Worker started execution (\d+) /g)) {
				const runs = byExecution.get(match[1]) ?? [];
				runs.push(index + 1);
				byExecution.set(match[1], runs);
			}
		});
		return byExecution;
	}

	logTails(lines = 40) {
		const names = ['main', 'webhook', ...this.workers.map((_, i) => `worker ${i + 1}`)];
		return this.processes.map((n8n, i) => `----- ${names[i]} (${n8n.logFile}) -----\n${n8n.logTail(lines)}`).join('\n');
	}

	removeFolders() {
		for (const n8n of this.processes) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
}

module.exports = { QueueCluster, N8N_DATABASE };
