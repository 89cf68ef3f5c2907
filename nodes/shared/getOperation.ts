import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOption, includeOption, recordIdLocator } from './descriptions';
import { csv, getRecord } from './records';
import type { TableDescription } from './tables';

/**
 * A table's Get operation: a picker for the record and, where Zoho can embed related records in it, Include.
 * `singular` names the record in the operation's wording ("Get a field").
 */
export function getByIdOperation(table: TableDescription, singular: string = table.resource) {
	const embedsRelated = table.recordInclude.length > 0;
	const properties: INodeProperties[] = [recordIdLocator(table)];
	if (embedsRelated) {
		properties.push({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [includeOption(table.recordInclude, `Related records to embed in the ${singular}`)],
		});
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
