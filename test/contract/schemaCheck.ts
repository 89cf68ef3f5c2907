/**
 * Checks a request body against a contract schema: JSON types, enum, pattern (Java syntax, whole value), string
 * length, number bounds, item counts, required fields, unknown fields where the spec closes an object, anyOf.
 * Returns what is wrong, one line per problem with its JSON pointer (empty = fine).
 */
import type { Schema } from './contract';
import { javaPattern } from './javaPattern';

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function scalarProblems(schema: Schema, value: unknown, at: string): string[] {
	const problems: string[] = [];
	if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
	if (typeof value === 'string') {
		if (schema.pattern && !javaPattern(schema.pattern, { whole: true }).test(value)) {
			problems.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
		}
		if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
		if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: ${value} is below the minimum ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: ${value} is above the maximum ${schema.maximum}`);
	}
	return problems;
}

function objectProblems(schema: Schema, value: Record<string, unknown>, at: string): string[] {
	const problems = (schema.required ?? []).filter((key) => !(key in value)).map((key) => `${at}/${key}: required field is missing`);
	for (const [key, child] of Object.entries(value)) {
		const where = `${at}/${key}`;
		const byName = schema.properties?.[key];
		const byPattern = Object.entries(schema.patternProperties ?? {})
			.filter(([source]) => javaPattern(source, { whole: true }).test(key))
			.map(([, sub]) => sub);
		for (const sub of [byName, ...byPattern]) if (sub) problems.push(...schemaProblems(sub, child, where));
		if (byName || byPattern.length) continue;
		if (schema.additionalProperties === false) problems.push(`${where}: field is not in the spec`);
		else if (schema.additionalProperties) problems.push(...schemaProblems(schema.additionalProperties, child, where));
	}
	return problems;
}

export function schemaProblems(schema: Schema, value: unknown, at = ''): string[] {
	const actual = typeOf(value);
	const types = schema.type;
	if (types && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
		return [`${at || '/'}: ${actual} ${JSON.stringify(value)?.slice(0, 40)} is not ${types.join(' or ')}`];
	}
	if (schema.anyOf && !schema.anyOf.some((alternative) => schemaProblems(alternative, value, at).length === 0)) {
		const closest = schema.anyOf.map((alternative) => schemaProblems(alternative, value, at)).sort((a, b) => a.length - b.length)[0];
		return [`${at || '/'}: matches none of ${schema.anyOf.length} alternatives; closest: ${closest.slice(0, 3).join('; ')}`];
	}
	const problems = scalarProblems(schema, value, at || '/');
	if (Array.isArray(value)) {
		if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: ${value.length} items, more than ${schema.maxItems}`);
		if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: ${value.length} items, fewer than ${schema.minItems}`);
		if (schema.items) value.forEach((item, i) => problems.push(...schemaProblems(schema.items!, item, `${at}/${i}`)));
	} else if (actual === 'object') {
		problems.push(...objectProblems(schema, value as Record<string, unknown>, at));
	}
	return problems;
}
