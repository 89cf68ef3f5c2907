'use strict';
/**
 * Derives our request contract from a folder holding Zoho Desk's OpenAPI spec (github.com/zoho/zohodesk-oas:
 * v1.0/*.json, plus extra/tickets-search.json when present). The contract keeps only the facts our checks use —
 * per operation: path, query and header parameters (type, enum, pattern, bounds, default, required), the
 * request body (content type, field names, types, enums, bounds, required fields), and the webhook event names
 * with their filter keys. Prose is dropped, except that Zoho's "prefix with '-' for descending" becomes a flag.
 * formatContract() writes it sorted, one operation per entry, short schemas on one line, so a diff reads well.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Schema keywords the contract keeps, in this order. */
const KEYWORDS = [
	'type', 'enum', 'pattern', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
	'minProperties', 'maxProperties', 'default', 'required', 'properties', 'patternProperties', 'additionalProperties',
	'items', 'anyOf',
];
/** Nested objects deeper than this are recorded as "any" (Zoho's bodies nest three or four levels at most). */
const MAX_DEPTH = 8;

function specFiles(specDir) {
	const versionDir = path.join(specDir, 'v1.0');
	if (!fs.existsSync(versionDir)) throw new Error(`${specDir} is not a copy of Zoho Desk's spec: it has no v1.0 folder`);
	const files = fs.readdirSync(versionDir).filter((name) => name.endsWith('.json')).sort().map((name) => `v1.0/${name}`);
	const search = 'extra/tickets-search.json';
	return fs.existsSync(path.join(specDir, search)) ? [...files, search] : files;
}

function createResolver(specDir) {
	const documents = new Map();
	const load = (file) => {
		if (!documents.has(file)) {
			const full = path.join(specDir, file);
			documents.set(file, fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : undefined);
		}
		return documents.get(file);
	};
	/** { node, file } a `$ref` seen from `file` points at; node undefined when its file is not in the copy. */
	const resolve = (ref, file) => {
		const [target, pointer = ''] = ref.split('#');
		const targetFile = target ? path.posix.normalize(path.posix.join(path.posix.dirname(file), target)) : file;
		let node = load(targetFile);
		for (const key of pointer.split('/').filter(Boolean)) node = node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
		return { node, file: targetFile };
	};
	/** Follows refs until a node that is not one. */
	const follow = (node, file) => {
		let current = { node, file };
		for (let hops = 0; current.node?.$ref && hops < 20; hops++) current = resolve(current.node.$ref, current.file);
		return current;
	};
	return { load, follow };
}

const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const asTypes = (type) => (type === undefined ? undefined : [type].flat());

/** The contract form of a schema: refs resolved, allOf merged (properties, required, closedness), prose dropped. */
function normaliseSchema(schema, file, resolver, depth = 0) {
	const { node, file: at } = resolver.follow(schema, file);
	if (!node || typeof node !== 'object' || depth > MAX_DEPTH) return {};
	const parts = [];
	const collect = (part, partFile) => {
		const resolved = resolver.follow(part, partFile);
		if (!resolved.node || typeof resolved.node !== 'object') return;
		parts.push(resolved);
		for (const branch of resolved.node.allOf ?? []) collect(branch, resolved.file);
	};
	collect(node, at);

	const out = {};
	const properties = new Map();
	const patternProperties = new Map();
	const required = new Set();
	for (const { node: part, file: partFile } of parts) {
		for (const keyword of KEYWORDS) {
			if (part[keyword] === undefined || ['properties', 'patternProperties', 'required', 'items', 'anyOf', 'additionalProperties'].includes(keyword)) continue;
			if (out[keyword] === undefined) out[keyword] = keyword === 'type' ? asTypes(part.type) : part[keyword];
		}
		for (const key of part.required ?? []) required.add(key);
		for (const [key, sub] of Object.entries(part.properties ?? {})) {
			if (!properties.has(key)) properties.set(key, normaliseSchema(sub, partFile, resolver, depth + 1));
		}
		for (const [key, sub] of Object.entries(part.patternProperties ?? {})) {
			if (!patternProperties.has(key)) patternProperties.set(key, normaliseSchema(sub, partFile, resolver, depth + 1));
		}
		if (part.additionalProperties === false) out.additionalProperties = false;
		else if (typeof part.additionalProperties === 'object' && out.additionalProperties === undefined) {
			out.additionalProperties = normaliseSchema(part.additionalProperties, partFile, resolver, depth + 1);
		}
		if (part.items && out.items === undefined) out.items = normaliseSchema(part.items, partFile, resolver, depth + 1);
		const alternatives = part.anyOf ?? part.oneOf;
		if (alternatives && out.anyOf === undefined) {
			out.anyOf = alternatives.map((alternative) => normaliseSchema(alternative, partFile, resolver, depth + 1));
		}
	}
	if (required.size) out.required = [...required].sort();
	if (properties.size) out.properties = sortedObject(properties);
	if (patternProperties.size) out.patternProperties = sortedObject(patternProperties);
	if (out.format !== undefined && out.format !== 'binary') delete out.format; // int64 and friends say nothing we check
	return Object.fromEntries(KEYWORDS.filter((keyword) => out[keyword] !== undefined).map((keyword) => [keyword, out[keyword]]));
}

/** Zoho states the descending '-' prefix in prose ("Prefix with '-' for descending", "a (-) for descending order"). */
function saysDescendingPrefix(parameter) {
	const prose = `${parameter.description ?? ''} ${parameter.schema?.description ?? ''}`;
	return /prefix/i.test(prose) && /descending/i.test(prose) && /'-'|\(-\)/.test(prose);
}

function parametersOf(declared, file, resolver, where) {
	const byName = new Map();
	for (const reference of declared) {
		const { node: parameter, file: parameterFile } = resolver.follow(reference, file);
		if (!parameter || parameter.in !== where) continue; // refs into files not in the copy only ever name bodies
		const entry = { ...normaliseSchema(parameter.schema, parameterFile, resolver) };
		if (parameter.required) entry.required = true;
		if (saysDescendingPrefix(parameter)) entry.descendingPrefix = true;
		byName.set(parameter.name, entry);
	}
	return sortedObject(byName);
}

function bodyOf(requestBody, file, resolver) {
	const { node: body, file: bodyFile } = resolver.follow(requestBody, file);
	if (!body?.content) return undefined;
	const [contentType] = Object.keys(body.content).sort();
	const contract = { contentType, schema: normaliseSchema(body.content[contentType].schema, bodyFile, resolver) };
	if (body.required) contract.required = true;
	return contract;
}

function operationsOf(file, resolver) {
	const operations = [];
	for (const [apiPath, item] of Object.entries(resolver.load(file)?.paths ?? {})) {
		const shared = item.parameters ?? [];
		for (const [method, operation] of Object.entries(item)) {
			if (method === 'parameters' || typeof operation !== 'object') continue;
			const declared = [...shared, ...(operation.parameters ?? [])];
			const entry = { source: file };
			for (const where of ['path', 'query', 'header']) {
				const parameters = parametersOf(declared, file, resolver, where);
				if (Object.keys(parameters).length) entry[where] = parameters;
			}
			const body = operation.requestBody && bodyOf(operation.requestBody, file, resolver);
			if (body) entry.body = body;
			operations.push([`${method.toUpperCase()} ${apiPath}`, entry]);
		}
	}
	return operations;
}

/** Webhook event types and the filter keys each takes (Webhook.json's `subscriptions` schema). */
function webhookEventsOf(resolver) {
	const { node: subscriptions, file } = resolver.follow({ $ref: '#/components/schemas/subscriptions' }, 'v1.0/Webhook.json');
	const events = Object.entries(subscriptions?.properties ?? {}).map(([name, schema]) => {
		const { node } = resolver.follow(schema, file);
		return [name, Object.keys(node?.properties ?? {}).sort()];
	});
	return sortedObject(events);
}

/** "GET /api/v1/tickets" before "POST /api/v1/tickets" before "GET /api/v1/tickets/{ticketId}". */
function byPathThenMethod(a, b) {
	const [methodA, pathA] = a.split(' ');
	const [methodB, pathB] = b.split(' ');
	if (pathA !== pathB) return pathA < pathB ? -1 : 1;
	return methodA < methodB ? -1 : methodA > methodB ? 1 : 0;
}

/** The contract derived from a spec folder. */
function deriveContract(specDir) {
	const resolver = createResolver(specDir);
	const operations = specFiles(specDir).flatMap((file) => operationsOf(file, resolver));
	const duplicate = operations.find(([key], i) => operations.findIndex(([other]) => other === key) !== i);
	if (duplicate) throw new Error(`${duplicate[0]} is declared twice in the spec`);
	return {
		about:
			"Facts from Zoho Desk's OpenAPI spec (github.com/zoho/zohodesk-oas) that our tests check every request against. " +
			'Generated: npm run contract:update -- --spec <folder>. Do not edit by hand; deliberate differences live in amendments.ts.',
		operations: Object.fromEntries(operations.sort(([a], [b]) => byPathThenMethod(a, b))),
		webhookEvents: webhookEventsOf(resolver),
	};
}

/** One line of JSON with a space after each colon and comma, as a person would type it. */
function oneLine(value) {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
	return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`).join(', ')}}`;
}

/** JSON with two-space indentation, except that a value whose one-line form is short stays on one line. */
function formatContract(contract, width = 120) {
	const write = (value, indent) => {
		const inline = oneLine(value);
		if (value === null || typeof value !== 'object' || inline.length + indent.length <= width) return inline;
		const inner = `${indent}  `;
		if (Array.isArray(value)) return `[\n${value.map((item) => inner + write(item, inner)).join(',\n')}\n${indent}]`;
		const entries = Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner)}`);
		return `{\n${entries.join(',\n')}\n${indent}}`;
	};
	return `${write(contract, '')}\n`;
}

const CONTRACT_FILE = path.join(__dirname, 'zoho-desk.contract.json');

module.exports = { deriveContract, formatContract, CONTRACT_FILE };
