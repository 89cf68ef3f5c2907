import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ID_PATTERN } from '../../../core/descriptions';
import { csv } from '../../../core/records';
import { zohoDeskApi } from '../../../core/transport';
import { appliedWhen } from './ticketState';
import { sourceIdOf, writeOptions } from '../../../core/writeOperations';

const properties: INodeProperties[] = [
	{
		displayName: 'Ticket IDs',
		name: 'ticketIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1892000000042032, 1892000000042033',
		description: 'One ticket ID, several separated by commas, or an array from an expression',
	},
	writeOptions,
];

export const option = {
	name: 'Close',
	description: 'Close one or many tickets; returns one item per closed ticket ID',
	action: 'Close tickets',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['close'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ids = (csv(this.getNodeParameter('ticketIds', itemIndex)) ?? '').split(',').filter(Boolean);
	const wrong = ids.filter((id) => !new RegExp(ID_PATTERN).test(id));
	if (!ids.length || wrong.length) {
		throw new NodeOperationError(this.getNode(), ids.length ? `Not Zoho Desk IDs: ${wrong.join(', ')}` : 'No ticket ID given', {
			itemIndex,
			description: 'Give ticket IDs (digits only), separated by commas.',
		});
	}
	await zohoDeskApi.call(this, {
		method: 'POST',
		path: '/closeTickets',
		body: { ids },
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
		findApplied: appliedWhen(this, ids, (ticket) => ticket.statusType === 'Closed'),
	});
	return ids.map((id) => ({ id, closed: true }));
}
