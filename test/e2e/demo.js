#!/usr/bin/env node
'use strict';
// `npm run demo`: real n8n with this package, pointed at the local Zoho Desk simulator. No Zoho account needed.
// Reads the five tables once, then keeps n8n open on http://127.0.0.1:5678 while the simulator keeps changing
// tickets so the trigger workflows fire. Ctrl-C stops everything. See README.md in this folder.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureN8n, selectedMajors } = require('./lib/install');
const communityPackage = require('./lib/communityPackage');
const { startZohoDesk } = require('./lib/simulator');
const { OWNER, builtNodeTypes, workflowsFor, ticketWritesWorkflowFor, contactTicketWorkflowFor, prepareN8n, setupOwner, activateWorkflow, runManually } = require('./lib/setup');
const { executionsOf } = require('./lib/db');
const { log, delay, repoRoot } = require('./lib/util');
const fixtures = require('./fixtures');
const { startPostgres } = require('./queue/services');
const { connect } = require('./queue/postgres');
const mirror = require('./queue/mirror');

const N8N_PORT = Number(process.env.N8N_DEMO_PORT || 5678);
const SIMULATOR_PORT = Number(process.env.N8N_DEMO_SIMULATOR_PORT || 4000);
const CHANGE_EVERY_MS = Number(process.env.N8N_DEMO_CHANGE_EVERY_SECONDS || 20) * 1000;
const PRIORITIES = ['Low', 'Medium', 'High'];
const STATUSES = ['Open', 'On Hold', 'Escalated', 'Closed'];

function buildIfNeeded() {
	if (fs.existsSync(path.join(repoRoot, 'dist'))) return;
	log('dist/ is missing: running `npm run build` first');
	const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');
}

function printReadSummary(run) {
	const runData = run.data.resultData.runData;
	const items = (node) => (runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	const { READ_NODES } = fixtures;
	log('The read workflow ran in n8n:');
	for (const node of Object.values(READ_NODES)) {
		const output = items(node);
		const shown = node === READ_NODES.ticketCount ? `count = ${output[0]?.count}` : `${output.length} item(s)`;
		console.log(`    ${node.padEnd(18)} ${shown}`);
	}
	const [first] = items(READ_NODES.tickets);
	if (first) console.log(`    first ticket: #${first.ticketNumber} "${first.subject}" (id ${first.id})`);
}

/** Every few seconds one ticket changes (or a new one arrives), so the trigger workflows have something to do. */
function startTicketChanges(zd, tickets) {
	let round = 0;
	const timer = setInterval(() => {
		round++;
		try {
			if (round % 4 === 0) {
				const created = zd.sim.createRecord('tickets', { subject: `Demo ticket ${round}: printer is on fire`, priority: 'High' });
				tickets.push(created);
				log(`simulator: new ticket #${created.ticketNumber} ${created.id}`);
				return;
			}
			const ticket = tickets[round % tickets.length];
			const change = round % 2 ? { priority: PRIORITIES[round % 3] } : { status: STATUSES[round % 4] };
			zd.sim.updateRecord('tickets', ticket.id, change);
			log(`simulator: ticket ${ticket.id} ${JSON.stringify(change)}`);
		} catch (error) {
			log(`simulator: change failed: ${error.message}`);
		}
	}, CHANGE_EVERY_MS);
	return () => clearInterval(timer);
}

/**
 * Postgres for the example "Mirror Zoho Desk tickets into Postgres", when Debian's postgresql is installed;
 * undefined (and a hint) otherwise: the rest of the demo does not need it.
 */
async function startMirrorDatabase() {
	try {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-demo-postgres-'));
		const postgres = await startPostgres(folder, { databases: [mirror.DATABASE] });
		const stop = postgres.stop;
		return { ...postgres, stop: async () => (await stop(), fs.rmSync(folder, { recursive: true, force: true })) };
	} catch (error) {
		log(`The mirror example is skipped: ${error.message.split('\n')[0]}`);
		return undefined;
	}
}

/** Tells the user when n8n ran a trigger workflow, from n8n's own execution records. */
function watchExecutions(n8n, workflowIds) {
	let stopped = false;
	const seen = new Map();
	(async () => {
		// One round at a time: a slow database read must not let two rounds report the same execution.
		while (!stopped) {
			await delay(3000);
			for (const id of workflowIds) {
				try {
					const executions = await executionsOf(n8n, id);
					for (const execution of executions.slice(seen.get(id) ?? executions.length)) {
						const runData = execution.data?.resultData?.runData ?? {};
						const items = Object.values(runData)[0]?.[0]?.data?.main?.[0] ?? [];
						const what = items.map((item) => `${item.json.table}/${item.json.operation} ${item.json.id}`).join(', ');
						log(`n8n: workflow ${id} ran (execution ${execution.id}, ${execution.status}): ${what || 'no items'}`);
					}
					seen.set(id, executions.length);
				} catch {
					// The database is busy or n8n is stopping; the next round reads again.
				}
			}
		}
	})();
	return () => {
		stopped = true;
	};
}

async function main() {
	buildIfNeeded();
	const [major] = selectedMajors(['2']);
	const install = await ensureN8n(major);
	log(`Using ${install.label}`);
	const zd = await startZohoDesk({ port: SIMULATOR_PORT, tickets: 500 });
	log(`Zoho Desk simulator on ${zd.sim.url} (portal ${zd.sim.orgId})`);
	const nodeTypes = builtNodeTypes();
	const postgres = await startMirrorDatabase();
	const workflows = [
		...workflowsFor(nodeTypes),
		await ticketWritesWorkflowFor(zd),
		await contactTicketWorkflowFor(zd),
		...(postgres ? [mirror.workflow()] : []),
	];
	const credentials = postgres ? [mirror.credential(postgres)] : [];
	const tarball = communityPackage.pack();
	const n8n = await prepareN8n({ install, zd, tarball, workflows, credentials, port: N8N_PORT });
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	log(`n8n user folder: ${n8n.userFolder} (log: ${n8n.logFile})`);

	log('Running the read workflow (the credential exchanges its Self Client code with the simulator) …');
	const { ok, run, problem, output } = await n8n.execute(fixtures.WORKFLOW_IDS.read);
	if (!ok) throw new Error(`The read workflow failed (${problem}):\n${output.slice(-3000)}`);
	printReadSummary(run);

	const manualOnly = [fixtures.WORKFLOW_IDS.read, fixtures.WORKFLOW_IDS.ticketWrites, fixtures.WORKFLOW_IDS.contactTicket];
	const triggers = workflows.map((w) => w.id).filter((id) => !manualOnly.includes(id));
	log(`Starting n8n ${install.version} on ${n8n.baseUrl} …`);
	await n8n.start();
	const cookie = await setupOwner(n8n);
	if (postgres) {
		log('Mirror: the first full read copies every ticket into Postgres …');
		const execution = await runManually(n8n, cookie, mirror.WORKFLOW_ID, mirror.NODES.fullRead);
		const db = connect(install, postgres, mirror.DATABASE);
		log(`Mirror: execution ${execution.id} ${execution.status}; zoho_desk_tickets holds ${(await mirror.tableRows(db)).size} rows`);
		await db.end();
	}
	for (const id of triggers) await activateWorkflow(n8n, cookie, id);

	const stopChanges = startTicketChanges(zd, await zd.listAll('tickets'));
	const stopWatching = watchExecutions(n8n, triggers);
	console.log(`
  n8n is running: ${n8n.baseUrl}
    log in as ${OWNER.email} / ${OWNER.password}
    workflows:
${workflows.map((w) => `      ${n8n.baseUrl}/workflow/${w.id}  ${w.name}`).join('\n')}
    active triggers: ${triggers.length ? triggers.join(', ') : 'none (trigger nodes not built)'}
  ${
		postgres
			? `The mirror table: psql -h 127.0.0.1 -p ${postgres.port} -U ${postgres.user} ${mirror.DATABASE} -c 'SELECT * FROM zoho_desk_tickets ORDER BY modified_time DESC LIMIT 5'`
			: 'The mirror example needs Postgres (apt-get install postgresql).'
	}
  The simulator changes a ticket every ${CHANGE_EVERY_MS / 1000}s; change one yourself with e.g.
    curl -X PATCH -H 'Content-Type: application/json' -d '{"priority":"High"}' ${zd.sim.url}/__sim/records/tickets/<ticket id>
  Press Ctrl-C to stop.
`);

	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		log('Stopping …');
		stopChanges();
		stopWatching();
		await n8n.stop();
		await postgres?.stop();
		await zd.stop();
		fs.rmSync(n8n.userFolder, { recursive: true, force: true });
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	n8n.serverExit.then((code) => {
		if (!stopping) {
			console.error(`n8n exited with ${code}:\n${n8n.logTail(40)}`);
			process.exit(1);
		}
	});
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
