#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the packed package inside real n8n 1.x (Node 20) and 2.x (Node 24), against the Zoho Desk
// simulator. See README.md in this folder. N8N_E2E_VERSIONS=1 or =2 runs one version.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8n, selectedMajors } = require('./lib/install');
const communityPackage = require('./lib/communityPackage');
const { startZohoDesk } = require('./lib/simulator');
const { builtNodeTypes, workflowsFor, ticketWritesWorkflowFor, contactTicketWorkflowFor, prepareN8n, setupOwner, activateWorkflow, deactivateWorkflow, runManually } = require('./lib/setup');
const { callbackUrl, authorizationUrl, consent, loadCallback } = require('./lib/oauth2');
const { executionsOf } = require('./lib/db');
const { Suite, Skip, finishRun, runMain } = require('./lib/suite');
const { log, formatSeconds, http, waitFor, delay, repoRoot } = require('./lib/util');
const fixtures = require('./fixtures');
const {
	checkReadRun,
	checkTableIds,
	checkTicketWrites,
	checkConversation,
	checkContactTicket,
	checkAuthorizationUrl,
	checkConsentRedirect,
	triggerOutput,
	waitForExecution,
	lastExecutionId,
	forgedJwt,
} = require('./checks');

const { NODE_TYPES, WORKFLOW_IDS } = fixtures;
const { webhook: WEBHOOK_NODE, poll: POLL_NODE } = fixtures.TRIGGER_NODES;
// Enough tickets for several pages (100 per page) with a short last one.
const SIMULATED_TICKETS = 250;

const notBuilt = (type) => `trigger node not built yet (${type} not in dist/)`;
// The scopes the OAuth2 credential asks for by default, as built.
const oauth2DefaultScopes = () => require(path.join(repoRoot, 'dist', 'credentials', 'ZohoDeskOAuth2Api.credentials.js')).DEFAULT_SCOPES;
/** One credential's decrypted data, as `n8n export:credentials --decrypted` prints it. */
const storedCredential = async (n8n, id) => (await n8n.exportCredentials()).find((credential) => credential.id === id)?.data ?? {};

async function runSuite(install, tarball, nodeTypes) {
	const suite = new Suite(`n8n ${install.version}`);
	const started = Date.now();
	const zd = await startZohoDesk({ tickets: SIMULATED_TICKETS });
	const hasWebhook = nodeTypes.includes(NODE_TYPES.webhookTrigger);
	const hasPoll = nodeTypes.includes(NODE_TYPES.pollTrigger);
	let n8n;
	const onFailure = () => (n8n ? `----- n8n log tail (${n8n.logFile}) -----\n${n8n.logTail(80)}\n-----` : '');
	const step = (name, fn) => suite.step(name, fn, { onFailure });
	try {
		let expected;
		await step('package loads as community node (export:nodes)', async () => {
			const oauth2 = fixtures.oauth2Credential({
				accountsUrl: zd.sim.accountsUrl,
				deskUrl: zd.sim.deskUrl,
				...zd.sim.webClient,
				orgId: zd.sim.orgId,
				scope: oauth2DefaultScopes(),
			});
			const workflows = [
				...workflowsFor(nodeTypes),
				fixtures.oauth2ReadWorkflow(),
				await ticketWritesWorkflowFor(zd),
				await contactTicketWorkflowFor(zd),
			];
			n8n = await prepareN8n({ install, zd, tarball, workflows, credentials: [oauth2] });
			const loaded = (await n8n.exportNodeTypes()).map((type) => type.name);
			const missing = nodeTypes.filter((type) => !loaded.includes(type));
			assert.equal(missing.length, 0, `n8n did not load ${missing.join(', ')}`);
			// usableAsTool: n8n adds the action node's AI agent tool variant.
			const tool = `${NODE_TYPES.action}Tool`;
			assert.ok(loaded.includes(tool), `n8n did not offer ${tool} (the node as an AI agent tool)`);
			return [...nodeTypes, tool].join(', ');
		});

		await step('Self Client code exchange, read the five tables', async () => {
			expected = await zd.expectedRecords();
			const { ok, run, problem, output } = await n8n.execute(WORKFLOW_IDS.read);
			assert.ok(ok, `${problem}:\n${output.slice(-3000)}`);
			return checkReadRun(run, expected, zd.sim.orgId);
		});

		let firstAccessToken;
		await step('credential kept the refresh token, cleared the used code', async () => {
			const credential = await storedCredential(n8n, fixtures.CREDENTIAL.id);
			assert.equal(credential.grantCode, '', 'grantCode was not cleared after the exchange');
			assert.match(credential.refreshToken ?? '', /^1000\./, 'no refresh token was stored');
			firstAccessToken = credential.accessToken;
		});

		await step('expired access token is refreshed (second run)', async () => {
			const before = zd.sim.counters().accounts.tokenRequests;
			zd.sim.expireAccessTokens();
			const { ok, run, problem, output } = await n8n.execute(WORKFLOW_IDS.read);
			assert.ok(ok, `second run after the access token expired: ${problem}:\n${output.slice(-3000)}`);
			checkReadRun(run, expected, zd.sim.orgId);
			const credential = await storedCredential(n8n, fixtures.CREDENTIAL.id);
			assert.notEqual(credential.accessToken, firstAccessToken, 'the refreshed access token was not stored');
			// The code was single-use and is gone, so this token request can only have been a refresh.
			assert.equal(zd.sim.counters().accounts.tokenRequests - before, 1, 'expected exactly one token request');
		});

		const webhookUrl = `${n8n?.baseUrl}${fixtures.webhookPath()}`;
		let cookie;
		await step('start n8n, activate the trigger workflows (as the editor does)', async () => {
			const bootStarted = Date.now();
			await n8n.start();
			const boot = formatSeconds(Date.now() - bootStarted);
			cookie = await setupOwner(n8n);
			if (hasWebhook) await activateWorkflow(n8n, cookie, WORKFLOW_IDS.webhook);
			if (hasPoll) await activateWorkflow(n8n, cookie, WORKFLOW_IDS.poll);
			return `server up in ${boot}`;
		});

		let authUrl;
		await step('OAuth2: authorize URL from the data centre', async () => {
			zd.sim.registerRedirectUri(zd.sim.webClient.clientId, callbackUrl(n8n));
			authUrl = await authorizationUrl(n8n, cookie, fixtures.OAUTH2_CREDENTIAL.id);
			const { scope } = checkAuthorizationUrl(authUrl, {
				accountsUrl: zd.sim.accountsUrl,
				clientId: zd.sim.webClient.clientId,
				redirectUri: callbackUrl(n8n),
				scopes: oauth2DefaultScopes(),
			});
			return `${authUrl.origin}${authUrl.pathname}, ${scope.split(',').length} scopes, offline + consent`;
		});

		let connected;
		await step('OAuth2: callback stores tokens', async () => {
			const before = zd.sim.counters().accounts.tokenRequests;
			const redirect = await consent(authUrl);
			checkConsentRedirect(redirect, {
				callbackUrl: callbackUrl(n8n),
				state: authUrl.searchParams.get('state'),
				accountsUrl: zd.sim.accountsUrl,
			});
			await loadCallback(redirect, cookie);
			assert.equal(zd.sim.counters().accounts.tokenRequests - before, 1, 'expected one token request (the code exchange)');
			connected = (await storedCredential(n8n, fixtures.OAUTH2_CREDENTIAL.id)).oauthTokenData ?? {};
			// Zoho answers token errors with HTTP 200; n8n then shows "Connection successful" and stores the error.
			const answered = connected.error ? ` (the token endpoint answered error=${connected.error})` : '';
			assert.match(connected.access_token ?? '', /^1000\./, `no access token was stored${answered}`);
			assert.match(connected.refresh_token ?? '', /^1000\./, 'no refresh token was stored');
			return 'code exchanged at the accounts server; access and refresh token stored';
		});

		/** The OAuth2 read workflow, run from the editor; its tables must equal the simulator's. */
		const runOAuth2Read = async () => {
			const execution = await runManually(n8n, cookie, WORKFLOW_IDS.oauth2Read, 'Start');
			const runData = execution.data?.resultData?.runData;
			const error = execution.data?.resultData?.error;
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}: ${error?.message}`);
			return `execution ${execution.id}: ${checkTableIds(runData, expected, fixtures.OAUTH2_READ_NODES)}`;
		};

		await step('OAuth2: read with the stored access token', async () => {
			const before = zd.sim.counters().accounts.tokenRequests;
			const summary = await runOAuth2Read();
			assert.equal(zd.sim.counters().accounts.tokenRequests, before, 'n8n asked for a token though the one from the callback was valid');
			return summary;
		});

		await step('OAuth2: refresh after expiry keeps the refresh token', async () => {
			zd.sim.expireAccessTokens();
			// The simulator answers a refresh only with the client in the form body, and sends no new refresh token.
			const summary = await runOAuth2Read();
			const refreshed = (await storedCredential(n8n, fixtures.OAUTH2_CREDENTIAL.id)).oauthTokenData ?? {};
			assert.notEqual(refreshed.access_token, connected.access_token, 'the refreshed access token was not stored');
			assert.equal(refreshed.refresh_token, connected.refresh_token, 'the stored refresh token was lost or replaced');
			return `${summary}; new access token stored, refresh token kept`;
		});

		if (!hasWebhook && !hasPoll) {
			suite.skip('triggers', notBuilt(`${NODE_TYPES.webhookTrigger}, ${NODE_TYPES.pollTrigger}`));
			return suite;
		}

		let webhook;
		let changedTicket;
		/** The tickets the write workflows made: the poll trigger rightly reports them too */
		const writtenTicketIds = [];
		let afterId = 0;
		const needWebhook = () => {
			if (!hasWebhook) throw new Skip(notBuilt(NODE_TYPES.webhookTrigger));
		};

		await step('webhook trigger: activation registered the webhook', async () => {
			needWebhook();
			webhook = await waitFor('the webhook to be registered with the simulator', async () =>
				(await zd.webhooks()).find((w) => w.url === webhookUrl),
			);
			const validation = zd.sim.deliveries().filter((d) => d.kind === 'validation' && d.url === webhookUrl);
			assert.ok(validation.some((d) => d.status === 200), `Zoho's URL validation got ${JSON.stringify(validation)}`);
			return `webhook ${webhook.id} → ${webhookUrl}`;
		});

		await step('webhook trigger: a ticket change starts an execution with the event', async () => {
			needWebhook();
			afterId = await lastExecutionId(n8n, WORKFLOW_IDS.webhook);
			const ticket = expected.tickets[0];
			const priority = ticket.priority === 'High' ? 'Low' : 'High';
			changedTicket = zd.sim.updateRecord('tickets', ticket.id, { priority });
			const execution = await waitForExecution(n8n, {
				what: `an execution of the webhook workflow for ticket ${ticket.id}`,
				workflowId: WORKFLOW_IDS.webhook,
				nodeName: WEBHOOK_NODE,
				afterId,
				match: (event) => event.id === ticket.id,
			});
			const event = triggerOutput(execution, WEBHOOK_NODE).find((e) => e.id === ticket.id);
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}`);
			assert.equal(event.table, 'tickets');
			assert.equal(event.operation, 'update');
			assert.equal(event.record?.priority, priority, 'the event does not carry the new priority');
			assert.ok(event.changedFields.includes('priority'), `changedFields ${JSON.stringify(event.changedFields)} lack priority`);
			afterId = Number(execution.id);
			return `execution ${execution.id}: tickets/update ${event.id}, changed ${event.changedFields.join(',')}`;
		});

		await step('webhook trigger: forged deliveries are refused and start nothing', async () => {
			needWebhook();
			const [delivered] = zd.sim.deliveries().filter((d) => d.kind === 'delivery' && d.url === webhookUrl);
			const body = JSON.stringify(delivered.events);
			const jwt = forgedJwt({ kid: zd.sim.info().kid, orgId: zd.sim.orgId, webhookId: webhook.id });
			const headers = { 'content-type': 'application/json' };
			const forged = await http(webhookUrl, { method: 'POST', body, headers: { ...headers, 'x-zdesk-jwt': jwt } });
			const unsigned = await http(webhookUrl, { method: 'POST', body, headers });
			assert.equal(forged.status, 401, `forged JWT answered ${forged.status} ${forged.text}`);
			assert.equal(unsigned.status, 401, `delivery without JWT answered ${unsigned.status} ${unsigned.text}`);
			await delay(2000);
			assert.equal(await lastExecutionId(n8n, WORKFLOW_IDS.webhook), afterId, 'a refused delivery started an execution');
			return 'forged JWT → 401, no JWT → 401, no execution';
		});

		await step('ticket writes: create with a custom field, private comment, HTML reply with cc, threads read back with content, close, trash; the webhook trigger gets each event', async () => {
			const since = hasWebhook ? await lastExecutionId(n8n, WORKFLOW_IDS.webhook) : 0;
			const execution = await runManually(n8n, cookie, WORKFLOW_IDS.ticketWrites, 'Start');
			const runData = execution.data?.resultData?.runData;
			assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}: ${execution.data?.resultData?.error?.message}`);
			const id = checkTicketWrites(runData, (ticketId) => zd.sim.getRecord('tickets', ticketId));
			const { commentId, replyId, threads } = checkConversation(runData, id, (ticketId) => zd.sim.conversation(ticketId));
			writtenTicketIds.push(id);
			const written = `ticket ${id} created (cf_severity S1), comment ${commentId}, reply ${replyId}, ${threads} threads read with content, closed, trashed`;
			if (!hasWebhook) return `execution ${execution.id}: ${written} (no webhook trigger built)`;
			// Each event the workflow caused, as the trigger's normalised change: table, operation, record id.
			const wanted = [
				['tickets', 'insert', id],
				['comments', 'insert', commentId],
				['threads', 'insert', replyId],
				['tickets', 'update', id],
				['tickets', 'delete', id],
			];
			const key = (table, operation, recordId) => `${table}/${operation} ${recordId}`;
			const events = await waitFor('the ticket, comment and thread events to reach the webhook trigger', async () => {
				const seen = (await executionsOf(n8n, WORKFLOW_IDS.webhook))
					.filter((e) => Number(e.id) > since && e.data)
					.flatMap((e) => triggerOutput(e, WEBHOOK_NODE))
					.map((event) => key(event.table, event.operation, event.id));
				return wanted.every((event) => seen.includes(key(...event))) && seen;
			});
			afterId = await lastExecutionId(n8n, WORKFLOW_IDS.webhook);
			return `execution ${execution.id}: ${written}; trigger items ${[...new Set(events.map((e) => e.split(' ')[0]))].join(', ')}`;
		});

		await step('contact and ticket: Create or Update by email, run twice (one contact), a ticket for it, a file from binary data uploaded and downloaded (bytes equal); the webhook trigger gets the contact and attachment events', async () => {
			const since = hasWebhook ? await lastExecutionId(n8n, WORKFLOW_IDS.webhook) : 0;
			const runs = [];
			for (const round of [1, 2]) {
				const execution = await runManually(n8n, cookie, WORKFLOW_IDS.contactTicket, 'Start');
				const error = execution.data?.resultData?.error?.message;
				assert.equal(execution.status, 'success', `run ${round}: execution ${execution.id} ended ${execution.status}: ${error}`);
				runs.push({ execution, ...checkContactTicket(execution.data?.resultData?.runData, (id) => zd.sim.getRecord('tickets', id)) });
			}
			const [first, second] = runs;
			assert.equal(second.contactId, first.contactId, 'the second run did not find the contact the first one created');
			const sameEmail = (await zd.listAll('contacts')).filter((contact) => contact.email === fixtures.CONTACT_WORKFLOW.email);
			assert.equal(sameEmail.length, 1, `${sameEmail.length} contacts with ${fixtures.CONTACT_WORKFLOW.email} after two runs`);
			writtenTicketIds.push(first.ticketId, second.ticketId);
			const written = `contact ${first.contactId} (1 with its email after 2 runs), tickets ${first.ticketId} and ${second.ticketId}, ${first.bytes}-byte attachment round trip`;
			if (!hasWebhook) return `executions ${first.execution.id}, ${second.execution.id}: ${written} (no webhook trigger built)`;
			const wanted = [
				`contacts/insert ${first.contactId}`,
				`contacts/update ${first.contactId}`,
				`attachments/insert ${first.attachmentId}`,
				`attachments/insert ${second.attachmentId}`,
			];
			await waitFor('the contact and attachment events to reach the webhook trigger', async () => {
				const seen = (await executionsOf(n8n, WORKFLOW_IDS.webhook))
					.filter((e) => Number(e.id) > since && e.data)
					.flatMap((e) => triggerOutput(e, WEBHOOK_NODE))
					.map((event) => `${event.table}/${event.operation} ${event.id}`);
				return wanted.every((event) => seen.includes(event));
			});
			afterId = await lastExecutionId(n8n, WORKFLOW_IDS.webhook);
			return `executions ${first.execution.id}, ${second.execution.id}: ${written}; trigger items ${wanted.join(', ')}`;
		});

		await step('poll trigger: the next poll emits the ticket change', async () => {
			if (!hasPoll) throw new Skip(notBuilt(NODE_TYPES.pollTrigger));
			if (!changedTicket) throw new Skip('no ticket was changed (the webhook trigger is not built)');
			// Polls run every minute at most (n8n refuses shorter intervals).
			const execution = await waitForExecution(n8n, {
				what: `a poll execution with ticket ${changedTicket.id}`,
				workflowId: WORKFLOW_IDS.poll,
				nodeName: POLL_NODE,
				match: (change) => change.id === changedTicket.id && change.operation === 'update',
				timeoutMs: 100_000,
			});
			// The test changed one ticket and wrote another since activation; anything else the polls emitted is a false alarm.
			const emitted = (await executionsOf(n8n, WORKFLOW_IDS.poll)).filter((e) => e.data).flatMap((e) => triggerOutput(e, POLL_NODE));
			const spurious = emitted.filter((change) => change.id !== changedTicket.id && !writtenTicketIds.includes(change.id));
			assert.equal(
				spurious.length,
				0,
				`the poll trigger emitted ${spurious.length} change(s) nobody made, e.g. ${spurious
					.slice(0, 3)
					.map((c) => `${c.operation} ${c.id} (modifiedTime ${c.record?.modifiedTime})`)
					.join(', ')}`,
			);
			return `execution ${execution.id}: ${emitted.length} change(s), all real`;
		});

		await step('webhook trigger: deactivating deletes the webhook', async () => {
			needWebhook();
			await deactivateWorkflow(n8n, cookie, WORKFLOW_IDS.webhook);
			await waitFor('the webhook to be deleted from the simulator', async () =>
				!(await zd.webhooks()).some((w) => w.url === webhookUrl),
			);
			return `webhook ${webhook.id} deleted`;
		});

		await step('n8n stops gracefully', async () => {
			const stopStarted = Date.now();
			const { graceful, code } = await n8n.stop();
			assert.ok(graceful, 'n8n did not stop within 30 s of SIGTERM (killed)');
			assert.equal(code, 0, `n8n exited with ${code} after SIGTERM`);
			return `stopped in ${formatSeconds(Date.now() - stopStarted)}`;
		});
		return suite;
	} finally {
		await n8n?.stop();
		await zd.stop();
		suite.seconds = Math.round((Date.now() - started) / 1000);
		// A passing run's n8n folder (~70 MB) is of no further use; a failing one is kept for inspection.
		if (n8n && !suite.failed) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
		else if (n8n) log(`${suite.label}: n8n folder kept for inspection: ${n8n.userFolder}`);
	}
}

async function main() {
	const majors = selectedMajors();
	const nodeTypes = builtNodeTypes();
	const tarball = communityPackage.pack();
	log(`Package packed: ${tarball}; node types in dist/: ${nodeTypes.join(', ')}`);
	log(`n8n versions: ${majors.map((m) => `${m}.x`).join(', ')} (N8N_E2E_VERSIONS selects)`);
	// All installs start at once; each version's suite starts as soon as its install is done (1.x installs faster,
	// so its suite overlaps the 2.x install). Suites run one at a time: two n8n boots at once starve 2 CPUs.
	const installing = majors.map((major) => ensureN8n(major).then((install) => ({ install }), (error) => ({ error, major })));
	const suites = [];
	const lines = [];
	for (const pending of installing) {
		const { install, error, major } = await pending;
		if (error) {
			console.error(`\nInstalling n8n ${major}.x failed:\n${error.message}`);
			const suite = new Suite(`n8n ${major}.x`);
			suite.failed = true;
			suite.results.push({ name: 'install n8n', status: 'FAIL', ms: 0, detail: error.message.split('\n')[0] });
			suites.push(suite);
			continue;
		}
		const suite = await runSuite(install, tarball, nodeTypes);
		suites.push(suite);
		const how = install.install.cached ? 'install cached' : `installed in ${formatSeconds(install.install.seconds * 1000)}`;
		lines.push(`n8n ${install.version} on Node ${install.nodeVersion} — ${how}; suite ${formatSeconds(suite.seconds * 1000)}`);
	}

	finishRun({ title: 'e2e', verdict: 'E2E', suites, lines, tarball });
}

runMain(main);
