'use strict';
// Puts this package into an n8n user folder the way n8n's community-package installer does (1.x and 2.x alike),
// so node types get the names users see: n8n-nodes-zohodesk.<nodeName>.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { repoRoot } = require('./util');

const manifest = () => JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** The package's node/credential files that the build has produced, and those it has not (yet). */
function builtFiles() {
	const { n8n } = manifest();
	const all = [...n8n.nodes, ...n8n.credentials];
	return {
		present: all.filter((file) => fs.existsSync(path.join(repoRoot, file))),
		missing: all.filter((file) => !fs.existsSync(path.join(repoRoot, file))),
	};
}

/** `npm pack` of the built package, once per run. */
function pack() {
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first (CI builds before test:e2e).');
	}
	const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zohodesk-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: repoRoot, encoding: 'utf8' });
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(outDir, filename);
}

/**
 * Unpacks into $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name>, strips dev/peer/optional dependencies and runs
 * n8n's own `npm install` flags. Node files the build has not produced yet (a trigger still being written) are
 * dropped from that copy's manifest, because n8n refuses a package whose listed file is missing; the caller
 * reports those sections as skipped.
 */
function installInto(userFolder, tarball, { env = process.env } = {}) {
	const { name } = manifest();
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
	const pkgFile = path.join(target, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	const exists = (file) => fs.existsSync(path.join(target, file));
	pkg.n8n.nodes = pkg.n8n.nodes.filter(exists);
	pkg.n8n.credentials = pkg.n8n.credentials.filter(exists);
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	execFileSync(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: target, env, stdio: 'pipe' },
	);
	return target;
}

module.exports = { manifest, builtFiles, pack, installInto };
