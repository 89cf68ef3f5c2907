// Unit and integration tests (npm test). The end-to-end suite in test/e2e runs real n8n: npm run test:e2e.
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	// Every request a test sends through n8n's helpers is checked against our contract with Zoho's spec.
	setupFilesAfterEnv: ['./test/contract/setup.ts'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{
				tsconfig: {
					module: 'commonjs',
					target: 'es2020',
					esModuleInterop: true,
					strict: true,
					skipLibCheck: true,
					useUnknownInCatchVariables: false,
					resolveJsonModule: true,
				},
				diagnostics: { warnOnly: false },
			},
		],
	},
	// Simulator-backed suites on a loaded 2-CPU machine
	testTimeout: 60000,
};
