/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the spec files next to the repo */
/**
 * Loads Zoho Desk's OpenAPI spec (../shared/zoho-desk-oas: v1.0/*.json and extra/tickets-search.json) into a
 * flat list of operations with their parameters, `$ref`s resolved (local ones and refs into Common.json).
 * Refs into files this copy does not include (Agent.json, Article.json, ...) resolve to undefined and are
 * ignored: they only ever describe bodies and responses, never query parameters.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { SPEC_AMENDMENTS } from './amendments';

export const SPEC_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'zoho-desk-oas');

export interface Schema {
	type?: string | string[];
	enum?: unknown[];
	items?: Schema;
	minimum?: number;
	maximum?: number;
	maxItems?: number;
	pattern?: string;
	description?: string;
	$ref?: string;
}

export interface SpecParameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	description?: string;
	schema?: Schema;
	/** A leading '-' (descending) is accepted on enum values, because the spec or an amendment says so. */
	descendingPrefix?: boolean;
	/** Values accepted beyond the schema, from an amendment. */
	extraValues?: string[];
}

export interface SpecOperation {
	method: string;
	/** e.g. /api/v1/tickets/{ticketId} */
	path: string;
	/** Where it is declared, for messages: file name or amendment source */
	source: string;
	parameters: SpecParameter[];
}

type Json = Record<string, unknown>;

const documents = new Map<string, Json | undefined>();

function loadDocument(file: string): Json | undefined {
	if (!documents.has(file)) {
		documents.set(file, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined);
	}
	return documents.get(file);
}

/** Follows a `$ref` (`./Common.json#/components/...` or `#/components/...`) from `file`; undefined if absent. */
function resolveRef<T>(value: T, file: string): T | undefined {
	const ref = (value as { $ref?: unknown } | undefined)?.$ref;
	if (typeof ref !== 'string') return value;
	const [target, pointer = ''] = ref.split('#');
	const targetFile = target ? join(dirname(file), target) : file;
	let node: unknown = loadDocument(targetFile);
	for (const key of pointer.split('/').filter(Boolean)) {
		node = (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
	}
	return node === undefined ? undefined : resolveRef(node as T, targetFile);
}

function resolveSchema(schema: Schema | undefined, file: string): Schema | undefined {
	const resolved = resolveRef(schema, file);
	if (!resolved) return undefined;
	return resolved.items ? { ...resolved, items: resolveSchema(resolved.items, file) } : resolved;
}

/** Zoho states the descending '-' prefix in prose ("Prefix with '-' for descending", "a (-) for descending order"). */
function saysDescendingPrefix(parameter: SpecParameter): boolean {
	const prose = `${parameter.description ?? ''} ${parameter.schema?.description ?? ''}`;
	return /prefix/i.test(prose) && /descending/i.test(prose) && /'-'|\(-\)/.test(prose);
}

function operationsOf(file: string): SpecOperation[] {
	const paths = (loadDocument(file)?.paths ?? {}) as Record<string, Record<string, Json>>;
	const operations: SpecOperation[] = [];
	for (const [path, item] of Object.entries(paths)) {
		const shared = (item.parameters ?? []) as unknown as SpecParameter[];
		for (const [method, operation] of Object.entries(item)) {
			if (method === 'parameters' || typeof operation !== 'object') continue;
			const declared = [...shared, ...((operation.parameters ?? []) as SpecParameter[])];
			const parameters = declared
				.map((parameter) => resolveRef(parameter, file))
				.filter((parameter): parameter is SpecParameter => parameter !== undefined)
				.map((parameter) => ({ ...parameter, schema: resolveSchema(parameter.schema, file) }))
				.map((parameter) => ({ ...parameter, descendingPrefix: saysDescendingPrefix(parameter) }));
			operations.push({ method: method.toUpperCase(), path, source: file.slice(SPEC_DIR.length + 1), parameters });
		}
	}
	return operations;
}

let cached: SpecOperation[] | undefined;

/** Every operation of the spec, with SPEC_AMENDMENTS applied. */
export function loadSpec(): SpecOperation[] {
	if (cached) return cached;
	const versionDir = join(SPEC_DIR, 'v1.0');
	const files = [
		...readdirSync(versionDir)
			.filter((name) => name.endsWith('.json'))
			.map((name) => join(versionDir, name)),
		join(SPEC_DIR, 'extra', 'tickets-search.json'),
	];
	const commonOrgId = resolveRef<SpecParameter>({ $ref: './Common.json#/components/parameters/orgId' } as never, join(versionDir, 'x'));
	cached = SPEC_AMENDMENTS.reduce(
		(operations, amendment) => amendment.apply(operations, { orgId: commonOrgId! }),
		files.flatMap(operationsOf),
	);
	return cached;
}
