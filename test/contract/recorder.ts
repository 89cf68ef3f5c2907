/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- hooks the axios copies n8n-core uses */
/**
 * Records every HTTP request n8n's helpers send (httpRequest, httpRequestWithAuthentication, OAuth2 refresh),
 * for checking against our contract with Zoho's spec when the test file ends (setup.ts). n8n-core bundles its own axios
 * (node_modules/n8n-core/node_modules/axios), so the interceptor goes on the copies resolved from n8n-core and
 * from @n8n/client-oauth2, not on whatever `import axios` would give a test. Module state is per test file
 * (jest's module registry), so every file starts with an empty record.
 */
import { isDeskApiCall, snapshotBody, validateRequest, type SentRequest } from './validator';

interface AxiosLike {
	interceptors: { request: { use(onFulfilled: (config: never) => unknown): number } };
	getUri(config: unknown): string;
}

export interface RecordedRequest extends SentRequest {
	test: string | undefined;
	/** Sent inside allowContractViolations() */
	allowed: boolean;
}

const recorded: RecordedRequest[] = [];
let allowing = 0;
let installed = false;

function axiosCopies(): AxiosLike[] {
	const coreEntry = require.resolve('n8n-core');
	const entries = [
		require.resolve('axios', { paths: [coreEntry] }),
		require.resolve('axios', { paths: [require.resolve('@n8n/client-oauth2', { paths: [coreEntry] })] }),
	];
	return [...new Set(entries)].map((entry) => {
		const loaded = require(entry) as AxiosLike & { default?: AxiosLike };
		return loaded.default ?? loaded;
	});
}

export function installRecorder(): void {
	if (installed) return;
	installed = true;
	for (const axios of axiosCopies()) {
		// Request interceptors run before axios serialises `data`, so the body is seen as the node built it.
		axios.interceptors.request.use((config: { method?: string; headers?: object; data?: unknown }) => {
			recorded.push({
				method: (config.method ?? 'get').toUpperCase(),
				url: axios.getUri(config),
				headers: Object.keys({ ...config.headers }),
				body: snapshotBody(config.data),
				test: expect.getState().currentTestName,
				allowed: allowing > 0,
			});
			return config;
		});
	}
}

export function recordedRequests(): RecordedRequest[] {
	return [...recorded];
}

/** Spec violations of Desk API requests, one line each, naming the test that sent them. */
export function contractViolations(requests: RecordedRequest[]): string[] {
	return requests
		.filter((request) => isDeskApiCall(request.url))
		.flatMap((request) =>
			validateRequest(request).map(
				(problem) => `${request.method} ${request.url}\n    ${problem}\n    in test: ${request.test ?? '(outside a test)'}`,
			),
		);
}

/**
 * For the few tests that send a request the spec forbids on purpose (e.g. proving Zoho's 422 is handled):
 * runs `fn`, exempts its requests from the end-of-file check and returns their violations to assert on.
 */
export async function allowContractViolations<T>(fn: () => Promise<T>): Promise<{ result: T; violations: string[] }> {
	const first = recorded.length;
	allowing++;
	try {
		const result = await fn();
		return { result, violations: contractViolations(recorded.slice(first)) };
	} finally {
		allowing--;
	}
}
