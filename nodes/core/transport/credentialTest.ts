import type { IAuthenticateRuleResponseCode, ICredentialTestRequest } from 'n8n-workflow';

import { hostExpression } from './dataCenters';

/** Credential-test messages per status: the test has no code, so each status names the likely wrong setting. */
const credentialTestRules: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Zoho Desk rejected the token: a wrong data center (a token only works in the data center that issued it) or a revoked token. Pick the data center you sign in to, and paste a new Generated Code or reconnect.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'The token works but not for this: the Organization ID is not the portal the token was authorized for (OAUTH_ORG_MISMATCH), a scope is missing (SCOPE_MISMATCH: include Desk.basic.READ and the scopes in the README), or the user lacks permission.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: 'The Desk host has no API here: check the data center or the custom Desk URL.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 422,
			message: 'Zoho Desk rejected the Organization ID: use the numeric orgId from Setup → Developer Space → API.',
		},
	},
];

/**
 * Both credentials' test: departments need only Desk.basic.READ and the orgId, so one cheap call proves token,
 * data center and organization together.
 */
export const credentialTest: ICredentialTestRequest = {
	request: {
		url: hostExpression('$credentials', 'desk', '/api/v1/departments'),
		qs: { limit: 1 },
		headers: { orgId: '={{$credentials.orgId}}' },
	},
	rules: credentialTestRules,
};
