'use strict';
/**
 * The Desk API under /api/v1: the tables, organizations and webhooks, behind Zoho's checks in Zoho's order:
 * concurrency, authentication, orgId, scopes, parameters, credits.
 */
const { deskError, send, queryOf, headerValue, readJson, readBytes } = require('./http');
const { kinds, parseQuery } = require('./params');
const { hasScope } = require('./accounts');
const { rangeFetchCredits } = require('./limits');
const views = require('./views');
const { SCOPES, route } = require('./deskHelpers');
const ticketRoutes = require('./ticketRoutes');
const conversationRoutes = require('./conversationRoutes');
const ticketWriteRoutes = require('./ticketWriteRoutes');
const tableRoutes = require('./tableRoutes');
const contactRoutes = require('./contactRoutes');
const contactWriteRoutes = require('./contactWriteRoutes');
const attachmentRoutes = require('./attachmentRoutes');

const notFound = () => deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');

// Organizations and webhooks: their handlers use the simulator's portals and webhook registry (`services`).
const listOrganizations = ({ services: { orgs, contextFor } }) => ({
	status: 200,
	body: { data: orgs.map((org) => views.organizationView(org, contextFor(org))) },
});
function getOrganization({ recordId, services: { orgs, contextFor } }) {
	const org = orgs.find((o) => o.id === recordId);
	if (!org) throw notFound();
	return { status: 200, body: views.organizationView(org, contextFor(org)) };
}
function listWebhooks({ org, services }) {
	const data = services.webhooks.list(org);
	return data.length ? { status: 200, body: { data } } : { status: 204 };
}
const createWebhook = async ({ org, grant, body, services }) => ({
	status: 200,
	body: await services.webhooks.create(org, grant, body),
});
const getWebhook = ({ org, recordId, services }) => ({ status: 200, body: services.webhooks.get(org, recordId) });
const updateWebhook = async ({ org, recordId, body, services }) => ({
	status: 200,
	body: await services.webhooks.update(org, recordId, body),
});
function deleteWebhook({ org, recordId, services }) {
	services.webhooks.remove(org, recordId);
	return { status: 200 };
}

const serviceRoutes = [
	route('GET', '/organizations', SCOPES.organizations, listOrganizations, { org: false }),
	route('GET', '/organizations/{id}', SCOPES.organizations, getOrganization, {
		org: false,
		params: { includeCustomDomain: kinds.bool() },
	}),
	route('GET', '/webhooks', SCOPES.webhooks('READ'), listWebhooks),
	route('POST', '/webhooks', SCOPES.webhooks('CREATE'), createWebhook, { body: true }),
	route('GET', '/webhooks/{id}', SCOPES.webhooks('READ'), getWebhook),
	route('PATCH', '/webhooks/{id}', SCOPES.webhooks('UPDATE'), updateWebhook, { body: true }),
	route('DELETE', '/webhooks/{id}', SCOPES.webhooks('DELETE'), deleteWebhook),
];
const ROUTES = [
	...serviceRoutes,
	...ticketRoutes,
	...ticketWriteRoutes,
	...conversationRoutes,
	...tableRoutes,
	...contactRoutes,
	...contactWriteRoutes,
	...attachmentRoutes,
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown to end a request whose socket a fault destroyed: there is nothing left to answer. */
const DROPPED = Symbol('dropped');

function createDesk({ orgs, accounts, limits, webhooks, records, contextFor }) {
	const services = { orgs, webhooks, records, contextFor };

	function match(method, path) {
		const candidates = ROUTES.filter((route) => route.pattern.test(path));
		const route = candidates.find((r) => r.method === method);
		if (route) return { route, recordId: route.pattern.exec(path)[1] };
		if (candidates.length)
			throw deskError(405, 'METHOD_NOT_ALLOWED', 'The requested method is not allowed for this URL.');
		throw notFound();
	}

	/** The portal of the call: the orgId header (or query parameter) must be the one the token was issued for. */
	function orgOf(req, url, grant) {
		const orgId = headerValue(req, 'orgId') ?? url.searchParams.get('orgId');
		if (orgId === undefined || orgId === null || orgId === '') {
			throw deskError(422, 'UNPROCESSABLE_ENTITY', "The 'orgId' header is missing. It is mandatory for this API.");
		}
		if (!/^[0-9]+$/.test(orgId))
			throw deskError(422, 'UNPROCESSABLE_ENTITY', "The value passed for the 'orgId' header is invalid.");
		if (orgId !== grant.orgId)
			throw deskError(
				403,
				'OAUTH_ORG_MISMATCH',
				'The OAuth token is not valid for the organization specified in orgId.',
			);
		return orgs.find((org) => org.id === orgId);
	}

	async function serve(req, url, route, recordId) {
		const grant = accounts.authenticate(headerValue(req, 'authorization'));
		const org = route.org === false ? orgs.find((o) => o.id === grant.orgId) : orgOf(req, url, grant);
		if (!route.scopes.some((set) => set.every((scope) => hasScope(grant.scopes, scope)))) {
			throw deskError(403, 'SCOPE_MISMATCH', 'The OAuth Token does not contain the scope to perform this operation.');
		}
		const params = parseQuery(queryOf(url), route.params, route.defaults);
		// `body: 'bytes'` (uploads): the raw bytes and their content type, up to the route's `maxBytes`.
		const body =
			route.body === 'bytes'
				? { contentType: headerValue(req, 'content-type') ?? '', data: await readBytes(req, route.maxBytes()) }
				: route.body
					? await readJson(req)
					: undefined;
		const creditHeaders = limits.charge(route.weight === 'range' ? rangeFetchCredits(params.from) : route.weight);
		// Paths with two ids (/tickets/{id}/comments/{id}) hand the handler both.
		const ids = route.pattern.exec(url.pathname).slice(1);
		// Zoho's ignoreSourceId: a webhook with that id does not hear of changes made by calls carrying it.
		const sourceId = headerValue(req, 'sourceId');
		const result = await route.handler({ org, ctx: contextFor(org), params, recordId, ids, body, grant, sourceId, services });
		return { ...result, headers: { ...result.headers, ...creditHeaders } };
	}

	/** Serves one /api/v1 request; returns the route name and status for the counters. */
	async function handle(req, res, url) {
		let routeName = `${req.method} ${url.pathname}`;
		let status;
		let admitted = false;
		const answerWithFault = (fault) => {
			if (fault.kind === 'error') throw limits.faultError(fault);
			status = 'dropped';
			req.socket.destroy();
			throw DROPPED;
		};
		try {
			const { route, recordId } = match(req.method, url.pathname);
			routeName = route.name;
			limits.admit();
			admitted = true;
			const fault = limits.takeFault(req.method, url.pathname);
			const delay = limits.latencyMs + (fault?.kind === 'latency' ? fault.latencyMs : 0);
			if (delay > 0) await sleep(delay);
			if (fault && !fault.after && fault.kind !== 'latency') answerWithFault(fault);
			const result = await serve(req, url, route, recordId);
			if (fault?.after) answerWithFault(fault);
			status = result.status;
			send(res, result.status, result.status === 204 ? undefined : result.body, result.headers);
		} catch (error) {
			if (error === DROPPED) return;
			status = error.status ?? 500;
			throw error;
		} finally {
			if (admitted) limits.release();
			limits.record(routeName, status);
		}
	}

	return { handle };
}

module.exports = { createDesk };
