import type { INodeProperties } from 'n8n-workflow';

import { searchOperation } from '../../../shared/operations';
import { TABLES } from '../../../shared/tables';

/** Zoho's account search criteria (GET /accounts/search) */
const CRITERIA: INodeProperties[] = [
	{ displayName: 'Account Name', name: 'accountName', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Website', name: 'website', type: 'string', default: '' },
];

export const { option, description, execute } = searchOperation(TABLES.accounts, CRITERIA, 'by name, email, phone or website');
