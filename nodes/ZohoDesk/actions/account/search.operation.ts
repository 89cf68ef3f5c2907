import type { INodeProperties } from 'n8n-workflow';

import { searchOperation } from '../../../core/operations';
import { TABLES } from '../../../core/tables';

/** Zoho's account search criteria (GET /accounts/search) */
const CRITERIA: INodeProperties[] = [
	{ displayName: 'Account Name', name: 'accountName', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Website', name: 'website', type: 'string', default: '' },
];

export const { option, description, execute } = searchOperation(TABLES.accounts, CRITERIA, 'by name, email, phone or website');
