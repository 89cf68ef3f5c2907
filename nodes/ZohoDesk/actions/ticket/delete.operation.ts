import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { TICKET_URL_REGEX } from './get.operation';
import { appliedWhen } from './ticketState';
import { sourceIdOf, writeOptions } from './writeParameters';

const properties: INodeProperties[] = [
	{ ...recordIdLocator(TABLES.tickets, { urlRegex: TICKET_URL_REGEX }), description: 'The ticket to move to the trash' },
	writeOptions,
];

export const option = {
	name: 'Delete',
	description: 'Move a ticket to the trash (Zoho keeps it 60 days); returns its ID',
	action: 'Delete a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = recordId.call(this, 'id', itemIndex);
	await zohoDeskApi.call(this, {
		method: 'POST',
		path: '/tickets/moveToTrash',
		body: { ticketIds: [id] },
		itemIndex,
		scope: 'Desk.tickets.DELETE',
		sourceId: sourceIdOf.call(this, itemIndex),
		findApplied: appliedWhen(this, [id], (ticket) => ticket.isTrashed === true),
	});
	return [{ id, trashed: true }];
}
