'use strict';
// Installs real n8n into a cache folder in a way that works when only the npm registry is reachable (as on CI):
// 1.x needs the xlsx override and 2.x runs on Node 24 from the npm package
// with install scripts off (then rebuilds only sqlite3). A finished install is marked and reused on later runs.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { log, formatSeconds, repoRoot } = require('./util');

/** The n8n lines we test, by major version. */
const TARGETS = {
	1: { n8n: '1.123.50', nodeMajor: 20, overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' }, ignoreScripts: false },
	2: { n8n: '2.41.1', nodeMajor: 24, overrides: {}, ignoreScripts: true, rebuild: ['sqlite3'] },
};

const cacheRoot = () => path.resolve(process.env.N8N_E2E_CACHE || path.join(repoRoot, 'node_modules', '.cache', 'n8n-e2e'));
const systemNodeMajor = () => Number(process.versions.node.split('.')[0]);

/** Selected majors: N8N_E2E_VERSIONS="1", "2" or "1,2" (default: all). */
function selectedMajors(fallback = Object.keys(TARGETS)) {
	const wanted = (process.env.N8N_E2E_VERSIONS || fallback.join(',')).split(',').map((v) => v.trim().split('.')[0]);
	for (const major of wanted) {
		if (!TARGETS[major]) throw new Error(`N8N_E2E_VERSIONS: unknown n8n major "${major}" (known: ${Object.keys(TARGETS).join(', ')})`);
	}
	return [...new Set(wanted)];
}

/** Top-level packages in a node_modules folder so far (scoped ones counted one by one). */
function unpacked(dir) {
	const modules = path.join(dir, 'node_modules');
	try {
		return fs.readdirSync(modules).reduce((count, name) => {
			if (!name.startsWith('@')) return count + (name.startsWith('.') ? 0 : 1);
			return count + fs.readdirSync(path.join(modules, name)).length;
		}, 0);
	} catch {
		return 0;
	}
}

/**
 * Runs npm with a progress line: npm prints nothing useful until it is done, so count its HTTP fetches instead.
 * Output goes to `logFile`; on failure its tail is in the error.
 */
function runNpm(args, { cwd, env, label, logFile }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = fs.createWriteStream(logFile, { flags: 'a' });
		out.write(`\n$ npm ${args.join(' ')}\n`);
		const child = spawn('npm', [...args, '--loglevel=http', '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, env });
		let fetches = 0;
		const count = (chunk) => {
			fetches += (chunk.toString().match(/http fetch/g) || []).length;
			out.write(chunk);
		};
		child.stdout.on('data', count);
		child.stderr.on('data', count);
		// Say only what moved since the last line: npm downloads first, then unpacks, then links and builds.
		let last = { fetches: -1, packages: -1 };
		const progress = () => {
			const now = { fetches, packages: unpacked(cwd) };
			const moved = [
				...(now.fetches !== last.fetches ? [`${now.fetches} registry requests`] : []),
				...(now.packages !== last.packages ? [`${now.packages} packages in node_modules`] : []),
			];
			last = now;
			const news = moved.length ? moved.join(', ') : 'no new downloads or packages (npm is linking or running build scripts)';
			return `  ${label}: npm ${args[0]} ${formatSeconds(Date.now() - started)}, ${news}`;
		};
		const timer = setInterval(() => log(progress()), 20_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(timer);
			out.end(() => {
				if (code === 0) return resolve();
				const tail = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => !/http fetch/.test(l)).slice(-25).join('\n');
				reject(new Error(`${label}: npm ${args.join(' ')} failed (exit ${code}); full log ${logFile}\n${tail}`));
			});
		});
	});
}

const readMarker = (dir) => {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'e2e-install.json'), 'utf8'));
	} catch {
		return undefined;
	}
};

/**
 * n8n's dependency tree, pinned: with a lock npm skips resolving ~2,000 packages (minutes) and CI installs the tree
 * that was tested, not whatever the registry resolves to that day. Named by cache key, e.g. n8n-2.41.1-node24.json.
 */
const lockFileOf = (dir) => path.join(__dirname, '..', 'locks', `${path.basename(dir)}.json`);

/**
 * Installs `dependencies` ({name: version}) into `dir` once; a folder without the marker is a broken earlier attempt
 * and starts over. With `pinned`, a lock in test/e2e/locks/ is used (`npm ci`), or written after a fresh install.
 */
async function installOnce(dir, { label, dependencies, overrides = {}, ignoreScripts, rebuild = [], pinned, env = process.env }) {
	if (readMarker(dir)) return { dir, cached: true, seconds: 0 };
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const manifest = { name: 'n8n-e2e-install', private: true, dependencies, overrides };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	const lock = pinned && lockFileOf(dir);
	const locked = lock && fs.existsSync(lock);
	if (locked) fs.copyFileSync(lock, path.join(dir, 'package-lock.json'));
	const started = Date.now();
	const logFile = path.join(dir, 'install.log');
	log(`${label}: installing${locked ? ' from test/e2e/locks/' : ''} into ${dir} (takes minutes; log: ${logFile})`);
	// Said explicitly both ways: under `npm run`, npm passes the repository's ignore-scripts=true (.npmrc) down as
	// npm_config_ignore_scripts, which would silently skip sqlite3's native build and leave n8n without its database.
	const scripts = (run) => `--ignore-scripts=${!run}`;
	await runNpm([locked ? 'ci' : 'install', scripts(!ignoreScripts)], { cwd: dir, env, label, logFile });
	if (rebuild.length) await runNpm(['rebuild', ...rebuild, scripts(true)], { cwd: dir, env, label, logFile });
	if (lock && !locked) {
		fs.mkdirSync(path.dirname(lock), { recursive: true });
		fs.copyFileSync(path.join(dir, 'package-lock.json'), lock);
		log(`${label}: wrote ${path.relative(process.cwd(), lock)}; commit it to pin this tree`);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(path.join(dir, 'e2e-install.json'), JSON.stringify({ dependencies, locked, seconds, at: new Date().toISOString() }, null, 2));
	log(`${label}: installed in ${formatSeconds(seconds * 1000)}`);
	return { dir, cached: false, seconds };
}

/** The Node binary for a major: the system one when it matches, else the `node-<os>-<arch>` npm package. */
async function ensureNode(major) {
	if (systemNodeMajor() === major) return { binDir: path.dirname(process.execPath), nodedir: undefined, cached: true, seconds: 0 };
	const pkg = `node-${process.platform}-${process.arch}`;
	const dir = path.join(cacheRoot(), `node-${major}`);
	const result = await installOnce(dir, { label: `Node ${major}`, dependencies: { [pkg]: String(major) }, ignoreScripts: true });
	const nodedir = path.join(dir, 'node_modules', pkg);
	return { ...result, binDir: path.join(nodedir, 'bin'), nodedir };
}

/** Environment that makes `node`, `npm` and node-gyp use the given Node. */
function envForNode(node, base = process.env) {
	const env = { ...base, PATH: `${node.binDir}${path.delimiter}${base.PATH}` };
	if (node.nodedir) env.npm_config_nodedir = node.nodedir;
	return env;
}

/**
 * Ensures n8n of the given major is installed; returns how to run it.
 * Cache key: n8n version + Node major, e.g. node_modules/.cache/n8n-e2e/n8n-2.41.1-node24.
 */
async function ensureN8n(major) {
	const target = TARGETS[major];
	const node = await ensureNode(target.nodeMajor);
	const env = envForNode(node);
	const dir = path.join(cacheRoot(), `n8n-${target.n8n}-node${target.nodeMajor}`);
	const label = `n8n ${target.n8n} (Node ${target.nodeMajor})`;
	const install = await installOnce(dir, { label, dependencies: { n8n: target.n8n }, ...target, pinned: true, env });
	const nodeBin = path.join(node.binDir, 'node');
	return {
		major: Number(major),
		version: target.n8n,
		label,
		dir,
		env,
		nodeBin,
		nodeVersion: execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim(),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		install: { cached: install.cached && node.cached, seconds: install.seconds + node.seconds },
	};
}

module.exports = { TARGETS, selectedMajors, ensureN8n, cacheRoot };
