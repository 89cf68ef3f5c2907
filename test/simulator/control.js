'use strict';
/**
 * The control API under /__sim (JSON), for tests, the e2e runner and the demo in another process. Every endpoint
 * calls the same function the in-process API exposes (see index.js), so both stay equal.
 */
const { deskError, send, readJson } = require('./http');

const truthy = (value) => value === 'true' || value === '1';

/** Mutation options from the query string: ?orgId=…&origin=automation&sourceId=…&permanent=true */
function mutationOptions(url) {
	const q = url.searchParams;
	return {
		orgId: q.get('orgId') ?? undefined,
		origin: q.get('origin') ?? undefined,
		sourceId: q.get('sourceId') ?? undefined,
		permanent: truthy(q.get('permanent')),
	};
}

function createControlRoutes(control) {
	const routes = [
		['GET', /^\/__sim\/?$/, () => control.info()],
		['POST', /^\/__sim\/grant-codes$/, ({ body }) => control.issueGrantCode(body ?? {})],
		['POST', /^\/__sim\/tokens$/, ({ body }) => control.issueTokens(body ?? {})],
		['POST', /^\/__sim\/tokens\/expire$/, () => control.expireAccessTokens()],
		[
			'POST',
			/^\/__sim\/clients\/redirect-uris$/,
			({ body }) => control.registerRedirectUri(body?.clientId, body?.redirectUri),
		],
		[
			'POST',
			/^\/__sim\/records\/(\w+)$/,
			({ m, body, url }) => control.createRecord(m[1], body ?? {}, mutationOptions(url)),
		],
		['GET', /^\/__sim\/records\/(\w+)\/([0-9]+)$/, ({ m, url }) => control.getRecord(m[1], m[2], mutationOptions(url))],
		[
			'PATCH',
			/^\/__sim\/records\/(\w+)\/([0-9]+)$/,
			({ m, body, url }) => control.updateRecord(m[1], m[2], body ?? {}, mutationOptions(url)),
		],
		[
			'DELETE',
			/^\/__sim\/records\/(\w+)\/([0-9]+)$/,
			({ m, url }) => control.deleteRecord(m[1], m[2], mutationOptions(url)),
		],
		['GET', /^\/__sim\/settings$/, () => control.settings()],
		['PATCH', /^\/__sim\/settings$/, ({ body }) => control.configure(body ?? {})],
		['POST', /^\/__sim\/faults$/, ({ body }) => control.addFault(body ?? {})],
		['DELETE', /^\/__sim\/faults$/, () => control.clearFaults()],
		['GET', /^\/__sim\/counters$/, () => control.counters()],
		['DELETE', /^\/__sim\/counters$/, () => control.resetCounters()],
		['POST', /^\/__sim\/jwks\/rotate$/, ({ body }) => control.rotateSigningKey(body ?? {})],
		[
			'GET',
			/^\/__sim\/deliveries$/,
			async ({ url }) => {
				if (truthy(url.searchParams.get('settle'))) await control.deliveriesSettled();
				return control.deliveries();
			},
		],
		['DELETE', /^\/__sim\/deliveries$/, () => control.clearDeliveries()],
	];

	return async function handle(req, res, url) {
		const candidates = routes.filter(([, pattern]) => pattern.test(url.pathname));
		const route = candidates.find(([method]) => method === req.method);
		if (!route) {
			if (candidates.length)
				throw deskError(405, 'METHOD_NOT_ALLOWED', 'The requested method is not allowed for this URL.');
			throw deskError(404, 'URL_NOT_FOUND', `No control endpoint ${req.method} ${url.pathname}`);
		}
		const body = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readJson(req);
		const result = await route[2]({ m: route[1].exec(url.pathname), body, url });
		send(res, 200, result ?? { ok: true });
	};
}

module.exports = { createControlRoutes };
