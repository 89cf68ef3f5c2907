/**
 * Checks one HTTP request against our contract with Zoho Desk's spec (contract.ts): the method and path exist,
 * path and query parameters are declared and respect their type, enum, pattern, minimum/maximum and maxItems,
 * required parameters and headers are present, and the body is what the operation takes (content type, required
 * fields, field types, enums, unknown fields). Returns what is wrong (empty = fine).
 */
import { contractOperations, type RequestBody, type Schema, type SpecOperation, type SpecParameter } from './contract';
import { javaPattern } from './javaPattern';
import { schemaProblems } from './schemaCheck';

/** Calls to Zoho's accounts server and the webhook signing keys are not Desk API calls. */
const NOT_DESK_API = [/^\/oauth\/v2\//, /^\/\.well-known\/jwks\.json$/];

export function isDeskApiCall(url: string): boolean {
	const { pathname } = new URL(url);
	return !NOT_DESK_API.some((pattern) => pattern.test(pathname));
}

/** A request body as it was when sent (recorded at once: a multipart stream is consumed by sending it). */
export type SentBody =
	| { kind: 'json'; value: unknown }
	| { kind: 'multipart'; parts: Array<{ name: string; file: boolean }> }
	| { kind: 'other'; description: string };

/** Field names of a multipart body: n8n's `form-data` package keeps each part's header in `_streams`. */
function multipartParts(data: unknown): Array<{ name: string; file: boolean }> | undefined {
	if (data instanceof FormData) return [...data.entries()].map(([name, value]) => ({ name, file: typeof value !== 'string' }));
	const streams = (data as { _streams?: unknown[]; getBoundary?: unknown } | null)?._streams;
	if (!Array.isArray(streams) || typeof (data as { getBoundary?: unknown }).getBoundary !== 'function') return undefined;
	return streams
		.filter((chunk): chunk is string => typeof chunk === 'string')
		.map((header) => /name="([^"]*)"(; filename=")?/.exec(header))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ name: match[1], file: match[2] !== undefined }));
}

/** What a request's `data` was, in a form that can be checked later; undefined for no body. */
export function snapshotBody(data: unknown): SentBody | undefined {
	if (data === undefined || data === null || data === '') return undefined;
	const parts = multipartParts(data);
	if (parts) return { kind: 'multipart', parts };
	if (Buffer.isBuffer(data) || typeof (data as { pipe?: unknown }).pipe === 'function') return { kind: 'other', description: 'a binary body' };
	if (data instanceof URLSearchParams) return { kind: 'other', description: 'a form-urlencoded body' };
	if (typeof data === 'string') {
		try {
			return { kind: 'json', value: JSON.parse(data) };
		} catch {
			return { kind: 'other', description: 'a body that is not JSON' };
		}
	}
	return { kind: 'json', value: JSON.parse(JSON.stringify(data)) };
}

/** What is wrong with one value against a scalar schema. */
function valueProblem(value: string, schema: Schema | undefined, parameter: SpecParameter): string | undefined {
	if (!schema || parameter.extraValues?.includes(value)) return undefined;
	const allowed = schema.type ?? [];
	if (schema.enum) {
		const base = parameter.descendingPrefix && value.startsWith('-') ? value.slice(1) : value;
		if (!schema.enum.map(String).includes(base)) return `"${value}" is not one of ${schema.enum.join(', ')}`;
		return undefined;
	}
	const numeric = /^-?\d+$/.test(value);
	if (allowed.length && allowed.every((t) => t === 'integer' || t === 'null') && !numeric) return `"${value}" is not an integer`;
	if (allowed.length && allowed.every((t) => t === 'boolean' || t === 'null') && !['true', 'false'].includes(value)) {
		return `"${value}" is not a boolean`;
	}
	if (numeric && schema.minimum !== undefined && Number(value) < schema.minimum) return `${value} is below the minimum ${schema.minimum}`;
	if (numeric && schema.maximum !== undefined && Number(value) > schema.maximum) return `${value} is above the maximum ${schema.maximum}`;
	if (schema.pattern && !javaPattern(schema.pattern, { whole: true }).test(value)) return `"${value}" does not match ${schema.pattern}`;
	return undefined;
}

function parameterProblems(parameter: SpecParameter, values: string[]): string[] {
	const { schema, name } = parameter;
	if (schema?.type?.includes('array')) {
		// Zoho takes lists comma-separated (its descriptions say so), also when the spec says explode.
		const items = values.flatMap((value) => value.split(','));
		const problems = items.map((item) => valueProblem(item, schema?.items, parameter));
		if (schema?.maxItems !== undefined && items.length > schema.maxItems) {
			problems.push(`${items.length} values, more than maxItems ${schema.maxItems}`);
		}
		return problems.filter((p): p is string => p !== undefined).map((p) => `${name}: ${p}`);
	}
	if (values.length > 1) return [`${name} is sent ${values.length} times but is not a list`];
	const problem = valueProblem(values[0], schema, parameter);
	return problem ? [`${name}: ${problem}`] : [];
}

function bodyProblems(declared: RequestBody | undefined, sent: SentBody | undefined): string[] {
	if (!declared) return sent ? ['sends a body, but the spec declares none'] : [];
	if (!sent) return declared.required || declared.schema.required?.length ? ['the request body is missing'] : [];
	const multipart = declared.contentType === 'multipart/form-data';
	if (sent.kind === 'other') return [`sends ${sent.description}, the spec takes ${declared.contentType}`];
	if (multipart !== (sent.kind === 'multipart')) {
		return [`sends ${sent.kind === 'multipart' ? 'multipart/form-data' : 'JSON'}, the spec takes ${declared.contentType}`];
	}
	if (sent.kind === 'json') return schemaProblems(declared.schema, sent.value).map((problem) => `body ${problem}`);
	const { properties = {}, required = [], additionalProperties } = declared.schema;
	const names = sent.parts.map((part) => part.name);
	return [
		...required.filter((name) => !names.includes(name)).map((name) => `body: required part "${name}" is missing`),
		...sent.parts
			.filter((part) => !properties[part.name] && additionalProperties === false)
			.map((part) => `body: part "${part.name}" is not in the spec`),
		...sent.parts
			.filter((part) => properties[part.name]?.format === 'binary' && !part.file)
			.map((part) => `body: part "${part.name}" must be a file`),
	];
}

const literalSegments = (path: string) => path.split('/').filter((s) => s && !s.startsWith('{')).length;

function matchPath(template: string, path: string): Record<string, string> | undefined {
	const want = template.split('/');
	const got = path.split('/');
	if (want.length !== got.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith('{')) {
			if (!got[i]) return undefined;
			params[want[i].slice(1, -1)] = decodeURIComponent(got[i]);
		} else if (want[i] !== got[i]) return undefined;
	}
	return params;
}

/** The operation for method + path: among matching templates the one with the most literal segments. */
function findOperation(method: string, path: string) {
	const candidates = contractOperations()
		.map((operation) => ({ operation, pathParams: matchPath(operation.path, path) }))
		.filter((c): c is { operation: SpecOperation; pathParams: Record<string, string> } => c.pathParams !== undefined)
		.sort((a, b) => literalSegments(b.operation.path) - literalSegments(a.operation.path));
	return { match: candidates.find((c) => c.operation.method === method), pathExists: candidates.length > 0 };
}

export interface SentRequest {
	method: string;
	url: string;
	/** Header names as sent (any case) */
	headers?: string[];
	body?: SentBody;
}

export function validateRequest({ method, url, headers = [], body }: SentRequest): string[] {
	const { pathname, searchParams } = new URL(url);
	const verb = method.toUpperCase();
	const { match, pathExists } = findOperation(verb, pathname);
	if (!match) return [pathExists ? `${verb} is not declared for ${pathname}` : `${pathname} is in no spec file`];
	const { operation, pathParams } = match;
	const where = `(${operation.source} ${operation.method} ${operation.path})`;
	const problems: string[] = [];
	for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
		const value = pathParams[parameter.name];
		const problem = value === undefined ? 'missing' : valueProblem(value, parameter.schema, parameter);
		if (problem) problems.push(`path {${parameter.name}}: ${problem}`);
	}
	const query = operation.parameters.filter((p) => p.in === 'query');
	for (const name of new Set(searchParams.keys())) {
		const parameter = query.find((p) => p.name === name);
		if (!parameter) problems.push(`query parameter "${name}" is not declared`);
		else problems.push(...parameterProblems(parameter, searchParams.getAll(name)));
	}
	for (const parameter of query.filter((p) => p.required && !searchParams.has(p.name))) {
		problems.push(`required query parameter "${parameter.name}" is missing`);
	}
	const sentHeaders = headers.map((name) => name.toLowerCase());
	for (const parameter of operation.parameters.filter((p) => p.in === 'header' && p.required)) {
		if (!sentHeaders.includes(parameter.name.toLowerCase())) problems.push(`required header "${parameter.name}" is missing`);
	}
	problems.push(...bodyProblems(operation.body, body));
	return problems.map((problem) => `${problem} ${where}`);
}
