import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapperMethod, recordPath, TABLES, writeScope } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { fieldsMapper, mappedBody, sourceIdOf, writeOptions } from '../../../core/writeOperations';
import { findContact } from './findContact';
import type { ContactKey } from './findContact';

const table = TABLES.contacts;

/** After a create whose outcome is unknown, how long Zoho gets to finish it before we look for the contact. */
const SETTLE_MS = 2000;

const properties: INodeProperties[] = [
	{
		displayName:
			'Matches an existing contact by Email, else by Phone (only a contact without another email); only when none matches is a contact created. Running the workflow again never makes a second contact.',
		name: 'matchingNotice',
		type: 'notice',
		default: '',
	},
	fieldsMapper(mapperMethod(table, 'create'), 'add'),
	writeOptions,
];

export const option = {
	name: 'Create or Update',
	description: 'Update the contact with the same email (else phone), or create it; returns the contact',
	action: 'Create or update a contact',
};

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

function keyOf(this: IExecuteFunctions, body: IDataObject, itemIndex: number): ContactKey {
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
	const key = { email: text(body.email), phone: text(body.phone) };
	if (!key.email && !key.phone) {
		throw new NodeOperationError(this.getNode(), 'Create or Update needs an Email or a Phone to match on', {
			itemIndex,
			description: 'Map the Email field (or Phone): the contact is matched by it, so that running again does not add a second one.',
		});
	}
	return key;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = await mappedBody.call(this, { module: table.write!.fieldModule }, itemIndex);
	const key = keyOf.call(this, body, itemIndex);
	const sourceId = sourceIdOf.call(this, itemIndex);
	const existing = await findContact.call(this, key, itemIndex);
	if (existing) {
		const contact = await zohoDeskApi.call(this, {
			method: 'PATCH',
			path: recordPath(table, String(existing.id)),
			body,
			itemIndex,
			scope: writeScope(table, 'UPDATE'),
			sourceId,
		});
		return [contact as IDataObject];
	}
	const contact = await zohoDeskApi.call(this, {
		method: 'POST',
		path: table.listPath,
		body,
		itemIndex,
		scope: writeScope(table, 'CREATE'),
		sourceId,
		// The answer was lost: look the contact up before the create may be sent again (the transport resends only
		// when this finds nothing).
		findApplied: async () => {
			await sleep(SETTLE_MS);
			return await findContact.call(this, key, itemIndex);
		},
	});
	return [contact as IDataObject];
}
