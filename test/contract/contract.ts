/* eslint-disable @n8n/community-nodes/no-restricted-imports -- reads the committed contract file */
/**
 * Our request contract: the committed facts derived from Zoho Desk's OpenAPI spec (zoho-desk.contract.json,
 * written by derive.js), with SPEC_AMENDMENTS applied. Everything the request check knows comes from here, so a
 * clone of the repository checks every request without a copy of the spec.
 */
import { readFileSync } from 'node:fs';

import { SPEC_AMENDMENTS } from './amendments';
import { CONTRACT_FILE } from './derive';

export interface Schema {
	type?: string[];
	enum?: unknown[];
	pattern?: string;
	format?: string;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	minProperties?: number;
	maxProperties?: number;
	default?: unknown;
	required?: string[];
	properties?: Record<string, Schema>;
	patternProperties?: Record<string, Schema>;
	additionalProperties?: false | Schema;
	items?: Schema;
	anyOf?: Schema[];
}

export interface SpecParameter {
	name: string;
	in: 'query' | 'path' | 'header';
	required?: boolean;
	schema?: Schema;
	/** A leading '-' (descending) is accepted on enum values, because the spec or an amendment says so. */
	descendingPrefix?: boolean;
	/** Values accepted beyond the schema, from an amendment. */
	extraValues?: string[];
}

export interface RequestBody {
	contentType: string;
	required?: boolean;
	schema: Schema;
}

export interface SpecOperation {
	method: string;
	/** e.g. /api/v1/tickets/{ticketId} */
	path: string;
	/** Where Zoho declares it, for messages: spec file name or amendment source */
	source: string;
	parameters: SpecParameter[];
	body?: RequestBody;
}

type ContractParameter = Schema & { required?: boolean | string[]; descendingPrefix?: boolean };

interface ContractEntry {
	source: string;
	path?: Record<string, ContractParameter>;
	query?: Record<string, ContractParameter>;
	header?: Record<string, ContractParameter>;
	body?: RequestBody;
}

export interface Contract {
	about: string;
	operations: Record<string, ContractEntry>;
	/** Event type → the filter keys its subscription takes */
	webhookEvents: Record<string, string[]>;
}

export function readContract(): Contract {
	return JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as Contract;
}

function parametersOf(entry: ContractEntry): SpecParameter[] {
	return (['path', 'query', 'header'] as const).flatMap((where) =>
		Object.entries(entry[where] ?? {}).map(([name, { required, descendingPrefix, ...schema }]) => ({
			name,
			in: where,
			required: required === true,
			descendingPrefix: descendingPrefix === true,
			schema,
		})),
	);
}

let cached: SpecOperation[] | undefined;

/** Every operation of the contract, with SPEC_AMENDMENTS applied. */
export function contractOperations(): SpecOperation[] {
	if (cached) return cached;
	const operations = Object.entries(readContract().operations).map(([key, entry]): SpecOperation => {
		const [method, path] = key.split(' ');
		return { method, path, source: entry.source, parameters: parametersOf(entry), body: entry.body };
	});
	const orgId = operations.find((op) => op.path === '/api/v1/tickets')?.parameters.find((p) => p.name === 'orgId');
	if (!orgId) throw new Error('The contract has no orgId query parameter on GET /api/v1/tickets');
	cached = SPEC_AMENDMENTS.reduce((amended, amendment) => amendment.apply(amended, { orgId }), operations);
	return cached;
}
