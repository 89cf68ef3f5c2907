/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test infrastructure: env, temp folder, n8n-core's own module copies */
/**
 * The dependency-injection setup n8n-core needs before its execution contexts can run in jest.
 *
 * Quirks (n8n-core 2.11.1):
 * - n8n-core, @n8n/backend-common and the top-level package each ship their OWN copy of @n8n/di, i.e. three
 *   separate containers. n8n-core resolves Logger (a backend-common class) from its copy, where Logger is not
 *   registered ("[DI] Logger is not decorated with Service"). So Logger is built in backend-common's container
 *   and handed to n8n-core's with Container.set. Everything here is resolved relative to n8n-core, never
 *   through a bare `import '@n8n/di'` (that would be the wrong copy).
 * - InstanceSettings (read by every node execution context) writes `<N8N_USER_FOLDER>/.n8n/config` with an
 *   encryption key. N8N_USER_FOLDER points at a temporary folder of this jest worker, never the user's ~/.n8n.
 * - Every execute context builds SSH-tunnel helpers, which create n8n-core's SSHClientsManager; its constructor
 *   starts a 60 s setInterval that keeps jest from exiting. We create it here and unref that timer.
 * - The DI registries are module state, and jest gives every test file a fresh module registry, so the setup
 *   runs once per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set<T>(type: abstract new (...args: never[]) => T, instance: T): void;
}

const coreEntry = require.resolve('n8n-core');
const requireFrom = <T>(from: string, id: string): T => require(require.resolve(id, { paths: [from] })) as T;
const containerOf = (entry: string) => requireFrom<{ Container: DiContainer }>(entry, '@n8n/di').Container;

let ready = false;

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
type LogListener = (level: LogLevel, message: string) => void;
const logListeners = new Set<LogListener>();

/** Hears every line n8n's Logger (what a node's `this.logger` is) is given, until the returned function is called. */
export function listenToLog(listener: LogListener): () => void {
	ensureN8nContainer();
	logListeners.add(listener);
	return () => logListeners.delete(listener);
}

/** n8n-core's own DI container (not the top-level @n8n/di copy). */
export function coreContainer(): DiContainer {
	ensureN8nContainer();
	return containerOf(coreEntry);
}

/** Makes n8n-core's container able to build execution contexts; idempotent. */
export function ensureN8nContainer(): void {
	if (ready) return;
	if (!process.env.N8N_USER_FOLDER) {
		const folder = mkdtempSync(join(tmpdir(), 'zohodesk-harness-'));
		process.env.N8N_USER_FOLDER = folder;
		process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	}
	process.env.N8N_LOG_LEVEL ??= 'silent';

	const container = containerOf(coreEntry);
	const { Logger } = requireFrom<{ Logger: new () => unknown }>(coreEntry, '@n8n/backend-common');
	const backendCommonEntry = require.resolve('@n8n/backend-common', { paths: [coreEntry] });
	const logger = containerOf(backendCommonEntry).get(Logger) as Record<LogLevel, (message: string, meta?: object) => void>;
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		const write = logger[level].bind(logger);
		logger[level] = (message, meta) => {
			for (const listener of logListeners) listener(level, message);
			write(message, meta);
		};
	}
	container.set(Logger, logger);
	const { SSHClientsManager } = require(join(dirname(coreEntry), 'execution-engine', 'ssh-clients-manager')) as {
		SSHClientsManager: new () => { cleanupTimer?: NodeJS.Timeout };
	};
	container.get(SSHClientsManager).cleanupTimer?.unref();
	ready = true;
}
