'use strict';
// The Zoho Desk simulator, started in this process, plus an independent Desk API reader: what n8n reads through
// the package is compared with what the simulator serves to a plain client holding its own token.
const { startSimulator } = require('../../simulator');
const path = require('node:path');
const { http, repoRoot } = require('./util');
const { READ_NODES } = require('../fixtures');

// Table facts (paths, page sizes) come from the package's own table registry, as built.
const tables = () => require(path.join(repoRoot, 'dist', 'nodes', 'core', 'tables.js')).TABLES;

async function startZohoDesk(options = {}) {
	const sim = await startSimulator({ host: '127.0.0.1', ...options });
	let accessToken;

	/** GET on the Desk API as a separate client; a token expired by a test is replaced once. */
	async function desk(path, qs = {}) {
		for (let attempt = 0; attempt < 2; attempt++) {
			accessToken ??= sim.issueTokens().access_token;
			const url = new URL(`${sim.apiUrl}${path}`);
			for (const [key, value] of Object.entries(qs)) url.searchParams.set(key, String(value));
			const res = await http(url, { headers: { Authorization: `Zoho-oauthtoken ${accessToken}`, orgId: sim.orgId } });
			if (res.status === 401) {
				accessToken = undefined;
				continue;
			}
			if (res.status === 204) return { data: [] };
			if (res.status !== 200) throw new Error(`Simulator GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
			return res.body;
		}
		throw new Error(`Simulator GET ${path}: fresh token refused`);
	}

	/** Every record of a table's list endpoint, page by page. */
	async function listAll(table, qs = {}) {
		const { listPath, pageSize } = tables()[table];
		if (!pageSize) return (await desk(listPath, qs)).data ?? [];
		const records = [];
		for (let from = 0; ; from += pageSize) {
			const page = (await desk(listPath, { ...qs, from, limit: pageSize })).data ?? [];
			records.push(...page);
			if (page.length < pageSize) return records;
		}
	}

	/** The records of every table the read workflow reads, as the simulator serves them. */
	async function expectedRecords() {
		const records = {};
		for (const table of Object.keys(tables()).filter((name) => READ_NODES[name])) {
			records[table] = await listAll(table, table === 'organizationFields' ? { module: 'tickets' } : {});
		}
		return records;
	}

	const webhooks = async () => (await desk('/webhooks')).data ?? [];

	return { sim, desk, listAll, expectedRecords, webhooks, stop: () => sim.stop() };
}

module.exports = { startZohoDesk };
