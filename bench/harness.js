'use strict';
/**
 * What the benches' child processes share: our TypeScript sources loaded as the tests load them, n8n's engine from
 * the test harness, and the Self Client credential for the simulator the parent process started.
 */
const path = require('node:path');
require('./tsRequire');
const { CredentialStore, executeNode } = require(path.join(__dirname, '..', 'test/harness/index.ts'));

/** The credentials a child runs the node with: a Self Client of the simulator at `job.url`. */
function simulatorCredentials(job) {
	return new CredentialStore({
		zohoDeskSelfClientApi: {
			dataCenter: 'custom',
			customAccountsUrl: job.url,
			customDeskUrl: job.url,
			orgId: job.orgId,
			clientId: job.clientId,
			clientSecret: job.clientSecret,
			grantCode: job.grantCode,
		},
	});
}

module.exports = { executeNode, simulatorCredentials };
