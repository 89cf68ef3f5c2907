'use strict';
/** Small HTTP helpers shared by the accounts server, the Desk API and the control API. */

class HttpError extends Error {
	/** A response to send instead of the normal one: Zoho's error shape is the body. */
	constructor(status, body, headers = {}) {
		super(typeof body === 'object' && body ? body.message || body.errorCode || body.error : String(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** Zoho Desk's error body (Common.json#/components/schemas/errorJson), plus extras some codes carry. */
function deskError(status, errorCode, message, extra = {}, headers = {}) {
	return new HttpError(status, { errorCode, message, ...extra }, headers);
}

function send(res, status, body, headers = {}) {
	if (res.writableEnded || res.destroyed) return;
	if (body === undefined) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	if (Buffer.isBuffer(body)) {
		res.writeHead(status, { 'Content-Length': body.length, ...headers });
		res.end(body);
		return;
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8';
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

function sendError(res, error) {
	if (error instanceof HttpError) return send(res, error.status, error.body, error.headers);
	send(res, 500, { errorCode: 'INTERNAL_SERVER_ERROR', message: String(error && error.stack ? error.stack : error) });
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The request body's bytes; more than `maxBytes` is refused with 413 (the rest is not read). */
function readBytes(req, maxBytes = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > maxBytes) {
				reject(deskError(413, 'RESOURCE_SIZE_EXCEEDED', 'The request body is too large.'));
				req.destroy();
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const readBody = async (req) => (await readBytes(req)).toString('utf8');

/** A JSON request body; an empty body is undefined. */
async function readJson(req) {
	const text = await readBody(req);
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw deskError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
	}
}

/** Query parameters as name → all values (Zoho accepts repeated and comma-separated values). */
function queryOf(url) {
	const query = new Map();
	for (const [name, value] of url.searchParams) {
		if (!query.has(name)) query.set(name, []);
		query.get(name).push(value);
	}
	return query;
}

function headerValue(req, name) {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

module.exports = { HttpError, deskError, send, sendError, readBody, readBytes, readJson, queryOf, headerValue };
