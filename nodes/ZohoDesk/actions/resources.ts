import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../core/descriptions';
import type { Operation } from './node.type';
import * as account from './account/Account.resource';
import * as contact from './contact/Contact.resource';
import * as contract from './contract/Contract.resource';
import * as department from './department/Department.resource';
import * as organization from './organization/Organization.resource';
import * as organizationField from './organizationField/OrganizationField.resource';
import * as product from './product/Product.resource';
import * as ticket from './ticket/Ticket.resource';

interface Resource<Operations extends Record<string, Operation>> {
	/** Its name in the Resource selector */
	name: string;
	operations: Operations;
}

const resource = <Operations extends Record<string, Operation>>(name: string, operations: Operations): Resource<Operations> => ({
	name,
	operations,
});

/** Every resource of the action node, keyed by its `resource` parameter value. */
export const resources = {
	account: resource('Account', account),
	contact: resource('Contact', contact),
	contract: resource('Contract', contract),
	department: resource('Department', department),
	organization: resource('Organization', organization),
	organizationField: resource('Organization Field', organizationField),
	product: resource('Product', product),
	ticket: resource('Ticket', ticket),
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The Resource selector, then each resource's Operation selector and its operations' parameters. */
export const resourceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: Object.entries(resources)
			.map(([value, { name }]) => ({ name, value }))
			.sort(byName),
		default: 'ticket',
	},
	...Object.entries(resources).flatMap(([value, { operations }]) => {
		const entries = Object.entries(operations as Record<string, Operation>);
		const names = entries.map(([name]) => name);
		return [
			operationSelector(
				value,
				entries.map(([name, operation]) => ({ ...operation.option, value: name })).sort(byName),
				names.includes('getMany') ? 'getMany' : names[0],
			),
			...entries.flatMap(([, operation]) => operation.description),
		];
	}),
];
