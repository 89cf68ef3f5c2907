import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsForExecution, mappedValues, recordBody } from '../../../core/fields';
import { recordIdLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { recordPath, TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { TICKET_URL_REGEX } from './get.operation';
import { departmentLocator, fieldsMapper, layoutOption, sourceIdOf, writeOptions } from './writeParameters';

const properties: INodeProperties[] = [
	{ ...recordIdLocator(TABLES.tickets, { urlRegex: TICKET_URL_REGEX }), description: 'The ticket to update' },
	departmentLocator('Whose fields to map (the ticket stays in its department; use Move to change it)', false),
	layoutOption,
	fieldsMapper('getTicketUpdateColumns', 'map'),
	writeOptions,
];

export const option = {
	name: 'Update',
	description: 'Change fields of a ticket; returns the updated ticket',
	action: 'Update a ticket',
};

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = recordId.call(this, 'id', itemIndex);
	const department = String(this.getNodeParameter('department', itemIndex, '', { extractValue: true }) ?? '').trim();
	const layoutId = String(this.getNodeParameter('layout', itemIndex, '')).trim() || undefined;
	const fields = await fieldsForExecution.call(this, { module: 'tickets', departmentId: department || undefined, layoutId });
	const body = recordBody(this.getNode(), fields, mappedValues.call(this, 'fields', itemIndex), itemIndex);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'No field to update', {
			itemIndex,
			description: 'Map at least one field, or with Map Automatically give the input item keys named like the fields.',
		});
	}
	const ticket = (await zohoDeskApi.call(this, {
		method: 'PATCH',
		path: recordPath(TABLES.tickets, id),
		body,
		itemIndex,
		scope: 'Desk.tickets.UPDATE',
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject;
	return [ticket];
}
