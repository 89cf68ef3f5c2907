'use strict';
// What the e2e runner and the demo share: a fresh n8n with the package, a Self Client credential holding a fresh
// grant code from the simulator, the workflows, and the owner account the editor UI and REST calls need.
const path = require('node:path');
const { N8n } = require('./n8n');
const communityPackage = require('./communityPackage');
const fixtures = require('../fixtures');
const { executionsOf } = require('./db');
const { http, waitFor } = require('./util');

const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'ZohoDesk-demo-1' };

/** Node types the build produced: `dist/nodes/ZohoDeskTrigger/ZohoDeskTrigger.node.js` → `<package>.zohoDeskTrigger`. */
function builtNodeTypes() {
	return communityPackage
		.builtFiles()
		.present.filter((file) => file.endsWith('.node.js'))
		.map((file) => path.basename(file, '.node.js'))
		.map((name) => `${communityPackage.manifest().name}.${name.charAt(0).toLowerCase()}${name.slice(1)}`);
}

/** The workflows whose nodes exist in this build. */
function workflowsFor(nodeTypes) {
	const workflows = [fixtures.readTablesWorkflow()];
	if (nodeTypes.includes(fixtures.NODE_TYPES.webhookTrigger)) workflows.push(fixtures.webhookTriggerWorkflow());
	if (nodeTypes.includes(fixtures.NODE_TYPES.pollTrigger)) workflows.push(fixtures.pollTriggerWorkflow());
	return workflows;
}

/** The ticket-writes workflow for the simulator's first enabled department, replying from its first reply address. */
async function ticketWritesWorkflowFor(zd) {
	const [department] = (await zd.listAll('departments')).filter((d) => d.isEnabled);
	const { data } = await zd.desk('/mailReplyAddress', { departmentId: department.id });
	return fixtures.ticketWritesWorkflow({ departmentId: department.id, fromAddress: data[0].address });
}

/** The contact-ticket workflow, its tickets in the simulator's first enabled department. */
async function contactTicketWorkflowFor(zd) {
	const [department] = (await zd.listAll('departments')).filter((d) => d.isEnabled);
	return fixtures.contactTicketWorkflow({ departmentId: department.id });
}

/**
 * A new isolated n8n with the packed package installed, the Self Client credential (plus `credentials`) and the
 * workflows imported. `env` adds to the recipe's environment (queue mode: Postgres and Redis).
 */
async function prepareN8n({ install, zd, tarball, workflows, credentials = [], port, env }) {
	const n8n = await N8n.create(install, { port, env });
	communityPackage.installInto(n8n.userFolder, tarball, { env: install.env });
	const { code } = zd.sim.issueGrantCode({ ttlSeconds: 600 });
	const credential = fixtures.selfClientCredential({
		accountsUrl: zd.sim.accountsUrl,
		deskUrl: zd.sim.deskUrl,
		...zd.sim.selfClient,
		grantCode: code,
		orgId: zd.sim.orgId,
	});
	await n8n.import('credentials', [credential, ...credentials]);
	await n8n.import('workflow', workflows);
	return n8n;
}

/** Creates the owner account (n8n 1.x and 2.x need one for the editor) and returns its session cookie. */
async function setupOwner(n8n) {
	const res = await http(`${n8n.baseUrl}/rest/owner/setup`, { method: 'POST', body: OWNER });
	if (res.status !== 200) throw new Error(`n8n owner setup answered ${res.status}: ${res.text.slice(0, 300)}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n owner setup set no n8n-auth cookie');
	return cookie.split(';')[0];
}

/** A call to n8n's internal REST API (the one the editor uses) as the owner. */
async function rest(n8n, cookie, method, path, body) {
	const res = await http(`${n8n.baseUrl}/rest${path}`, { method, body, cookie });
	if (res.status !== 200) throw new Error(`n8n ${method} /rest${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
	return res.body?.data;
}

/** Activates (2.x: publishes) a workflow the way the editor's toggle does; remote webhooks are created now. */
async function activateWorkflow(n8n, cookie, workflowId) {
	const { versionId } = await rest(n8n, cookie, 'GET', `/workflows/${workflowId}`);
	await rest(n8n, cookie, 'POST', `/workflows/${workflowId}/activate`, { versionId });
}

/** Deactivates (2.x: unpublishes) a workflow through the running server, which removes its webhooks remotely. */
async function deactivateWorkflow(n8n, cookie, workflowId) {
	await rest(n8n, cookie, 'POST', `/workflows/${workflowId}/deactivate`, {});
}

/**
 * Runs a workflow from its trigger as the editor's "Execute workflow" button does and returns the execution n8n
 * saved, once finished. 1.x runs the `workflowData` sent; 2.x runs the saved workflow from `triggerToStartFrom`.
 */
async function runManually(n8n, cookie, workflowId, triggerName) {
	const workflowData = await rest(n8n, cookie, 'GET', `/workflows/${workflowId}`);
	const body = { workflowData, triggerToStartFrom: { name: triggerName } };
	const { executionId } = (await rest(n8n, cookie, 'POST', `/workflows/${workflowId}/run`, body)) ?? {};
	if (!executionId) throw new Error(`n8n started no execution of ${workflowId}`);
	const finished = (e) => String(e.id) === String(executionId) && e.data && !['new', 'running'].includes(e.status);
	return await waitFor(`execution ${executionId} of ${workflowId} to finish`, async () =>
		(await executionsOf(n8n, workflowId)).find(finished),
	);
}

module.exports = {
	OWNER,
	builtNodeTypes,
	workflowsFor,
	ticketWritesWorkflowFor,
	contactTicketWorkflowFor,
	prepareN8n,
	setupOwner,
	rest,
	activateWorkflow,
	deactivateWorkflow,
	runManually,
};
