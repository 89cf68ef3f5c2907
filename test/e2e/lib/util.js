'use strict';
const net = require('node:net');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const started = Date.now();

function formatSeconds(ms) {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Progress lines carry the time since start, so slow steps stand out in CI logs. */
function log(message) {
	console.log(`[${formatSeconds(Date.now() - started).padStart(6)}] ${message}`);
}

/** A port nothing listens on right now (the OS picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value; the error names what was awaited. */
async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await delay(intervalMs);
	}
	throw new Error(`Timed out after ${formatSeconds(timeoutMs)} waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** fetch with a JSON body in and out; returns { status, body, text, headers }. `redirect: 'manual'` returns a 3xx. */
async function http(url, { method = 'GET', body, headers = {}, cookie, redirect = 'follow' } = {}) {
	const response = await fetch(url, {
		method,
		redirect,
		headers: {
			...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
			...(cookie ? { cookie } : {}),
			...headers,
		},
		body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, body: json, text, headers: response.headers };
}

module.exports = { repoRoot, log, formatSeconds, freePort, delay, waitFor, http };
