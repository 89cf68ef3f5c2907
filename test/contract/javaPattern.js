'use strict';
/**
 * Zoho's spec writes `pattern`s in Java regex syntax (Zoho validates with Java): \P{InBasicLatin} and escaped
 * punctuation that unicode-mode JavaScript rejects. javaPattern() translates one to a JavaScript RegExp; with
 * `whole`, it must match the entire value, as Java's String.matches() does.
 */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const cache = new Map();

function translate(source) {
	let out = '';
	let inClass = false;
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (char === '\\') {
			const next = source[i + 1];
			const rest = source.slice(i);
			if (rest.startsWith('\\P{InBasicLatin}')) {
				out += inClass ? '\\u0080-\\uffff' : '[^\\u0000-\\u007f]';
				i += '\\P{InBasicLatin}'.length - 1;
			} else if (/[A-Za-z0-9]/.test(next) || SYNTAX.has(next) || (next === '-' && inClass)) {
				out += char + next;
				i++;
			} else {
				out += next; // Java allows escaping any punctuation; unicode-mode JavaScript does not
				i++;
			}
			continue;
		}
		if (char === '[') inClass = true;
		if (char === ']') inClass = false;
		out += char;
	}
	return out;
}

/** @returns {RegExp} */
function javaPattern(source, { whole = false } = {}) {
	const key = `${whole}:${source}`;
	if (!cache.has(key)) {
		const translated = translate(source);
		cache.set(key, new RegExp(whole ? `^(?:${translated})$` : translated, 'u'));
	}
	return cache.get(key);
}

module.exports = { javaPattern };
