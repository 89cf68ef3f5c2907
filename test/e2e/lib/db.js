'use strict';
// Reads n8n's SQLite database with the sqlite3 module n8n itself ships (no sqlite3 CLI on CI). The module is
// native and built for that n8n's Node, so the query runs in a child process of that Node (asynchronously: the
// simulator runs in this process and must keep answering n8n meanwhile).
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const path = require('node:path');

const QUERY_SCRIPT = `
const [sqlite3Path, flattedPath, file, sql, params] = process.argv.slice(1);
const sqlite3 = require(sqlite3Path);
const flatted = require(flattedPath);
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
db.configure('busyTimeout', 5000);
db.all(sql, JSON.parse(params), (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	// execution_data.data is n8n's "flatted" serialisation of the run.
	for (const row of rows) if (typeof row.data === 'string' && row.data.startsWith('[')) row.data = flatted.parse(row.data);
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;

async function query(n8n, sql, params = []) {
	const modules = path.join(n8n.install.dir, 'node_modules');
	const resolve = (name) => require.resolve(name, { paths: [path.join(modules, 'n8n'), modules] });
	const { stdout } = await promisify(execFile)(
		n8n.install.nodeBin,
		['-e', QUERY_SCRIPT, resolve('sqlite3'), resolve('flatted'), n8n.dbFile, sql, JSON.stringify(params)],
		{ encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
	);
	return JSON.parse(stdout);
}

/**
 * Finished and running executions of a workflow, oldest first, with their run data. An n8n on Postgres (queue
 * mode) carries its own reader as `n8n.database`.
 */
async function executionsOf(n8n, workflowId) {
	if (n8n.database) return await n8n.database.executionsOf(workflowId);
	return await query(
		n8n,
		`SELECT e.id, e.status, e.mode, e.finished, d.data FROM execution_entity e
		 LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[String(workflowId)],
	);
}

module.exports = { query, executionsOf };
