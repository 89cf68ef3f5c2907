import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { connectionProperties, resolveHosts } from '../nodes/core/transport/dataCenters';
import { credentialTest } from '../nodes/core/transport/credentialTest';
import { obtainSelfClientToken } from '../nodes/core/transport/selfClientToken';

export class ZohoDeskSelfClientApi implements ICredentialType {
	name = 'zohoDeskSelfClientApi';

	displayName = 'Zoho Desk Self Client API';

	icon = { light: 'file:../icons/zohoDesk.svg', dark: 'file:../icons/zohoDesk.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-zohodesk/n8n-nodes-zohodesk#3a-self-client-recommended-for-self-hosted-n8n';

	properties: INodeProperties[] = [
		{
			displayName:
				'In the Zoho API Console (api-console.zoho.com, or your data center\'s domain) choose Add Client → Self Client. Copy the Client ID and Client Secret, then on the Generate Code tab enter the scopes, pick a duration and your Desk portal, and paste the code here within that time.',
			name: 'selfClientNotice',
			type: 'notice',
			default: '',
		},
		...connectionProperties,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Generated Code',
			name: 'grantCode',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The one-time code from Self Client → Generate Code (valid 3 to 10 minutes). It is exchanged for a refresh token on first use and then cleared. Paste a new one to reconnect.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Filled in automatically after the code is exchanged. You can also paste a refresh token you already have and leave Generated Code empty.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** n8n calls this when the access token is empty or a request got 401, and stores what it returns. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await obtainSelfClientToken.call(this, credentials, resolveHosts(credentials).accounts);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Zoho-oauthtoken {{$credentials.accessToken}}',
			},
		},
	};

	test = credentialTest;
}
