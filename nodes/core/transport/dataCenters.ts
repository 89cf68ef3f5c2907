import type { ICredentialDataDecryptedObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The one table of Zoho data centres. A token only works on the Desk host of the data centre whose accounts
 * server issued it, so both hosts always come from the same row. Sources: zoho.com/accounts multi-dc docs.
 */
export const DATA_CENTERS = {
	us: { label: 'United States (zoho.com)', accounts: 'https://accounts.zoho.com', desk: 'https://desk.zoho.com' },
	eu: { label: 'Europe (zoho.eu)', accounts: 'https://accounts.zoho.eu', desk: 'https://desk.zoho.eu' },
	in: { label: 'India (zoho.in)', accounts: 'https://accounts.zoho.in', desk: 'https://desk.zoho.in' },
	au: { label: 'Australia (zoho.com.au)', accounts: 'https://accounts.zoho.com.au', desk: 'https://desk.zoho.com.au' },
	jp: { label: 'Japan (zoho.jp)', accounts: 'https://accounts.zoho.jp', desk: 'https://desk.zoho.jp' },
	ca: { label: 'Canada (zohocloud.ca)', accounts: 'https://accounts.zohocloud.ca', desk: 'https://desk.zohocloud.ca' },
	cn: { label: 'China (zoho.com.cn)', accounts: 'https://accounts.zoho.com.cn', desk: 'https://desk.zoho.com.cn' },
	sa: { label: 'Saudi Arabia (zoho.sa)', accounts: 'https://accounts.zoho.sa', desk: 'https://desk.zoho.sa' },
} as const;

export type DataCenterKey = keyof typeof DATA_CENTERS | 'custom';

export interface ZohoHosts {
	/** e.g. https://accounts.zoho.eu (no trailing slash) */
	accounts: string;
	/** e.g. https://desk.zoho.eu (no trailing slash; the API lives under /api/v1) */
	desk: string;
}

export const dataCenterOptions: INodePropertyOptions[] = [
	...Object.entries(DATA_CENTERS).map(([value, dc]) => ({ name: dc.label, value })),
	{ name: 'Custom (Enter URLs)', value: 'custom' },
];

const trimSlash = (url: string) => url.trim().replace(/\/+$/, '');

/** Accounts and Desk hosts of a credential, from its data centre or its custom URLs. */
export function resolveHosts(credentials: ICredentialDataDecryptedObject): ZohoHosts {
	const key = (credentials.dataCenter as DataCenterKey | undefined) ?? 'us';
	if (key === 'custom') {
		return {
			accounts: trimSlash(String(credentials.customAccountsUrl ?? '')),
			desk: trimSlash(String(credentials.customDeskUrl ?? '')),
		};
	}
	const dc = DATA_CENTERS[key] ?? DATA_CENTERS.us;
	return { accounts: dc.accounts, desk: dc.desk };
}

/**
 * An n8n expression resolving a credential's accounts or Desk host, for credential fields that cannot run code
 * (OAuth2 URLs, the credential test). Built from DATA_CENTERS so the table stays the only source of hosts.
 * `scope` is `$self` inside credential properties and `$credentials` inside the credential test.
 */
export function hostExpression(scope: '$self' | '$credentials', kind: keyof ZohoHosts, path: string): string {
	const hosts = Object.fromEntries(Object.entries(DATA_CENTERS).map(([key, dc]) => [key, dc[kind]]));
	const customField = kind === 'accounts' ? 'customAccountsUrl' : 'customDeskUrl';
	return `={{ (${scope}["dataCenter"] === "custom" ? String(${scope}["${customField}"]).trim().replace(/\\/+$/, "") : ${JSON.stringify(hosts)}[${scope}["dataCenter"]]) + "${path}" }}`;
}

/** The fields both credentials share: where the portal lives and which organization to read. */
export const connectionProperties: INodeProperties[] = [
	{
		displayName: 'Data Center',
		name: 'dataCenter',
		type: 'options',
		options: dataCenterOptions,
		default: 'us',
		description:
			'Where your Zoho account lives: the domain you see when you sign in (desk.zoho.eu means Europe). Tokens only work in the data center that issued them.',
	},
	{
		displayName: 'Accounts Server URL',
		name: 'customAccountsUrl',
		type: 'string',
		default: '',
		placeholder: 'https://accounts.zoho.uk',
		required: true,
		displayOptions: { show: { dataCenter: ['custom'] } },
		description: 'The Zoho accounts server of your data center (for data centers not in the list, or a local Zoho Desk simulator)',
	},
	{
		displayName: 'Desk URL',
		name: 'customDeskUrl',
		type: 'string',
		default: '',
		placeholder: 'https://desk.zoho.uk',
		required: true,
		displayOptions: { show: { dataCenter: ['custom'] } },
		description: 'The Zoho Desk host of the same data center, without /api/v1',
	},
	{
		displayName: 'Organization ID',
		name: 'orgId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '649720812',
		description:
			'Your Desk portal\'s organization ID: in Zoho Desk, Setup → Developer Space → API → Zoho Service Communication (ZSC) Key → orgId',
	},
	{
		displayName: 'Webhook Secret Token',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Only for the Zoho Desk Trigger in Manual mode with a workflow rule: at least 16 random characters (e.g. the output of `openssl rand -hex 24`). The rule sends it as ?token= in the URL; callers that can set headers send it as X-Webhook-Secret.',
	},
];
