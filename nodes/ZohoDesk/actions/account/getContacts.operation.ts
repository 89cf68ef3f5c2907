import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { relatedListProperties } from '../../../core/descriptions';
import { readRelatedList } from '../../../core/records';

const list = TABLES.contacts.relatedTo!.accounts!;

export const option = { name: 'Get Contacts', description: "List an account's contacts", action: "Get an account's contacts" };

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getContacts'] } },
	relatedListProperties(TABLES.accounts, TABLES.contacts, list),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readRelatedList.call(this, list, itemIndex);
}
