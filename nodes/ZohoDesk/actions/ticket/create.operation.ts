import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { mapperMethod, pickerMethod, TABLES, writeScope } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { fieldsMapper, mappedBody, sourceIdOf, writeOptions } from '../../../core/writeOperations';
import { departmentLocator, layoutOption, TICKET_MAPPER_DEPENDS_ON } from './writeParameters';

const properties: INodeProperties[] = [
	departmentLocator('The department the ticket belongs to'),
	{
		displayName: 'Contact',
		name: 'contactBy',
		type: 'options',
		options: [
			{ name: 'By Email (Zoho Finds or Adds the Contact)', value: 'email' },
			{ name: 'Existing Contact', value: 'id' },
		],
		default: 'email',
		description: 'Who the ticket is from',
	},
	{
		...recordLocator({
			name: 'contact',
			displayName: 'Contact',
			searchListMethod: pickerMethod(TABLES.contacts),
			required: true,
			description: 'The contact the ticket is from',
		}),
		displayOptions: { show: { contactBy: ['id'] } },
	},
	{
		displayName: 'Contact Email',
		name: 'contactEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: { contactBy: ['email'] } },
	},
	{
		displayName: 'Contact Last Name',
		name: 'contactLastName',
		type: 'string',
		default: '',
		required: true,
		description: 'Used when Zoho adds the contact',
		displayOptions: { show: { contactBy: ['email'] } },
	},
	{
		displayName: 'Contact First Name',
		name: 'contactFirstName',
		type: 'string',
		default: '',
		displayOptions: { show: { contactBy: ['email'] } },
	},
	layoutOption,
	fieldsMapper(mapperMethod(TABLES.tickets, 'create'), 'add', TICKET_MAPPER_DEPENDS_ON),
	writeOptions,
];

export const option = {
	name: 'Create',
	description: 'Create a ticket; returns the new ticket with its ID and number',
	action: 'Create a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['create'] } }, properties);

function contactOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	if (this.getNodeParameter('contactBy', itemIndex) === 'id') return { contactId: recordId.call(this, 'contact', itemIndex) };
	const contact: IDataObject = {
		email: String(this.getNodeParameter('contactEmail', itemIndex)).trim(),
		lastName: String(this.getNodeParameter('contactLastName', itemIndex)).trim(),
	};
	const firstName = String(this.getNodeParameter('contactFirstName', itemIndex, '')).trim();
	if (firstName) contact.firstName = firstName;
	return { contact };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const departmentId = recordId.call(this, 'department', itemIndex);
	const layoutId = String(this.getNodeParameter('layout', itemIndex, '')).trim() || undefined;
	const body: IDataObject = {
		...(await mappedBody.call(this, { module: 'tickets', departmentId, layoutId }, itemIndex)),
		departmentId,
		...contactOf.call(this, itemIndex),
		...(layoutId ? { layoutId } : {}),
	};
	const ticket = (await zohoDeskApi.call(this, {
		method: 'POST',
		path: '/tickets',
		body,
		itemIndex,
		scope: writeScope(TABLES.tickets, 'CREATE'),
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject;
	return [ticket];
}
