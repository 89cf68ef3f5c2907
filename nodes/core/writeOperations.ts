/**
 * Writes that are the same whatever the table (its `write` description in tables.ts): Create and Update through
 * n8n's resource mapper over Zoho's field metadata, Delete to Zoho's trash, and the parameters every write shares.
 */
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, recordIdLocator } from './descriptions';
import { fieldsForExecution, mappedValues, recordBody } from './fields';
import type { FieldSource } from './fields';
import { recordId } from './records';
import { mapperMethod, recordPath, writeScope } from './tables';
import type { TableDescription } from './tables';
import { zohoDeskApi } from './transport';
import { ignoringZohoErrors } from './transport/errors';

/**
 * n8n's resource mapper over Zoho's fields of a module: custom fields go to `cf` by their API names.
 * `dependsOn`: the parameters whose value changes the columns (a ticket's department and layout).
 */
export function fieldsMapper(resourceMapperMethod: string, mode: 'add' | 'map', dependsOn: string[] = []): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			...(dependsOn.length ? { loadOptionsDependsOn: dependsOn } : {}),
			resourceMapper: {
				resourceMapperMethod,
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: mode === 'add',
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}

/** Every write's Source ID option (read with sourceIdOf). */
export const sourceIdOption: INodeProperties = {
	displayName: 'Source ID',
	name: 'sourceId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 49ad222a-f812-11e7-8c3f-9a214cf093ae',
	description:
		'A UUID to tag this change with: a Zoho Desk Trigger whose "Ignore Changes Made With Source ID" is the same UUID is not told of it, so a workflow does not trigger itself',
};

export const writeOptions: INodeProperties = optionsCollection([sourceIdOption]);

/** The write options of one item. */
export function sourceIdOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sourceId = String(options.sourceId ?? '').trim();
	return sourceId || undefined;
}

/** The body of a create or update: the item's values mapped to the fields of `source` (custom fields under `cf`). */
export async function mappedBody(this: IExecuteFunctions, source: FieldSource, itemIndex: number): Promise<IDataObject> {
	const fields = await fieldsForExecution.call(this, source);
	return recordBody(this.getNode(), fields, mappedValues.call(this, 'fields', itemIndex), itemIndex);
}

/** An update body must change something. */
export function assertChanges(this: IExecuteFunctions, body: IDataObject, itemIndex: number): void {
	if (Object.keys(body).length) return;
	throw new NodeOperationError(this.getNode(), 'No field to update', {
		itemIndex,
		description: 'Map at least one field, or with Map Automatically give the input item keys named like the fields.',
	});
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** A table's Create: its fields mapped from the item; returns the new record with its ID. */
export function createOperation(table: TableDescription) {
	const singular = table.resource;
	return {
		option: { name: 'Create', description: `Create ${article(singular)} ${singular}; returns the new ${singular} with its ID`, action: `Create ${article(singular)} ${singular}` },
		description: updateDisplayOptions({ show: { resource: [table.resource], operation: ['create'] } }, [
			fieldsMapper(mapperMethod(table, 'create'), 'add'),
			writeOptions,
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const body = await mappedBody.call(this, { module: table.write!.fieldModule }, itemIndex);
			const record = (await zohoDeskApi.call(this, {
				method: 'POST',
				path: table.listPath,
				body,
				itemIndex,
				scope: writeScope(table, 'CREATE'),
				sourceId: sourceIdOf.call(this, itemIndex),
			})) as IDataObject;
			return [record];
		},
	};
}

/** A table's Update: the mapped fields only (every column optional); returns the updated record. */
export function updateOperation(table: TableDescription) {
	const singular = table.resource;
	return {
		option: { name: 'Update', description: `Change fields of ${article(singular)} ${singular}; returns the updated ${singular}`, action: `Update ${article(singular)} ${singular}` },
		description: updateDisplayOptions({ show: { resource: [table.resource], operation: ['update'] } }, [
			{ ...recordIdLocator(table), description: `The ${singular} to update` },
			fieldsMapper(mapperMethod(table, 'update'), 'map'),
			writeOptions,
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const id = recordId.call(this, 'id', itemIndex);
			const body = await mappedBody.call(this, { module: table.write!.fieldModule }, itemIndex);
			assertChanges.call(this, body, itemIndex);
			const record = (await zohoDeskApi.call(this, {
				method: 'PATCH',
				path: recordPath(table, id),
				body,
				itemIndex,
				scope: writeScope(table, 'UPDATE'),
				sourceId: sourceIdOf.call(this, itemIndex),
			})) as IDataObject;
			return [record];
		},
	};
}

/**
 * Whether a record is in the trash, read back after a move-to-trash whose answer was lost (transport `findApplied`):
 * `{}` when it is (Zoho no longer serves it, or marks it trashed or deleted), undefined when it is not.
 */
function trashedCheck(ctx: IExecuteFunctions, table: TableDescription, id: string): () => Promise<IDataObject | undefined> {
	return async () => {
		const read = async () => ((await zohoDeskApi.call(ctx, { path: recordPath(table, id) })) ?? {}) as IDataObject;
		const record = await ignoringZohoErrors(['URL_NOT_FOUND'], read);
		if (record === undefined) return {};
		return record.isTrashed === true || record.isDeleted === true ? {} : undefined;
	};
}

/** A table's Delete: moves the record to Zoho's trash (its Recycle Bin); returns `{id, trashed: true}`. */
export function trashOperation(table: TableDescription, options: { urlRegex?: string; kept?: string } = {}) {
	const singular = table.resource;
	const kept = options.kept ? ` (${options.kept})` : '';
	return {
		option: { name: 'Delete', description: `Move ${article(singular)} ${singular} to the trash${kept}; returns its ID`, action: `Delete ${article(singular)} ${singular}` },
		description: updateDisplayOptions({ show: { resource: [table.resource], operation: ['delete'] } }, [
			{ ...recordIdLocator(table, { urlRegex: options.urlRegex }), description: `The ${singular} to move to the trash` },
			writeOptions,
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const id = recordId.call(this, 'id', itemIndex);
			const { path, idsKey } = table.write!.trash;
			await zohoDeskApi.call(this, {
				method: 'POST',
				path,
				body: { [idsKey]: [id] },
				itemIndex,
				scope: writeScope(table, 'DELETE'),
				sourceId: sourceIdOf.call(this, itemIndex),
				findApplied: trashedCheck(this, table, id),
			});
			return [{ id, trashed: true }];
		},
	};
}
