'use strict';
/** Test helpers for the simulator's own tests: a Desk API client and a webhook receiver. */
const http = require('node:http');
const crypto = require('node:crypto');

/** A client holding a token for `scopes` in `orgId`, talking to the simulator's Desk API. */
function deskClient(sim, { scopes, orgId = sim.orgId, headerOrgId = orgId } = {}) {
	const token = sim.issueTokens({ scopes, orgId });
	/** `body` is sent as JSON, `rawBody` as it is (e.g. a FormData upload). */
	async function request(method, path, { body, rawBody, headers = {} } = {}) {
		const response = await fetch(`${sim.apiUrl}${path}`, {
			method,
			headers: {
				Authorization: `Zoho-oauthtoken ${token.access_token}`,
				...(headerOrgId ? { orgId: headerOrgId } : {}),
				...(body ? { 'Content-Type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? rawBody : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
	}
	return { token, request, get: (path, options) => request('GET', path, options) };
}

/** A local webhook subscriber: records every request and answers `status(req)` (200 by default). */
async function startReceiver(status = () => 200) {
	const requests = [];
	let answer = status;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			requests.push({
				method: req.method,
				path: req.url,
				headers: req.headers,
				body: text ? JSON.parse(text) : undefined,
			});
			res.writeHead(answer(req)).end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hooks/zoho`,
		requests,
		deliveries: () => requests.filter((r) => r.method === 'POST' && Array.isArray(r.body) && r.body.length),
		answer: (next) => {
			answer = next;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

/** Verifies an RS256 JWT against a JWKS; returns { header, claims } or throws. */
function verifyJwt(token, jwks) {
	const [header64, payload64, signature] = token.split('.');
	const header = JSON.parse(Buffer.from(header64, 'base64url').toString());
	const jwk = jwks.keys.find((key) => key.kid === header.kid);
	if (!jwk) throw new Error(`no key ${header.kid} in JWKS`);
	const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
	const ok = crypto.verify('sha256', Buffer.from(`${header64}.${payload64}`), key, Buffer.from(signature, 'base64url'));
	if (!ok || header.alg !== 'RS256') throw new Error('bad signature');
	return { header, claims: JSON.parse(Buffer.from(payload64, 'base64url').toString()) };
}

module.exports = { deskClient, startReceiver, verifyJwt };
