'use strict';
/**
 * A local Zoho Desk: accounts server, Desk API, webhooks and a control API on one HTTP port.
 *
 *   const { startSimulator } = require('./test/simulator');
 *   const sim = await startSimulator({ tickets: 1000 });
 *   // sim.url, sim.orgId, sim.selfClient, await sim.issueGrantCode(), sim.createRecord('tickets', {...}) …
 *   await sim.stop();
 *
 * See README.md in this folder for the options, defaults and the HTTP control endpoints.
 */
const http = require('node:http');
const { send, sendError } = require('./http');
const { seedPortals } = require('./seed');
const { createAccounts } = require('./accounts');
const { createLimits } = require('./limits');
const { createSigningKeys } = require('./jwt');
const { createWebhooks } = require('./webhooks');
const { createDesk } = require('./desk');
const { createRecords } = require('./records');
const { createConversations } = require('./conversations');
const { createControlRoutes } = require('./control');

/** The scopes issued when a test asks for none: what the package's credentials request. */
const DEFAULT_SCOPES = [
	'Desk.tickets.READ',
	'Desk.tickets.CREATE',
	'Desk.tickets.UPDATE',
	'Desk.tickets.DELETE',
	'Desk.search.READ',
	'Desk.basic.READ',
	'Desk.basic.CREATE',
	'Desk.settings.READ',
	'Desk.products.READ',
	'Desk.fields.READ',
	'Desk.contacts.READ',
	'Desk.contacts.CREATE',
	'Desk.contacts.UPDATE',
	'Desk.contacts.DELETE',
	'Desk.webhooks.READ',
	'Desk.webhooks.CREATE',
	'Desk.webhooks.DELETE',
];

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	tickets: 1000,
	seed: 1,
	/** Seeded data spans the two years before this time (clamped to now), so the same seed gives the same data. */
	endTime: '2026-10-01T00:00:00.000Z',
	latencyMs: 0,
	/** How long a new contact or account stays out of search (Zoho's search index trails its database) */
	searchLagMs: 0,
	/** When the seeded tickets were created (benchmarks): uniform, frontLoaded, recent, growth or bursts */
	ticketShape: 'uniform',
	edition: 'enterprise',
	/** Daily API credits; default: the edition's base allowance. */
	dailyCredits: undefined,
	/** Concurrent Desk API calls before 429 TOO_MANY_REQUESTS (5 is Zoho Free's, the strictest). */
	concurrency: 5,
	accessTokenTtlSeconds: 3600,
	redirectCodeTtlSeconds: 120,
	/** Zoho sends token errors with HTTP 200. */
	tokenErrorStatus: 200,
	location: 'us',
	selfClient: { id: '1000.ZDSIMSELFCLIENT000000000000000', secret: 'zdsimselfclientsecret000000000000000000000' },
	webClient: {
		id: '1000.ZDSIMWEBCLIENT0000000000000000',
		secret: 'zdsimwebclientsecret0000000000000000000000',
		redirectUris: [
			'http://localhost:5678/rest/oauth2-credential/callback',
			'http://127.0.0.1:5678/rest/oauth2-credential/callback',
		],
	},
	defaultScopes: DEFAULT_SCOPES,
	/** The portal the redirect flow's consent picks (default: the first org). */
	consentOrgId: undefined,
	webhookTimeoutMs: 5000,
	webhookRetries: 3,
	webhookRetryBaseMs: 1000,
	/** Deliveries in flight at once per webhook (Zoho's number is undocumented; 1 keeps them strictly in order) */
	webhookSenders: 1,
};

async function startSimulator(overrides = {}) {
	const options = {
		...DEFAULTS,
		...overrides,
		selfClient: { ...DEFAULTS.selfClient, ...overrides.selfClient },
		webClient: { ...DEFAULTS.webClient, ...overrides.webClient },
	};
	const clock = () => Date.now();
	const endTime = Math.min(Date.parse(options.endTime), clock());
	const orgs = seedPortals({ seed: options.seed, tickets: options.tickets, endTime, ticketShape: options.ticketShape });
	let baseUrl = '';
	const limits = createLimits(options, clock);
	const keys = createSigningKeys();
	const accounts = createAccounts({ options, orgs, baseUrl: () => baseUrl, clock });
	const webhooks = createWebhooks({ options, orgs, keys, clock, limits });
	const contextFor = (org) => ({
		org,
		deskUrl: baseUrl,
		now: clock(),
		edition: limits.edition,
		orgIndex: orgs.indexOf(org),
		searchLagMs: limits.searchLagMs,
	});
	const records = createRecords({ orgs, webhooks, clock, contextFor });
	const desk = createDesk({ orgs, accounts, limits, webhooks, records, contextFor });
	for (const org of orgs) org.conversations = createConversations({ org, records, webhooks, clock, deskUrl: () => baseUrl });
	/** When each JWKS fetch came (receivers should cache the keys, not fetch them per delivery). */
	const jwksFetches = [];

	const control = {
		info: () => ({
			url: baseUrl,
			accountsUrl: baseUrl,
			deskUrl: baseUrl,
			apiUrl: `${baseUrl}/api/v1`,
			jwksUrl: `${baseUrl}/.well-known/jwks.json`,
			orgs: orgs.map((org) => ({ id: org.id, companyName: org.companyName, tickets: org.tables.tickets.entries.size })),
			selfClient: { clientId: options.selfClient.id, clientSecret: options.selfClient.secret },
			webClient: {
				clientId: options.webClient.id,
				clientSecret: options.webClient.secret,
				redirectUris: options.webClient.redirectUris,
			},
			defaultScopes: options.defaultScopes,
			settings: limits.snapshot(),
			kid: keys.currentKid(),
		}),
		issueGrantCode: accounts.issueGrantCode,
		issueTokens: accounts.issueTokens,
		expireAccessTokens: () => (accounts.expireAccessTokens(), { ok: true }),
		registerRedirectUri: accounts.registerRedirectUri,
		createRecord: records.createRecord,
		updateRecord: records.updateRecord,
		deleteRecord: records.deleteRecord,
		getRecord: records.getRecord,
		conversation: (ticketId, { orgId } = {}) =>
			orgs.find((org) => org.id === String(orgId ?? orgs[0].id)).conversations.inspect(String(ticketId)),
		settings: () => limits.snapshot(),
		configure: (changes) => {
			if (changes.consentOrgId !== undefined) options.consentOrgId = changes.consentOrgId;
			if (changes.accessTokenTtlSeconds !== undefined)
				options.accessTokenTtlSeconds = Number(changes.accessTokenTtlSeconds);
			return limits.configure(changes);
		},
		addFault: limits.addFault,
		clearFaults: () => (limits.clearFaults(), { ok: true }),
		counters: () => ({ ...limits.counters(), accounts: { ...accounts.counters }, jwksFetches: [...jwksFetches] }),
		resetCounters: () => (limits.resetCounters(), (jwksFetches.length = 0), { ok: true }),
		rotateSigningKey: keys.rotate,
		deliveries: webhooks.deliveries,
		deliveriesSettled: webhooks.settled,
		clearDeliveries: () => (webhooks.clearDeliveries(), { ok: true }),
	};
	const handleControl = createControlRoutes(control);

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, baseUrl);
		try {
			if (url.pathname.startsWith('/__sim')) return await handleControl(req, res, url);
			if (url.pathname.startsWith('/api/')) return await desk.handle(req, res, url);
			if (url.pathname === '/.well-known/jwks.json') {
				jwksFetches.push(clock());
				return send(res, 200, keys.jwks());
			}
			const fault = limits.takeFault(req.method, url.pathname);
			if (fault?.kind === 'drop') return req.socket.destroy();
			if (fault?.kind === 'error') throw limits.faultError(fault);
			if (!(await accounts.handle(req, res, url)))
				send(res, 404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' });
		} catch (error) {
			sendError(res, error);
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, resolve);
	});
	baseUrl = `http://${options.host}:${server.address().port}`;

	const sim = {
		...control,
		url: baseUrl,
		accountsUrl: baseUrl,
		deskUrl: baseUrl,
		apiUrl: `${baseUrl}/api/v1`,
		orgId: orgs[0].id,
		otherOrgId: orgs[1].id,
		orgIds: orgs.map((org) => org.id),
		selfClient: { clientId: options.selfClient.id, clientSecret: options.selfClient.secret },
		webClient: { clientId: options.webClient.id, clientSecret: options.webClient.secret },
		control,
		async stop() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
	return sim;
}

module.exports = { startSimulator, DEFAULTS, DEFAULT_SCOPES };
