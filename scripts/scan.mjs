#!/usr/bin/env node
// npm run scan: n8n's verification scan (@n8n/scan-community-package), offline. Its CLI downloads the published
// package and the source its provenance names; here the same analysis runs on this checkout's source files and on
// the unpacked `npm pack` tarball, each leg with the scanner's own file patterns. Also checks what the tarball ships.
// Needs a build (dist/) first. Exits 1 on any scanner error or unexpected tarball content.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the scanner's tarball leg lints (analyzePackageByName in scanner.mjs). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
/** The package ships its build and the documents npm always adds, nothing else. */
const SHIPPED = [/^dist\//, /^(README\.md|LICENSE|package\.json|CHANGELOG\.md)$/];

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.error('scan: dist/ is missing; run npm run build first');
	process.exit(1);
}

/** Problems with the tarball's file list: anything outside SHIPPED, a dist/package.json, not one icon pair. */
function tarballContentProblems(files) {
	const icons = files.filter((file) => file.endsWith('.svg') || file.endsWith('.png'));
	return [
		...files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))).map((file) => `ships ${file}`),
		...files.filter((file) => file === 'dist/package.json').map(() => 'ships dist/package.json (tsconfig must not include package.json)'),
		...(icons.length === 2 && icons.some((icon) => icon.includes('.dark.')) ? [] : [`ships ${icons.length} icons, not one light/dark pair: ${icons.join(', ')}`]),
	];
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-zohodesk-scan-'));
let failed = false;
try {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
	const files = packed.files.map((file) => file.path).sort();
	const contentProblems = tarballContentProblems(files);
	for (const problem of contentProblems) console.error(`❌ tarball ${problem}`);
	if (contentProblems.length) failed = true;
	else console.log(`✅ tarball ${packed.filename}: ${files.length} files, dist/ + ${files.filter((file) => !file.startsWith('dist/')).join(', ')}`);

	const legs = [
		{ name: 'source files', dir: root, patterns: SOURCE_FILE_PATTERNS },
		{ name: 'packed tarball', dir: path.join(work, 'package'), patterns: TARBALL_FILE_PATTERNS },
	];
	for (const { name, dir, patterns } of legs) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed && !result.message) {
			console.log(`✅ scan of the ${name} (${patterns.join(', ')}): no errors`);
			continue;
		}
		failed = true;
		console.error(`❌ scan of the ${name}: ${result.message}`);
		if (result.details) console.error(result.details);
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
