'use strict';
/**
 * A small checker for the JSON Schema keywords Zoho's OpenAPI 3.1 spec uses, to hold the simulator's responses
 * to the spec's response schemas. Spec-specific readings:
 * - `allOf` merges: properties, required and `additionalProperties: false` apply to the union of all branches'
 *   properties (Zoho's generator closes every branch, which read literally would reject every response);
 * - `$ref`s into files that are not in the copy (Agent.json, Article.json, …) accept anything;
 * - Java regex syntax in `pattern` (\P{InBasicLatin}, \p{L}) is translated to JavaScript;
 * - `artefacts`: JSON pointers (regexes) where `required` and min/maxProperties are generator artefacts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { javaPattern } = require('../contract/javaPattern');

/** A copy of Zoho's spec (github.com/zoho/zohodesk-oas) is not part of the repository: its files carry no licence. */
const OAS_DIR = process.env.ZOHO_DESK_OAS_DIR ? path.resolve(process.env.ZOHO_DESK_OAS_DIR) : undefined;

function typeOf(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function createSpec(dir = OAS_DIR) {
	const files = new Map();
	const load = (file) => {
		if (!files.has(file)) files.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
		return files.get(file);
	};

	/** { schema, file } of a $ref seen from `file`; schema null when the target file is not in the copy. */
	function resolve(ref, file) {
		const [target, pointer = ''] = ref.split('#');
		const targetFile = target ? path.posix.normalize(path.posix.join(path.posix.dirname(file), target)) : file;
		if (!fs.existsSync(path.join(dir, targetFile))) return { schema: null, file: targetFile };
		let node = load(targetFile);
		for (const part of pointer.split('/').slice(1)) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
		if (node === undefined) throw new Error(`Unresolvable $ref ${ref} from ${file}`);
		return { schema: node, file: targetFile };
	}

	/** The schema nodes that apply together: refs resolved, allOf branches spread. */
	function flatten(list) {
		const out = [];
		const visit = ({ schema, file }) => {
			if (schema === null || schema === undefined || schema === true) return;
			if (schema.$ref) return visit(resolve(schema.$ref, file));
			out.push({ schema, file });
			for (const branch of schema.allOf ?? []) visit({ schema: branch, file });
		};
		list.forEach(visit);
		return out;
	}

	function check(list, value, pointer, errors, options) {
		const parts = flatten(list);
		const artefact = options.artefacts.some((re) => re.test(pointer));
		const actual = typeOf(value);
		for (const { schema, file } of parts) {
			const types = schema.type === undefined ? null : [].concat(schema.type);
			if (types && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
				errors.push(`${pointer || '/'}: ${actual} is not ${types.join('|')}`);
				return;
			}
			if (schema.enum && !schema.enum.includes(value)) errors.push(`${pointer}: ${JSON.stringify(value)} not in enum`);
			if (actual === 'string') {
				if (schema.pattern && !javaPattern(schema.pattern).test(value))
					errors.push(`${pointer}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
				if (schema.maxLength !== undefined && value.length > schema.maxLength)
					errors.push(`${pointer}: longer than ${schema.maxLength}`);
				if (schema.minLength !== undefined && value.length < schema.minLength)
					errors.push(`${pointer}: shorter than ${schema.minLength}`);
			}
			if (actual === 'integer' || actual === 'number') {
				if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${pointer}: below ${schema.minimum}`);
				if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${pointer}: above ${schema.maximum}`);
			}
			if (actual === 'array') {
				if (schema.maxItems !== undefined && value.length > schema.maxItems)
					errors.push(`${pointer}: more than ${schema.maxItems} items`);
				if (schema.minItems !== undefined && value.length < schema.minItems)
					errors.push(`${pointer}: fewer than ${schema.minItems} items`);
			}
			if (actual === 'object' && !artefact) {
				const size = Object.keys(value).length;
				if (schema.maxProperties !== undefined && size > schema.maxProperties)
					errors.push(`${pointer}: more than ${schema.maxProperties} properties`);
				if (schema.minProperties !== undefined && size < schema.minProperties)
					errors.push(`${pointer}: fewer than ${schema.minProperties} properties`);
			}
			const alternatives = schema.anyOf ?? schema.oneOf;
			if (alternatives) {
				const attempts = alternatives.map((alternative) => {
					const found = [];
					check([{ schema: alternative, file }], value, pointer, found, options);
					return found;
				});
				if (!attempts.some((found) => found.length === 0)) {
					const closest = attempts.reduce((a, b) => (b.length < a.length ? b : a));
					errors.push(
						`${pointer}: matches none of ${alternatives.length} alternatives; closest: ${closest.slice(0, 3).join('; ')}`,
					);
				}
			}
		}
		if (actual === 'array') {
			const items = parts
				.filter(({ schema }) => schema.items)
				.map(({ schema, file }) => ({ schema: schema.items, file }));
			if (items.length) value.forEach((item, i) => check(items, item, `${pointer}/${i}`, errors, options));
		}
		if (actual === 'object') checkObject(parts, value, pointer, errors, options, artefact);
	}

	function checkObject(parts, value, pointer, errors, options, artefact) {
		const properties = new Map();
		const patternProperties = [];
		let closed = false;
		for (const { schema, file } of parts) {
			for (const [key, sub] of Object.entries(schema.properties ?? {})) {
				if (!properties.has(key)) properties.set(key, []);
				properties.get(key).push({ schema: sub, file });
			}
			for (const [source, sub] of Object.entries(schema.patternProperties ?? {}))
				patternProperties.push({ re: javaPattern(source), schema: sub, file });
			if (schema.additionalProperties === false) closed = true;
			if (!artefact)
				for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${pointer}/${key}: required`);
		}
		for (const [key, child] of Object.entries(value)) {
			const at = `${pointer}/${key}`;
			if (properties.has(key)) check(properties.get(key), child, at, errors, options);
			const byPattern = patternProperties.filter(({ re }) => re.test(key));
			for (const { schema, file } of byPattern) check([{ schema, file }], child, at, errors, options);
			if (closed && !properties.has(key) && !byPattern.length)
				errors.push(`${at}: not allowed (additionalProperties: false)`);
		}
	}

	/** Errors of `value` against the JSON response schema of an operation (empty when it conforms). */
	function validateResponse({ file, path: apiPath, method, status }, value, { artefacts = [] } = {}) {
		let response = load(file).paths[apiPath][method].responses[String(status)];
		if (!response) return [`${method.toUpperCase()} ${apiPath} declares no ${status} response`];
		let responseFile = file;
		if (response.$ref) ({ schema: response, file: responseFile } = resolve(response.$ref, file));
		const schema = response.content?.['application/json']?.schema;
		if (!schema) return value === undefined ? [] : [`${status} has no JSON body in the spec`];
		const errors = [];
		check([{ schema, file: responseFile }], value, '', errors, { artefacts });
		return errors;
	}

	/** Errors of `value` against a named component schema, e.g. ('v1.0/Common.json', 'errorJson'). */
	function validateComponent(file, name, value) {
		const errors = [];
		check([{ schema: { $ref: `#/components/schemas/${name}` }, file }], value, '', errors, { artefacts: [] });
		return errors;
	}

	return { validateResponse, validateComponent, dir };
}

const specAvailable = () => OAS_DIR !== undefined && fs.existsSync(path.join(OAS_DIR, 'v1.0', 'Ticket.json'));

module.exports = { createSpec, specAvailable, OAS_DIR };
