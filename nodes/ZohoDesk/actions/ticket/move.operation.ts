import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { recordPath, TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { TICKET_URL_REGEX } from './get.operation';
import { appliedWhen } from './ticketState';
import { sourceIdOf, writeOptions } from '../../../core/writeOperations';
import { departmentLocator } from './writeParameters';

const properties: INodeProperties[] = [
	{ ...recordIdLocator(TABLES.tickets, { urlRegex: TICKET_URL_REGEX }), description: 'The ticket to move' },
	departmentLocator('The department to move the ticket to'),
	writeOptions,
];

export const option = {
	name: 'Move',
	description: 'Move a ticket to another department; returns the moved ticket',
	action: 'Move a ticket to another department',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['move'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = recordId.call(this, 'id', itemIndex);
	const departmentId = recordId.call(this, 'department', itemIndex);
	await zohoDeskApi.call(this, {
		method: 'POST',
		path: `${recordPath(TABLES.tickets, id)}/move`,
		qs: { departmentId },
		body: { departmentId },
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
		findApplied: appliedWhen(this, [id], (ticket) => String(ticket.departmentId) === departmentId),
	});
	// Zoho answers the move with no body: read the ticket as it is now.
	const ticket = (await zohoDeskApi.call(this, { path: recordPath(TABLES.tickets, id), itemIndex })) as IDataObject;
	return [ticket];
}
