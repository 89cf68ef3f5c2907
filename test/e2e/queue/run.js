#!/usr/bin/env node
'use strict';
// `npm run test:e2e:queue`: the packed package in real n8n 1.x and 2.x running in queue mode (main, one webhook
// process, two workers, Redis, Postgres), against the Zoho Desk simulator. See ../README.md ("Queue mode").
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n, selectedMajors } = require('../lib/install');
const communityPackage = require('../lib/communityPackage');
const { startZohoDesk } = require('../lib/simulator');
const { setupOwner, activateWorkflow, deactivateWorkflow, runManually } = require('../lib/setup');
const { Suite, finishRun, runMain } = require('../lib/suite');
const { log, formatSeconds, waitFor, delay } = require('../lib/util');
const fixtures = require('../fixtures');
const { checkReadRun, triggerOutput } = require('../checks');
const { startRedis, startPostgres } = require('./services');
const { QueueCluster, N8N_DATABASE } = require('./cluster');
const { createRandom } = require('../../simulator/random');
const mirror = require('./mirror');
const { connect } = require('./postgres');

const { WORKFLOW_IDS } = fixtures;
const { webhook: WEBHOOK_NODE, poll: POLL_NODE } = fixtures.TRIGGER_NODES;
const SIMULATED_TICKETS = 250;
/** The load: this many deliveries of 1–50 events each, sent by this many senders at once. */
const DELIVERIES = Number(process.env.N8N_E2E_QUEUE_DELIVERIES || 1000);
const MAX_EVENTS_PER_DELIVERY = 50;
const SENDERS = 10;
const MIRROR_CHANGES = 1000;

/**
 * Waits until a workflow has at least `count` executions and they have settled: none running, and the counts by
 * status unchanged for 15 s. An execution left in status "new" then is one n8n created but never queued (its
 * webhook process stopped in between); the checks count its events as lost.
 */
async function waitForExecutions(cluster, workflowId, count, timeoutMs) {
	let last;
	let since = Date.now();
	return await waitFor(
		`${count} settled executions of ${workflowId}`,
		async () => {
			const byStatus = await cluster.database.statusCounts(workflowId);
			const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
			const snapshot = JSON.stringify(byStatus);
			if (snapshot !== last) [last, since] = [snapshot, Date.now()];
			const busy = (byStatus.running ?? 0) + (byStatus.waiting ?? 0) > 0;
			return total >= count && !busy && Date.now() - since >= 15_000 ? byStatus : undefined;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
}

/** Every execution ran on exactly one worker; returns executions per worker, e.g. "512 / 488". */
function checkRanOnWorkers(cluster, executions) {
	const byWorker = cluster.executionsByWorker();
	const counts = cluster.workers.map(() => 0);
	const elsewhere = [];
	for (const execution of executions) {
		const runs = byWorker.get(String(execution.id)) ?? [];
		if (runs.length !== 1) elsewhere.push(`${execution.id} (${runs.length ? `workers ${runs.join(', ')}` : 'no worker'})`);
		else counts[runs[0] - 1]++;
	}
	assert.equal(elsewhere.length, 0, `executions not run by exactly one worker: ${elsewhere.slice(0, 5).join(', ')}`);
	return counts.join(' / ');
}

/**
 * The Zoho webhooks once activation registered one (2.x activates in the background: the REST call returns
 * first); a moment more shows whether another process registered a second.
 */
async function registeredWebhooks(zd) {
	await waitFor('the workflow to register its Zoho webhook', async () => (await zd.webhooks()).length > 0);
	await delay(2000);
	const hooks = await zd.webhooks();
	assert.equal(hooks.length, 1, `expected exactly one Zoho webhook, found ${hooks.length}: ${hooks.map((hook) => hook.url).join(', ')}`);
	return hooks;
}

/** Each delivery's outcome, from the simulator's log of attempts: answered 200 (at which attempt) or never. */
function deliveryOutcomes(zd, url) {
	const byId = new Map();
	for (const attempt of zd.sim.deliveries().filter((d) => d.kind === 'delivery' && d.url === url)) {
		const outcome = byId.get(attempt.deliveryId) ?? { attempts: 0, ok: false, events: attempt.events };
		outcome.attempts++;
		if (attempt.status === 200) outcome.ok = true;
		byId.set(attempt.deliveryId, outcome);
	}
	return [...byId.values()];
}

const until = (time) => delay(Math.max(0, time - Date.now()));

/** Desk API calls the simulator has answered so far (a poll makes at least one). */
const deskCalls = (zd) => zd.sim.counters().calls;

/**
 * Changes one ticket every `everyMs` (each ticket once, so every change is visible to a poll) until stopped;
 * returns the changes made as {id, operation, modifiedTime}.
 */
function keepChanging(zd, tickets, everyMs) {
	const changes = [];
	let stopped = false;
	const running = (async () => {
		for (let i = 0; !stopped; i++) {
			// Every fourth change, and every change once the tickets to update run out (a slow restart), is a new ticket.
			if (i % 4 === 3 || tickets.length === 0) {
				const created = zd.sim.createRecord('tickets', { subject: `poll create ${i}` });
				changes.push({ id: created.id, operation: 'insert', modifiedTime: created.modifiedTime });
			} else {
				const ticket = tickets.pop();
				const updated = zd.sim.updateRecord('tickets', ticket, { subject: `poll update ${i}` });
				changes.push({ id: updated.id, operation: 'update', modifiedTime: updated.modifiedTime });
			}
			await delay(everyMs);
		}
	})();
	return {
		changes,
		async stop() {
			stopped = true;
			await running;
			return changes;
		},
	};
}

async function pollAcrossRestart(cluster, cookie, zd, label) {
	const tickets = (await zd.listAll('tickets')).map((ticket) => ticket.id);
	const callsAtActivation = deskCalls(zd);
	await activateWorkflow(cluster.main, cookie, WORKFLOW_IDS.poll);
	// The first poll only notes where to start; changes from then on must each come exactly once.
	await waitFor('the first poll', () => deskCalls(zd) > callsAtActivation, { timeoutMs: 150_000, intervalMs: 200 });
	await delay(2000);
	const changing = keepChanging(zd, tickets, 1000);
	// A scheduled poll runs while tickets keep changing (n8n picks a random second of the minute for it) …
	const callsBefore = deskCalls(zd);
	await waitFor('the next scheduled poll', () => deskCalls(zd) > callsBefore, { timeoutMs: 90_000, intervalMs: 200 });
	const polledAt = Date.now();
	await delay(5000);
	// … then main (the leader) goes away across the next poll time: nothing else may poll meanwhile.
	await cluster.main.stop();
	const callsWhileDown = deskCalls(zd);
	await until(polledAt + 63_000);
	const polledWhileDown = deskCalls(zd) - callsWhileDown;
	await cluster.startMain();
	const changes = await changing.stop();
	log(`${label} · poll: ${changes.length} changes made; main restarted; ${polledWhileDown} Desk API calls while main was down`);
	assert.equal(polledWhileDown, 0, `${polledWhileDown} Desk API calls while main was down: a webhook process or worker polled`);
	const key = (change) => `${change.operation} ${change.id} ${Date.parse(change.modifiedTime ?? change.record?.modifiedTime)}`;
	const expected = new Set(changes.map(key));
	const emitted = async () => {
		const executions = (await cluster.database.executionsOf(WORKFLOW_IDS.poll)).filter((e) => e.data && !['new', 'running'].includes(e.status));
		return { executions, items: executions.flatMap((e) => triggerOutput(e, POLL_NODE)) };
	};
	// The poll after main is back picks up whatever changed while it was down.
	const { executions, items } = await waitFor(
		'every change to be emitted',
		async () => {
			const found = await emitted();
			return [...expected].every((k) => found.items.some((item) => key(item) === k)) ? found : undefined;
		},
		{ timeoutMs: 150_000, intervalMs: 2000 },
	);
	await deactivateWorkflow(cluster.main, cookie, WORKFLOW_IDS.poll);
	const counts = new Map();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	const twice = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
	const unexpected = [...counts.keys()].filter((k) => !expected.has(k));
	assert.equal(twice.length, 0, `changes emitted more than once: ${twice.slice(0, 5).join(', ')}`);
	assert.equal(unexpected.length, 0, `changes nobody made: ${unexpected.slice(0, 5).join(', ')}`);
	const perWorker = checkRanOnWorkers(cluster, executions);
	return {
		changes: changes.length,
		executions: executions.length,
		summary: `${changes.length} changes → ${items.length} items in ${executions.length} poll executions (workers ${perWorker}), each once; 0 Desk calls while main was down`,
	};
}

/** A random change to the simulator's tickets: create, update or delete; returns the ticket id. */
function randomChange(zd, random, live, i) {
	const roll = random.next();
	if (roll < 0.3 || live.length < 10) {
		const ticket = zd.sim.createRecord('tickets', { subject: `mirror create ${i}`, status: 'Open' });
		live.push(ticket.id);
		return ticket.id;
	}
	const index = random.int(0, live.length - 1);
	const id = live[index];
	if (roll < 0.75) {
		zd.sim.updateRecord('tickets', id, { subject: `mirror update ${i}`, status: random.pick(['Open', 'On Hold', 'Escalated', 'Closed']) });
		return id;
	}
	live.splice(index, 1);
	zd.sim.deleteRecord('tickets', id);
	return id;
}

async function mirrorChanges(cluster, cookie, zd, db, label) {
	await activateWorkflow(cluster.main, cookie, mirror.WORKFLOW_ID);
	const [{ url }] = await registeredWebhooks(zd);
	zd.sim.clearDeliveries();
	const random = createRandom(29);
	const live = (await zd.listAll('tickets')).map((ticket) => ticket.id);
	let made = 0;
	const change = () => randomChange(zd, random, live, made++);
	// A burst: the workers are busy with a backlog while more changes arrive.
	while (made < 300) {
		change();
		await delay(2);
	}
	// The webhook process restarts while changes keep coming; deliveries meanwhile fail and are retried.
	await delay(3000);
	await cluster.webhook.stop();
	const restarting = cluster.startWebhook();
	let restarted = false;
	restarting.then(() => (restarted = true)).catch(() => undefined);
	while (!restarted && made < 700) {
		change();
		await delay(50);
	}
	await restarting;
	const duringRestart = made - 300;
	while (made < MIRROR_CHANGES) {
		change();
		await delay(10);
	}
	await zd.sim.deliveriesSettled();
	const outcomes = deliveryOutcomes(zd, url);
	const answered = outcomes.filter((o) => o.ok).length;
	await waitForExecutions(cluster, mirror.WORKFLOW_ID, answered, 15 * 60_000);
	const all = (await cluster.database.executionsOf(mirror.WORKFLOW_ID)).filter((e) => e.mode !== 'manual');
	// Only the deliveries' executions: the workflow's hourly reconciliation (n8n picks its minute at random) may start
	// one meanwhile, without the trigger's items.
	const executions = all.filter((e) => e.status === 'success' && e.data?.resultData?.runData?.[mirror.NODES.trigger]);
	const neverQueued = all.filter((e) => e.status === 'new').length;
	const failedRuns = all.filter((e) => !['success', 'new'].includes(e.status));
	assert.equal(failedRuns.length, 0, `mirror executions failed: ${failedRuns.slice(0, 3).map((e) => `${e.id} ${e.data?.resultData?.error?.message}`).join('; ')}`);
	// A delivery is lost when Zoho got no 200, or when it did but no execution ever had its events: n8n 1.x answers
	// (responseMode onReceived) before it enqueues, so a webhook process stopping in between drops the delivery
	// (2.x answers after enqueueing).
	const eventKey = (eventType, id, time) => `${eventType} ${id} ${Number(time) || Date.parse(time)}`;
	const executed = new Set(
		executions.flatMap((e) => triggerOutput(e, mirror.NODES.trigger)).map((item) => eventKey(item.eventType, item.id, item.eventTime)),
	);
	const reachedExecution = (o) => o.events.every((event) => executed.has(eventKey(event.eventType, event.payload.id, event.eventTime)));
	const unanswered = outcomes.filter((o) => !o.ok);
	const droppedAfter200 = outcomes.filter((o) => o.ok && !reachedExecution(o));
	const lostIds = new Set([...unanswered, ...droppedAfter200].flatMap((o) => o.events.map((event) => String(event.payload.id))));
	// Before reconciling: every row that differs must be one whose change never reached an execution.
	const [table, zoho] = [await mirror.tableRows(db), await mirror.zohoRows(zd)];
	const differ = mirror.differences(table, zoho);
	const unexplained = differ.filter((id) => !lostIds.has(id));
	const figures = {
		changes: made,
		duringRestart,
		deliveries: outcomes.length,
		retried: outcomes.filter((o) => o.attempts > 1).length,
		unanswered: unanswered.length,
		answeredButNeverExecuted: droppedAfter200.length,
		executions: executions.length,
		neverQueued,
		rowsDifferingBeforeReconcile: differ.length,
	};
	log(`${label} · mirror figures: ${JSON.stringify(figures)}`);
	const explain = (id) => {
		const touching = outcomes.filter((o) => o.events.some((event) => String(event.payload.id) === id));
		const events = touching.map((o) => `${o.events.map((e) => `${e.eventType}@${e.eventTime}`).join('+')} (${o.attempts} attempt(s), ${o.ok ? '200' : 'never 200'}, ${reachedExecution(o) ? 'executed' : 'not executed'})`);
		return `${id}: table ${JSON.stringify(table.get(id) ?? null)}, Zoho ${JSON.stringify(zoho.get(id) ?? null)}; deliveries: ${events.join('; ')}`;
	};
	assert.equal(unexplained.length, 0, `${unexplained.length} rows differ although their changes were executed:\n${unexplained.slice(0, 3).map(explain).join('\n')}`);
	checkRanOnWorkers(cluster, executions);
	// The workflow's reconciliation (scheduled hourly; run now) recovers what lost deliveries missed.
	const reconcile = await runManually(cluster.main, cookie, mirror.WORKFLOW_ID, mirror.NODES.fullRead);
	assert.equal(reconcile.status, 'success', `reconciliation ${reconcile.id} ended ${reconcile.status}: ${reconcile.data?.resultData?.error?.message}`);
	const rows = await mirror.assertEqual(db, zd, 'after the reconciliation');
	await deactivateWorkflow(cluster.main, cookie, mirror.WORKFLOW_ID);
	return {
		figures,
		summary:
			`${made} changes (${duringRestart} during the webhook restart) → ${outcomes.length} deliveries, ${figures.retried} retried, ` +
			`${figures.unanswered} never answered 200, ${figures.answeredButNeverExecuted} answered 200 but never executed; ` +
			`${differ.length} rows off before reconciling, all from those; ${rows} rows equal after`,
	};
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/**
 * SIGTERM to every process; each must exit 0 by itself. One exception, n8n's and not ours: a process that
 * enqueued executions (main, the webhook process) keeps each until Bull's `job.finished()` resolves, and that
 * misses a job which completed before it asked (n8n removes completed jobs from Redis at once, and Bull then
 * waits for a completion event that was already sent). Such a process waits for it at shutdown until n8n's own
 * 30 s timeout. Accepted only when every execution it enqueued has finished in the database, and counted.
 */
async function stopAll(cluster) {
	const names = new Map([[cluster.main, 'main'], [cluster.webhook, 'webhook'], ...cluster.workers.map((worker, i) => [worker, `worker ${i + 1}`])]);
	const enqueued = new Map(cluster.processes.map((n8n) => [n8n, cluster.enqueuedBy(n8n)]));
	const statuses = await cluster.database.statusesOf([...enqueued.values()].flat());
	const unfinished = [...enqueued.values()].flat().filter((id) => !FINISHED.includes(statuses.get(id)));
	assert.equal(unfinished.length, 0, `executions enqueued but not finished: ${unfinished.slice(0, 5).map((id) => `${id} (${statuses.get(id)})`).join(', ')}`);
	const results = await cluster.stop();
	const held = {};
	const bad = [];
	cluster.processes.forEach((n8n, i) => {
		const { graceful, code } = results[i];
		if (graceful && code === 0) return;
		const waited = /Waiting for (\d+) active executions to finish/.exec(cluster.logOf(n8n));
		if (waited && enqueued.get(n8n).length > 0) held[names.get(n8n)] = Number(waited[1]);
		else bad.push(`${names.get(n8n)} (${graceful ? `exit ${code}` : 'killed'})`);
	});
	assert.equal(bad.length, 0, `did not stop cleanly: ${bad.join(', ')}`);
	const heldText = Object.entries(held).map(([name, n]) => `${name} waited for ${n} executions that had finished (n8n's job.finished() race) until n8n's 30 s shutdown timeout`);
	return { held, summary: heldText.length ? heldText.join('; ') : 'every process exited 0 by itself' };
}

async function runQueueSuite(install, tarball) {
	const suite = new Suite(`queue ${install.version}`);
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-queue-${install.major}-`));
	const zd = await startZohoDesk({ tickets: SIMULATED_TICKETS, webhookSenders: SENDERS });
	let redis;
	let postgres;
	let cluster;
	let cookie;
	const figures = {};
	let mirrorConnection;
	const mirrorDb = () => (mirrorConnection ??= connect(install, postgres, mirror.DATABASE));
	const onFailure = () => (cluster ? cluster.logTails(40) : '');
	const step = (name, fn) => suite.step(name, fn, { onFailure });
	try {
		await step('Redis and Postgres start', async () => {
			[redis, postgres] = await Promise.all([startRedis(dir), startPostgres(dir, { databases: [N8N_DATABASE, mirror.DATABASE] })]);
			return `redis :${redis.port}, postgres :${postgres.port}`;
		});

		await step('main, webhook process and two workers start in queue mode', async () => {
			const workflows = [fixtures.readTablesWorkflow(), fixtures.webhookTriggerWorkflow(), fixtures.pollTriggerWorkflow(), mirror.workflow()];
			cluster = await QueueCluster.create({ install, zd, tarball, postgres, redis, workflows, credentials: [mirror.credential(postgres)] });
			const bootStarted = Date.now();
			await cluster.start();
			cookie = await setupOwner(cluster.main);
			return `all up in ${formatSeconds(Date.now() - bootStarted)}`;
		});

		await step('action node: the five tables read on a worker, as in regular mode', async () => {
			const expected = await zd.expectedRecords();
			const execution = await runManually(cluster.main, cookie, WORKFLOW_IDS.read, 'Start');
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}: ${execution.data?.resultData?.error?.message}`);
			const summary = checkReadRun({ data: execution.data }, expected, zd.sim.orgId);
			const worker = cluster.executionsByWorker().get(String(execution.id));
			assert.equal(worker?.length, 1, `execution ${execution.id} was not run by a worker (worker logs: ${worker ?? 'none'})`);
			return `execution ${execution.id} on worker ${worker[0]}: ${summary}`;
		});

		await step('poll trigger: only the leader polls; every change once, across a restart of main', async () => {
			const result = await pollAcrossRestart(cluster, cookie, zd, suite.label);
			Object.assign(figures, { pollChanges: result.changes, pollExecutions: result.executions });
			return result.summary;
		});

		await step('mirror: the first full read copies every ticket', async () => {
			const execution = await runManually(cluster.main, cookie, mirror.WORKFLOW_ID, mirror.NODES.fullRead);
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}: ${execution.data?.resultData?.error?.message}`);
			const rows = await mirror.assertEqual(mirrorDb(), zd, 'after the full read');
			return `${rows} tickets, row for row (execution ${execution.id})`;
		});

		await step(`mirror: ${MIRROR_CHANGES} changes (busy workers, webhook process restart) end up equal`, async () => {
			const result = await mirrorChanges(cluster, cookie, zd, mirrorDb(), suite.label);
			Object.assign(figures, { mirror: result.figures });
			return result.summary;
		});

		const webhookUrl = () => `${cluster.webhook.baseUrl}${fixtures.webhookPath()}`;
		await step('webhook trigger: activation registers exactly one Zoho webhook', async () => {
			await activateWorkflow(cluster.main, cookie, WORKFLOW_IDS.webhook);
			const hooks = await registeredWebhooks(zd);
			assert.deepEqual(hooks.map((hook) => hook.url), [webhookUrl()], 'Zoho should hold exactly the one webhook, at the webhook process');
			return `webhook ${hooks[0].id} → ${webhookUrl()} (4 n8n processes)`;
		});

		await step(`webhook trigger: ${DELIVERIES} deliveries, every event once, on the workers`, async () => {
			const random = createRandom(13);
			const created = [];
			const sendStarted = Date.now();
			for (let delivery = 0; delivery < DELIVERIES; delivery++) {
				const batch = Array.from({ length: random.int(1, MAX_EVENTS_PER_DELIVERY) }, (_, i) => ({ subject: `load ${delivery}.${i}` }));
				created.push(...[zd.sim.createRecord('tickets', batch)].flat().map((ticket) => ticket.id));
			}
			await zd.sim.deliveriesSettled();
			const sendSeconds = (Date.now() - sendStarted) / 1000;
			const outcomes = deliveryOutcomes(zd, webhookUrl());
			const answered = outcomes.filter((o) => o.ok).length;
			const executed = await waitForExecutions(cluster, WORKFLOW_IDS.webhook, answered, 15 * 60_000);
			const all = await cluster.database.executionsOf(WORKFLOW_IDS.webhook);
			const executions = all.filter((e) => e.status === 'success');
			const seen = new Map();
			for (const execution of executions) {
				for (const event of triggerOutput(execution, WEBHOOK_NODE)) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
			}
			const lost = created.filter((id) => !seen.has(id));
			const duplicated = [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
			Object.assign(figures, {
				deliveries: outcomes.length,
				events: created.length,
				retried: outcomes.filter((o) => o.attempts > 1).length,
				failed: outcomes.length - answered,
				executions: executions.length,
				lost: lost.length,
				duplicated,
				eventsPerSecond: Math.round(created.length / sendSeconds),
				deliveriesPerSecond: Math.round(outcomes.length / sendSeconds),
			});
			log(`${suite.label} · load figures: ${JSON.stringify(figures)}; executions by status ${JSON.stringify(executed)}`);
			assert.equal(outcomes.length, DELIVERIES, 'the simulator did not send every delivery');
			assert.equal(lost.length, 0, `${lost.length} of ${created.length} events never reached an execution (e.g. ${lost.slice(0, 3).join(', ')})`);
			assert.equal(duplicated, 0, `${duplicated} events came in more than one execution`);
			assert.equal(all.length, executions.length, `executions did not all succeed: ${JSON.stringify(executed)}`);
			const perWorker = checkRanOnWorkers(cluster, executions);
			return (
				`${created.length} events in ${outcomes.length} deliveries → ${executions.length} executions (workers ${perWorker}), ` +
				`0 lost, 0 duplicated, ${figures.retried} retried; ${figures.eventsPerSecond} events/s`
			);
		});

		await step('webhook trigger: deactivation deletes the webhook', async () => {
			await deactivateWorkflow(cluster.main, cookie, WORKFLOW_IDS.webhook);
			await waitFor('the webhook to be deleted from the simulator', async () => (await zd.webhooks()).length === 0);
		});

		await step("webhook processes fetched Zoho's signing keys at most once each", async () => {
			const fetches = zd.sim.counters().jwksFetches;
			const perProcess = cluster.webhookStarts.map((start, i) => fetches.filter((at) => at >= start && at < (cluster.webhookStarts[i + 1] ?? Infinity)).length);
			figures.jwksFetchesPerWebhookProcess = perProcess;
			assert.ok(perProcess.every((n) => n <= 1), `JWKS fetches per webhook process (in start order): ${perProcess.join(', ')}`);
			return `${perProcess.join(' + ')} fetches for ${perProcess.length} webhook process lifetimes`;
		});

		await step('all processes stop gracefully', async () => {
			const result = await stopAll(cluster);
			figures.heldAtShutdown = result.held;
			return result.summary;
		});
		return Object.assign(suite, { figures });
	} finally {
		await mirrorConnection?.end().catch(() => undefined);
		await cluster?.stop().catch(() => undefined);
		await Promise.all([redis?.stop(), postgres?.stop()]);
		await zd.stop();
		suite.seconds = Math.round((Date.now() - started) / 1000);
		if (!suite.failed) {
			cluster?.removeFolders();
			fs.rmSync(dir, { recursive: true, force: true });
		} else {
			log(`${suite.label}: folders kept for inspection: ${dir}${cluster ? `, ${cluster.processes.map((n) => n.userFolder).join(', ')}` : ''}`);
		}
	}
}

async function main() {
	const majors = selectedMajors();
	const tarball = communityPackage.pack();
	log(`Package packed: ${tarball}; queue mode on n8n ${majors.map((m) => `${m}.x`).join(', ')}`);
	const installing = majors.map((major) => ensureN8n(major).then((install) => ({ install }), (error) => ({ error, major })));
	const suites = [];
	for (const pending of installing) {
		const { install, error, major } = await pending;
		if (error) {
			console.error(`\nInstalling n8n ${major}.x failed:\n${error.message}`);
			const suite = new Suite(`queue ${major}.x`);
			suite.failed = true;
			suite.results.push({ name: 'install n8n', status: 'FAIL', ms: 0, detail: error.message.split('\n')[0] });
			suites.push(suite);
			continue;
		}
		suites.push(await runQueueSuite(install, tarball));
	}
	const lines = suites.map((suite) => `${suite.label}: ${formatSeconds((suite.seconds ?? 0) * 1000)}; ${JSON.stringify(suite.figures ?? {})}`);
	finishRun({ title: 'queue-mode e2e', verdict: 'QUEUE E2E', suites, lines, tarball });
}

runMain(main);
