'use strict';
/**
 * Lets plain `node` load our TypeScript sources (the nodes and the test harness) the way ts-jest does for the tests:
 * each .ts file is transpiled on require, so the benchmark runs the same code as the tests and n8n (which loads
 * `tsc`'s output of the same files), without a build step or another dependency.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2020,
	esModuleInterop: true,
	resolveJsonModule: true,
};

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
