import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { relatedListProperties } from '../../../core/descriptions';
import { readRelatedList } from '../../../core/records';

const list = TABLES.tickets.relatedTo!.accounts!;

export const option = { name: 'Get Tickets', description: "List an account's tickets", action: "Get an account's tickets" };

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getTickets'] } },
	relatedListProperties(TABLES.accounts, TABLES.tickets, list),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readRelatedList.call(this, list, itemIndex);
}
