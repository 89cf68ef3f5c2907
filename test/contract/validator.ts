/**
 * Checks one HTTP request against Zoho Desk's spec: the method and path exist, every query parameter is
 * declared, values respect the declared type, enum, pattern, minimum/maximum and maxItems, and required
 * query parameters are present. Returns what is wrong (empty = fine).
 */
import { loadSpec, type Schema, type SpecOperation, type SpecParameter } from './spec';

/** Calls to Zoho's accounts server and the webhook signing keys are not Desk API calls. */
const NOT_DESK_API = [/^\/oauth\/v2\//, /^\/\.well-known\/jwks\.json$/];

export function isDeskApiCall(url: string): boolean {
	const { pathname } = new URL(url);
	return !NOT_DESK_API.some((pattern) => pattern.test(pathname));
}

const types = (schema?: Schema) => (schema?.type === undefined ? [] : [schema.type].flat());

/** The spec's patterns mean the whole value; Java-only syntax (\P{InBasicLatin}) cannot be checked and is skipped. */
function fullPattern(pattern: string | undefined): RegExp | undefined {
	if (!pattern) return undefined;
	try {
		return new RegExp(`^(?:${pattern})$`, 'u');
	} catch {
		return undefined;
	}
}

/** What is wrong with one value against a scalar schema. */
function valueProblem(value: string, schema: Schema | undefined, parameter: SpecParameter): string | undefined {
	if (!schema || parameter.extraValues?.includes(value)) return undefined;
	const allowed = types(schema);
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
	const pattern = fullPattern(schema.pattern);
	if (pattern && !pattern.test(value)) return `"${value}" does not match ${schema.pattern}`;
	return undefined;
}

function parameterProblems(parameter: SpecParameter, values: string[]): string[] {
	const { schema, name } = parameter;
	if (types(schema).includes('array')) {
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
	const candidates = loadSpec()
		.map((operation) => ({ operation, pathParams: matchPath(operation.path, path) }))
		.filter((c): c is { operation: SpecOperation; pathParams: Record<string, string> } => c.pathParams !== undefined)
		.sort((a, b) => literalSegments(b.operation.path) - literalSegments(a.operation.path));
	return { match: candidates.find((c) => c.operation.method === method), pathExists: candidates.length > 0 };
}

export function validateRequest(method: string, url: string): string[] {
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
	return problems.map((problem) => `${problem} ${where}`);
}
