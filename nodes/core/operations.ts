import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOption, includeOption, recordIdLocator, returnAllProperties, optionsCollection } from './descriptions';
import { csv, getRecord, searchRecords } from './records';
import type { TableDescription } from './tables';

/** Operations that read a table the same way whatever the table: built once from its description. */

/**
 * A table's Get operation: a picker for the record and, where Zoho can embed related records in it, Include.
 * `singular` names the record in the operation's wording ("Get a field").
 */
export function getByIdOperation(table: TableDescription, singular: string = table.resource) {
	const embedsRelated = table.recordInclude.length > 0;
	const properties: INodeProperties[] = [recordIdLocator(table)];
	if (embedsRelated) {
		properties.push(
			optionsCollection([includeOption(table.recordInclude, `Related records to embed in the ${singular}`)]),
		);
	}
	return {
		option: getOption(singular),
		description: updateDisplayOptions({ show: { resource: [table.resource], operation: ['get'] } }, properties),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			if (!embedsRelated) return await getRecord.call(this, table, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return await getRecord.call(this, table, itemIndex, { include: csv(options.include) });
		},
	};
}

/**
 * A table's Search operation over Zoho's `/<table>/search`: free text plus the table's criteria (a value ending in *
 * matches as a prefix). `summary` says what the criteria find, e.g. "by email, phone or name".
 */
export function searchOperation(table: TableDescription, criteria: INodeProperties[], summary: string) {
	const search = table.search!;
	const plural = `${table.resource}s`;
	return {
		option: { name: 'Search', description: `Find ${plural} ${summary}`, action: `Search ${plural}` },
		description: updateDisplayOptions({ show: { resource: [table.resource], operation: ['search'] } }, [
			{
				displayName: 'Search Text',
				name: 'searchText',
				type: 'string',
				default: '',
				description: `Words to find anywhere in the ${table.resource}. Leave empty to match on the criteria only.`,
			},
			{
				displayName: 'Criteria',
				name: 'criteria',
				type: 'collection',
				placeholder: 'Add Criterion',
				default: {},
				options: criteria,
			},
			...returnAllProperties(search.maxFrom + search.pageSize),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
			const text = String(this.getNodeParameter('searchText', itemIndex, '')).trim();
			const filters = this.getNodeParameter('criteria', itemIndex, {}) as IDataObject;
			return await searchRecords.call(this, table, { _all: text, ...filters }, itemIndex);
		},
	};
}
