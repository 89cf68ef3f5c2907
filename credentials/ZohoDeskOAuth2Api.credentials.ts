import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { connectionProperties, hostExpression } from '../nodes/core/transport/dataCenters';
import { credentialTest } from '../nodes/core/transport/credentialTest';

/** Least privilege: each scope is needed by an operation, checked against the `security` of Zoho's OpenAPI spec (README, Scopes). */
export const DEFAULT_SCOPES = [
	'Desk.tickets.READ',
	'Desk.tickets.CREATE',
	'Desk.tickets.UPDATE',
	'Desk.tickets.DELETE',
	'Desk.search.READ',
	'Desk.basic.READ',
	'Desk.basic.CREATE',
	'Desk.settings.READ',
	'Desk.products.READ',
	'Desk.fields.READ',
	'Desk.contacts.READ',
	'Desk.contacts.CREATE',
	'Desk.contacts.UPDATE',
	'Desk.contacts.DELETE',
	'Desk.webhooks.READ',
	'Desk.webhooks.CREATE',
	'Desk.webhooks.DELETE',
].join(',');

export class ZohoDeskOAuth2Api implements ICredentialType {
	name = 'zohoDeskOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho Desk OAuth2 API';

	icon = { light: 'file:../icons/zohoDesk.svg', dark: 'file:../icons/zohoDesk.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-zohodesk/n8n-nodes-zohodesk#3b-oauth2-server-based-application';

	// n8n lists an extending credential's own fields after the inherited OAuth2 ones (Client ID, Secret, Scope), so
	// the notice that the Self Client form shows first comes here, right above Data Center and Organization ID.
	properties: INodeProperties[] = [
		{
			displayName:
				'Zoho Desk: in the Zoho API Console (api-console.zoho.com) choose Add Client → Server-based Applications, enter the OAuth Redirect URL above as Authorized Redirect URI, and enable Multi-DC if your account is outside the US. Paste the Client ID and Secret above, pick your data center and organization below, then click Connect my account.',
			name: 'oAuth2Notice',
			type: 'notice',
			default: '',
		},
		...connectionProperties,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: hostExpression('$self', 'accounts', '/oauth/v2/auth'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: hostExpression('$self', 'accounts', '/oauth/v2/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES,
			description:
				'Comma-separated Zoho Desk scopes. The default reads the five tables, writes tickets and manages webhooks. n8n 2.x asks Zoho for what you enter here; n8n 1.x always asks for the default.',
		},
		{
			// offline + consent: Zoho only returns a refresh token with both, also when re-connecting.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline&prompt=consent',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test = credentialTest;
}
