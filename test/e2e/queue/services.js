'use strict';
// The two services queue mode needs, started on free local ports for one run and stopped after it: Redis (the job
// queue) and Postgres (n8n's database, and the mirror's). Debian's packages: `redis-server`, and `postgresql`, whose
// binaries live in /usr/lib/postgresql/<major>/bin. Postgres refuses to run as root, so as root the server runs as
// the `postgres` user the package creates (setpriv execs in place: the PID we hold is the server's own).
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { freePort, waitFor, delay } = require('../lib/util');

const isRoot = () => process.getuid?.() === 0;

/** Postgres's bin folder: on PATH, else Debian's newest /usr/lib/postgresql/<major>/bin. */
function postgresBin() {
	const debian = '/usr/lib/postgresql';
	const majors = fs.existsSync(debian) ? fs.readdirSync(debian).filter((name) => /^\d+$/.test(name)) : [];
	const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
	if (newest && fs.existsSync(path.join(debian, newest, 'bin', 'initdb'))) return path.join(debian, newest, 'bin');
	try {
		return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim());
	} catch {
		throw new Error('Postgres is not installed: `apt-get install postgresql` (.ci/run does this)');
	}
}

function which(command) {
	try {
		return execFileSync('which', [command], { encoding: 'utf8' }).trim();
	} catch {
		return undefined;
	}
}

/** argv that runs `command` as the postgres user when we are root. */
function asPostgres(command, args) {
	return isRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]] : [command, args];
}

/** A child process whose output goes to `logFile`, stopped by SIGTERM (SIGKILL after `graceMs`). */
function startProcess(command, args, logFile, { cwd } = {}) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { cwd, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			process.removeListener('exit', killOnExit);
			resolve(code ?? signal);
		}),
	);
	return {
		child,
		exited,
		async stop(graceMs = 15_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			if ((await Promise.race([exited, delay(graceMs).then(() => 'timeout')])) === 'timeout') child.kill('SIGKILL');
			await exited;
		},
	};
}

const tail = (file, lines = 30) => {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
};

/** Redis without persistence, on a free port of 127.0.0.1. */
async function startRedis(dir) {
	const bin = which('redis-server');
	if (!bin) throw new Error('redis-server is not installed: `apt-get install redis-server` (.ci/run does this)');
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const proc = startProcess(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], logFile);
	await Promise.race([
		waitFor(`redis-server on port ${port}`, () => pingRedis(port), { timeoutMs: 20_000, intervalMs: 100 }),
		proc.exited.then((code) => {
			throw new Error(`redis-server exited with ${code}:\n${tail(logFile)}`);
		}),
	]);
	return { port, logFile, stop: () => proc.stop() };
}

function pingRedis(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

/**
 * A throwaway Postgres cluster (trust authentication, TCP on 127.0.0.1 only, fsync off: the data dies with the
 * run) with one database per name in `databases`.
 */
async function startPostgres(dir, { databases }) {
	const bin = postgresBin();
	// Its own folder (data and socket), owned by the user the server runs as.
	const pgRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pg-'));
	const dataDir = path.join(pgRoot, 'data');
	if (isRoot()) execFileSync('chown', ['postgres:postgres', pgRoot]);
	const removeFolder = () => fs.rmSync(pgRoot, { recursive: true, force: true });
	process.once('exit', removeFolder);
	const logFile = path.join(dir, 'postgres.log');
	const user = 'postgres';
	const [initCommand, initArgs] = asPostgres(path.join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		user,
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C',
		'--no-sync',
	]);
	execFileSync(initCommand, initArgs, { stdio: ['ignore', fs.openSync(logFile, 'a'), fs.openSync(logFile, 'a')] });
	const port = await freePort();
	const [command, args] = asPostgres(path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		pgRoot,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const proc = startProcess(command, args, logFile);
	const psql = (sql, database = 'postgres') =>
		execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	await Promise.race([
		waitFor(`postgres on port ${port}`, () => psql('SELECT 1').trim() === '1', { timeoutMs: 30_000, intervalMs: 200 }),
		proc.exited.then((code) => {
			throw new Error(`postgres exited with ${code}:\n${tail(logFile)}`);
		}),
	]);
	for (const database of databases) psql(`CREATE DATABASE ${database}`);
	return {
		host: '127.0.0.1',
		port,
		user,
		logFile,
		psql,
		async stop() {
			// SIGTERM is Postgres's "smart" shutdown, which waits for clients; SIGINT ("fast") ends their sessions.
			if (proc.child.exitCode === null) proc.child.kill('SIGINT');
			await proc.stop();
			process.removeListener('exit', removeFolder);
			removeFolder();
		},
	};
}

module.exports = { startRedis, startPostgres };
