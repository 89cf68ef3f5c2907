'use strict';
// What "it works in n8n" means, checked on n8n's own output: run data of `n8n execute` and executions that the
// server saved in its database.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { READ_NODES, WRITE_NODES, WRITE_CUSTOM_FIELD, WRITE_CONVERSATION, CONTACT_NODES, CONTACT_WORKFLOW } = require('./fixtures');
const { executionsOf } = require('./lib/db');
const { waitFor } = require('./lib/util');

/** The JSON items a node produced in a run (first run of the node, main output 0). */
function nodeItems(runData, nodeName) {
	const run = runData?.[nodeName]?.[0];
	if (!run) throw new Error(`node "${nodeName}" did not run`);
	if (run.error) throw new Error(`node "${nodeName}" failed: ${run.error.message}`);
	return (run.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Ids must reach n8n as the exact strings Zoho sent: a Number() on the way would round 19-digit ids. */
function assertSameIds(label, actual, expected) {
	const wrong = actual.filter((id) => typeof id !== 'string' || !/^[0-9]+$/.test(id));
	assert.equal(wrong.length, 0, `${label}: ids that are not digit strings: ${wrong.slice(0, 3).map(String).join(', ')}`);
	assert.equal(new Set(actual).size, actual.length, `${label}: duplicate ids in n8n's output`);
	assert.deepEqual([...actual].sort(), [...expected].sort(), `${label}: ids differ from the simulator's`);
}

/** Each table read in full by its node (`nodeNames`: table → node) has the simulator's ids; returns a summary. */
function checkTableIds(runData, expected, nodeNames) {
	const summary = [];
	for (const [table, nodeName] of Object.entries(nodeNames).filter(([table]) => expected[table])) {
		const ids = nodeItems(runData, nodeName).map((record) => record.id);
		assertSameIds(table, ids, expected[table].map((record) => record.id));
		summary.push(`${table} ${ids.length}`);
	}
	return summary.join(', ');
}

/** The read workflow's run against what the simulator serves; returns a one-line summary. */
function checkReadRun(run, expected, orgId) {
	const runData = run?.data?.resultData?.runData;
	const tables = checkTableIds(runData, expected, READ_NODES);
	const orgIds = nodeItems(runData, READ_NODES.organizations).map((org) => org.id);
	assert.ok(orgIds.includes(orgId), `organizations ${orgIds.join(', ')} lack the portal ${orgId}`);
	const [{ count }] = nodeItems(runData, READ_NODES.ticketCount);
	assert.equal(count, expected.tickets.length, 'ticket count differs from the number of tickets listed');
	const listed = nodeItems(runData, READ_NODES.firstTickets);
	const fetched = nodeItems(runData, READ_NODES.ticketById);
	assert.deepEqual(fetched.map((t) => t.id), listed.map((t) => t.id), 'Ticket By ID did not fetch the listed tickets');
	assert.deepEqual(fetched.map((t) => t.subject), listed.map((t) => t.subject), 'Ticket By ID returned other tickets');
	return `${tables}; count ${count}; get-by-id ${fetched.length}`;
}

/**
 * The ticket-writes workflow's conversation steps: the private comment and the HTML reply with cc as n8n output them
 * and as the simulator stores them (`conversation`: the simulator's threads and comments of a ticket), and the
 * threads read back with their content, the reply among them. Returns the comment and reply ids.
 */
function checkConversation(runData, ticketId, conversation) {
	const [comment] = nodeItems(runData, WRITE_NODES.comment);
	assert.equal(typeof comment?.id, 'string', `Add Private Comment output ${JSON.stringify(comment)?.slice(0, 300)}`);
	assert.equal(comment.isPublic, false, 'the comment is not private');
	assert.equal(comment.content, WRITE_CONVERSATION.comment, 'the comment (with its @mention) did not pass through unchanged');
	const [reply] = nodeItems(runData, WRITE_NODES.reply);
	assert.equal(typeof reply?.id, 'string', `Send Reply output ${JSON.stringify(reply)?.slice(0, 300)}`);
	const stored = conversation(ticketId);
	assert.ok(stored.comments.some((c) => c.id === comment.id && c.isPublic === false), 'the comment is not in Zoho Desk');
	const sent = stored.threads.find((t) => t.id === reply.id);
	assert.ok(sent, 'the reply is not a thread in Zoho Desk');
	assert.deepEqual(
		{ content: sent.content, contentType: sent.contentType, cc: sent.cc, status: sent.status },
		{ content: WRITE_CONVERSATION.reply, contentType: 'text/html', cc: WRITE_CONVERSATION.cc, status: 'SUCCESS' },
	);
	const threads = nodeItems(runData, WRITE_NODES.threads);
	assert.deepEqual(threads.map((t) => t.id), stored.threads.map((t) => t.id), 'Read Threads did not return every thread, oldest first');
	assert.ok(threads.every((t) => typeof t.content === 'string' && t.content.length > 0), 'a thread came back without its content');
	const readBack = threads.find((t) => t.id === reply.id);
	assert.equal(readBack.content, WRITE_CONVERSATION.reply);
	assert.equal(readBack.plainText, WRITE_CONVERSATION.replyText);
	return { commentId: comment.id, replyId: reply.id, threads: threads.length };
}

/**
 * The ticket-writes workflow's run: the ticket it created (a digit-string id, the custom field as mapped) is closed
 * and in the trash in the simulator (`stored`: the simulator's view of a ticket). Returns the ticket id.
 */
function checkTicketWrites(runData, stored) {
	const [created] = nodeItems(runData, WRITE_NODES.create);
	assert.match(String(created?.id), /^[0-9]+$/, `Create Ticket output ${JSON.stringify(created)?.slice(0, 300)}`);
	assert.equal(typeof created.id, 'string', 'the created ticket id is not a string');
	assert.deepEqual(nodeItems(runData, WRITE_NODES.close), [{ id: created.id, closed: true }]);
	assert.deepEqual(nodeItems(runData, WRITE_NODES.trash), [{ id: created.id, trashed: true }]);
	const ticket = stored(created.id);
	for (const [field, value] of Object.entries(WRITE_CUSTOM_FIELD)) assert.equal(ticket.cf?.[field], value, `${field} in Zoho Desk`);
	assert.equal(ticket.statusType, 'Closed', 'the ticket is not closed in Zoho Desk');
	assert.equal(ticket.isTrashed, true, 'the ticket is not in the trash in Zoho Desk');
	return created.id;
}

/**
 * One run of the contact-ticket workflow: the contact found or created (a digit-string id, the mapped email and custom
 * field), the ticket made for it (`stored`: the simulator's view of a ticket), the file uploaded from binary data
 * and downloaded, whose text read back equals the text it was made from (the bytes survived). Returns the ids.
 */
function checkContactTicket(runData, stored) {
	const [contact] = nodeItems(runData, CONTACT_NODES.contact);
	assert.equal(typeof contact?.id, 'string', `Find or Create Contact output ${JSON.stringify(contact)?.slice(0, 300)}`);
	assert.equal(contact.email, CONTACT_WORKFLOW.email);
	assert.equal(contact.cf?.cf_preferred_channel, 'Email', 'the custom field did not reach Zoho Desk');
	const [ticket] = nodeItems(runData, CONTACT_NODES.ticket);
	assert.equal(typeof ticket?.id, 'string', `Ticket for Contact output ${JSON.stringify(ticket)?.slice(0, 300)}`);
	assert.equal(stored(ticket.id).contactId, contact.id, "the ticket is not the contact's in Zoho Desk");
	const [uploaded] = nodeItems(runData, CONTACT_NODES.upload);
	const [downloaded] = nodeItems(runData, CONTACT_NODES.download);
	const [read] = nodeItems(runData, CONTACT_NODES.read);
	const bytes = Buffer.byteLength(CONTACT_WORKFLOW.subject);
	assert.equal(typeof uploaded?.id, 'string', `Upload Attachment output ${JSON.stringify(uploaded)?.slice(0, 300)}`);
	assert.equal(uploaded.name, CONTACT_WORKFLOW.fileName, "the upload lost the binary data's file name");
	assert.equal(Number(uploaded.size), bytes, 'Zoho Desk holds another size than the file uploaded');
	assert.deepEqual(
		{ fileName: downloaded.fileName, size: downloaded.size },
		{ fileName: CONTACT_WORKFLOW.fileName, size: bytes },
		'the download is not the uploaded file',
	);
	assert.equal(read?.text, CONTACT_WORKFLOW.subject, 'the downloaded bytes differ from those uploaded');
	return { contactId: contact.id, ticketId: ticket.id, attachmentId: uploaded.id, bytes };
}

/**
 * The authorization URL n8n built from the OAuth2 credential: the data centre's accounts server (so the credential's
 * `$self` expressions resolved), the client, the callback, the scopes, and what Zoho needs for a refresh token.
 */
function checkAuthorizationUrl(url, { accountsUrl, clientId, redirectUri, scopes }) {
	assert.equal(`${url.origin}${url.pathname}`, `${accountsUrl}/oauth/v2/auth`, `authorization URL ${url}`);
	const query = Object.fromEntries(url.searchParams);
	assert.equal(query.client_id, clientId, 'client_id');
	assert.equal(query.redirect_uri, redirectUri, 'redirect_uri');
	assert.equal(query.response_type, 'code', 'response_type');
	assert.equal(query.access_type, 'offline', 'without access_type=offline Zoho issues no refresh token');
	assert.equal(query.prompt, 'consent', 'without prompt=consent a reconnect gets no refresh token');
	assert.deepEqual(query.scope?.split(/[ ,]/), scopes.split(','), 'scope');
	assert.ok(query.state, 'no state');
	return query;
}

/** Where Zoho's consent sends the browser: n8n's callback with the code, n8n's state, and Zoho's location. */
function checkConsentRedirect(redirect, { callbackUrl, state, accountsUrl }) {
	assert.equal(`${redirect.origin}${redirect.pathname}`, callbackUrl, `redirect ${redirect}`);
	const query = Object.fromEntries(redirect.searchParams);
	assert.ok(!query.error, `the consent answered error=${query.error}`);
	assert.ok(query.code, 'no code');
	assert.equal(query.state, state, 'state');
	assert.ok(query.location, 'no location');
	assert.equal(query['accounts-server'], accountsUrl, 'accounts-server');
}

/** The items a trigger node emitted in a saved execution. */
const triggerOutput = (execution, nodeName) => nodeItems(execution.data?.resultData?.runData, nodeName);

/** Waits for a saved execution newer than `afterId` whose trigger output satisfies `match`. */
async function waitForExecution(n8n, { workflowId, nodeName, afterId = 0, match, timeoutMs = 30_000, what }) {
	return await waitFor(
		what,
		async () => {
			const executions = (await executionsOf(n8n, workflowId)).filter((e) => Number(e.id) > afterId);
			return executions.find((e) => e.data && e.status !== 'running' && triggerOutput(e, nodeName).some(match));
		},
		{ timeoutMs, intervalMs: 500 },
	);
}

const lastExecutionId = async (n8n, workflowId) => Math.max(0, ...(await executionsOf(n8n, workflowId)).map((e) => Number(e.id)));

/**
 * An X-ZDesk-JWT that looks like Zoho's in every way (alg, kid, issuer, audience, times) but is signed with a key
 * Zoho does not have.
 */
function forgedJwt({ kid, orgId, webhookId }) {
	const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
	const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const iat = Math.floor(Date.now() / 1000);
	const input = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part({ iss: `orgId:${orgId}`, aud: `webhookId:${webhookId}`, iat, exp: iat + 300 })}`;
	return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

module.exports = {
	checkTableIds,
	checkTicketWrites,
	checkConversation,
	checkContactTicket,
	checkReadRun,
	checkAuthorizationUrl,
	checkConsentRedirect,
	triggerOutput,
	waitForExecution,
	lastExecutionId,
	forgedJwt,
};
