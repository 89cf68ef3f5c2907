import type { INodeProperties } from 'n8n-workflow';

import { searchOperation } from '../../../core/operations';
import { TABLES } from '../../../core/tables';

/** Zoho's contact search criteria (GET /contacts/search) */
const CRITERIA: INodeProperties[] = [
	{ displayName: 'Account Name', name: 'accountName', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Full Name', name: 'fullName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
];

export const { option, description, execute } = searchOperation(TABLES.contacts, CRITERIA, 'by email, phone or name');
