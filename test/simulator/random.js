'use strict';
/**
 * Seeded randomness and Zoho-style identifiers, so the same seed always yields the same portal.
 */

/** mulberry32: tiny, fast, good enough for test data. */
function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		chance: (probability) => next() < probability,
		hex: (length) => {
			let out = '';
			while (out.length < length) out += Math.floor(next() * 16).toString(16);
			return out;
		},
	};
}

/** Random hex from the OS, for secrets that must not be guessable from the seed (tokens, codes). */
function secretHex(length) {
	return require('node:crypto')
		.randomBytes(Math.ceil(length / 2))
		.toString('hex')
		.slice(0, length);
}

/**
 * 19-digit record ids: a 6-digit org prefix, a 2-digit table code and an 11-digit counter. All ids have the same
 * length, so comparing them as strings orders them numerically (they must never become JS numbers).
 */
function createIdFactory(orgPrefix, tableCode, start = 1) {
	let counter = start;
	return (gap = 1) => {
		counter += gap;
		return `${orgPrefix}${tableCode}${String(counter).padStart(11, '0')}`;
	};
}

module.exports = { createRandom, secretHex, createIdFactory };
