'use strict';
// The shipped example "Mirror Zoho Desk tickets into Postgres" (docs/examples/), as the suite imports it: the same
// file, with the simulator's Self Client credential and the suite's Postgres credential filled in.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('../lib/util');
const fixtures = require('../fixtures');

const FILE = path.join(repoRoot, 'docs', 'examples', 'mirror-zoho-desk-tickets-into-postgres.json');
/** The database the mirror writes to, on the suite's Postgres (n8n's own is another). */
const DATABASE = 'mirror';
const WORKFLOW_ID = 'zdMirrorTickets1';
const POSTGRES_CREDENTIAL = { id: 'zdMirrorPostgre1', name: 'Mirror database' };
const NODES = { fullRead: 'Start full read', trigger: 'Ticket changes' };

function credential(postgres) {
	return {
		...POSTGRES_CREDENTIAL,
		type: 'postgres',
		data: { host: postgres.host, port: postgres.port, database: DATABASE, user: postgres.user, password: '', ssl: 'disable', maxConnections: 20 },
	};
}

function workflow() {
	const example = JSON.parse(fs.readFileSync(FILE, 'utf8'));
	const nodes = example.nodes.map((node) => {
		if (node.type.startsWith(`${fixtures.NODE_TYPES.action.split('.')[0]}.`)) {
			return {
				...node,
				parameters: { ...node.parameters, authentication: 'selfClient' },
				credentials: { [fixtures.CREDENTIAL_TYPE]: fixtures.CREDENTIAL },
			};
		}
		if (node.type === 'n8n-nodes-base.postgres') return { ...node, credentials: { postgres: POSTGRES_CREDENTIAL } };
		return node;
	});
	return { ...example, id: WORKFLOW_ID, active: false, nodes };
}

/** The mirror table, as id → {subject, status, modifiedTime (epoch ms)}. */
async function tableRows(db) {
	const rows = await db.query(`SELECT id, subject, status, modified_time FROM zoho_desk_tickets`);
	return new Map(rows.map((row) => [row.id, { subject: row.subject, status: row.status, modifiedTime: row.modified_time.getTime() }]));
}

/** The simulator's live tickets in the same shape. */
async function zohoRows(zd) {
	const tickets = await zd.listAll('tickets', { fields: 'subject,status,modifiedTime' });
	return new Map(tickets.map((t) => [t.id, { subject: t.subject, status: t.status, modifiedTime: Date.parse(t.modifiedTime) }]));
}

/** Ticket ids whose row differs (missing, extra or other values). */
function differences(table, zoho) {
	const ids = new Set([...table.keys(), ...zoho.keys()]);
	return [...ids].filter((id) => JSON.stringify(table.get(id)) !== JSON.stringify(zoho.get(id)));
}

async function assertEqual(db, zd, label) {
	const [table, zoho] = await Promise.all([tableRows(db), zohoRows(zd)]);
	const differ = differences(table, zoho);
	const show = (id) => `${id}: table ${JSON.stringify(table.get(id) ?? null)}, Zoho ${JSON.stringify(zoho.get(id) ?? null)}`;
	assert.equal(differ.length, 0, `${label}: ${differ.length} of ${zoho.size} tickets differ, e.g.\n${differ.slice(0, 3).map(show).join('\n')}`);
	return zoho.size;
}

module.exports = { DATABASE, WORKFLOW_ID, NODES, credential, workflow, tableRows, zohoRows, differences, assertEqual };
