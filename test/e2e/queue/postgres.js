'use strict';
// Reads Postgres with the `pg` client n8n itself ships (pure JavaScript, so it runs in this process without
// blocking the simulator), and n8n's executions out of it: execution_data.data is n8n's "flatted" serialisation.
const path = require('node:path');

function fromN8n(install, name) {
	const modules = path.join(install.dir, 'node_modules');
	return require(require.resolve(name, { paths: [path.join(modules, 'n8n'), modules] }));
}

/** A small pool on one database of the suite's Postgres. */
function connect(install, postgres, database) {
	const { Pool } = fromN8n(install, 'pg');
	const flatted = fromN8n(install, 'flatted');
	const pool = new Pool({ host: postgres.host, port: postgres.port, user: postgres.user, database, max: 4 });
	const query = async (sql, params = []) => (await pool.query(sql, params)).rows;

	/** Finished and running executions of a workflow, oldest first, with their run data (as lib/db.js for SQLite). */
	async function executionsOf(workflowId) {
		const rows = await query(
			`SELECT e.id, e.status, e.mode, e.finished, d.data FROM execution_entity e
			 LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 ORDER BY e.id`,
			[String(workflowId)],
		);
		for (const row of rows) if (typeof row.data === 'string' && row.data.startsWith('[')) row.data = flatted.parse(row.data);
		return rows;
	}

	/** Executions of a workflow by status, without their data (cheap enough to poll). */
	async function statusCounts(workflowId) {
		const rows = await query(`SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status`, [
			String(workflowId),
		]);
		return Object.fromEntries(rows.map((row) => [row.status, row.n]));
	}

	/** Execution id → status, for the given ids. */
	async function statusesOf(ids) {
		const rows = await query(`SELECT id::text AS id, status FROM execution_entity WHERE id::text = ANY($1)`, [ids.map(String)]);
		return new Map(rows.map((row) => [row.id, row.status]));
	}

	return { query, executionsOf, statusCounts, statusesOf, end: () => pool.end() };
}

module.exports = { connect };
