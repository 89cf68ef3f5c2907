import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { relatedListProperties } from '../../../core/descriptions';
import { readRelatedList } from '../../../core/records';

const list = TABLES.tickets.relatedTo!.contacts!;

export const option = { name: 'Get Tickets', description: "List a contact's tickets", action: "Get a contact's tickets" };

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getTickets'] } },
	relatedListProperties(TABLES.contacts, TABLES.tickets, list),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readRelatedList.call(this, list, itemIndex);
}
