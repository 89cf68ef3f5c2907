'use strict';
/**
 * The keys Zoho signs webhook deliveries with (RS256, `X-ZDesk-JWT`), served as a JWKS. Keys are generated when
 * the simulator starts; rotating adds a new key (new `kid`) and signs with it from then on.
 */
const crypto = require('node:crypto');

const base64url = (input) => Buffer.from(input).toString('base64url');

function createSigningKeys() {
	const keys = [];
	let generation = 0;

	function rotate({ keepPrevious = true } = {}) {
		const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
		const kid = `zdesk-sim-${++generation}-${crypto.randomBytes(4).toString('hex')}`;
		if (!keepPrevious) keys.length = 0;
		keys.push({ kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } });
		return { kid, kids: keys.map((key) => key.kid) };
	}

	function sign(claims) {
		const key = keys[keys.length - 1];
		const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
		const payload = base64url(JSON.stringify(claims));
		const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey).toString('base64url');
		return `${header}.${payload}.${signature}`;
	}

	rotate();
	return {
		rotate,
		sign,
		jwks: () => ({ keys: keys.map((key) => ({ ...key.jwk })) }),
		currentKid: () => keys[keys.length - 1].kid,
	};
}

module.exports = { createSigningKeys };
