import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdLocator } from '../../../core/descriptions';
import { recordId } from '../../../core/records';
import { mapperMethod, recordPath, TABLES, writeScope } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { TICKET_URL_REGEX } from './get.operation';
import { assertChanges, fieldsMapper, mappedBody, sourceIdOf, writeOptions } from '../../../core/writeOperations';
import { departmentLocator, layoutOption, TICKET_MAPPER_DEPENDS_ON } from './writeParameters';

const properties: INodeProperties[] = [
	{ ...recordIdLocator(TABLES.tickets, { urlRegex: TICKET_URL_REGEX }), description: 'The ticket to update' },
	departmentLocator('Whose fields to map (the ticket stays in its department; use Move to change it)', false),
	layoutOption,
	fieldsMapper(mapperMethod(TABLES.tickets, 'update'), 'map', TICKET_MAPPER_DEPENDS_ON),
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
	const body = await mappedBody.call(this, { module: 'tickets', departmentId: department || undefined, layoutId }, itemIndex);
	assertChanges.call(this, body, itemIndex);
	const ticket = (await zohoDeskApi.call(this, {
		method: 'PATCH',
		path: recordPath(TABLES.tickets, id),
		body,
		itemIndex,
		scope: writeScope(TABLES.tickets, 'UPDATE'),
		sourceId: sourceIdOf.call(this, itemIndex),
	})) as IDataObject;
	return [ticket];
}
