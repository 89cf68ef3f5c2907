import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../shared/tables';
import { readPages } from '../../../shared/sync';
import { returnAllProperties, sortOptions } from '../../../shared/descriptions';
import { compact } from '../../../shared/query';
import { sortParam } from '../../../shared/records';
import { searchFilterProperties, searchQuery } from './searchFilters';

/** Zoho's ticket search accepts `from` up to 999 (OpenAPI spec), so one query reaches 1,099 tickets. */
const search = TABLES.tickets.search!;

const properties: INodeProperties[] = [
	...searchFilterProperties,
	...returnAllProperties(search.maxFrom + search.pageSize),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortOptions(['modifiedTime', 'createdTime', 'customerResponseTime', 'relevance']),
	},
];

export const option = { name: 'Search', description: 'Search tickets', action: 'Search tickets' };

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const reachable = search.maxFrom + search.pageSize;
	const qs = compact({ ...searchQuery.call(this, itemIndex), sortBy: sortParam(options.sortBy, options.sortOrder) });
	const query = { path: search.path, qs, pageSize: search.pageSize, limit, maxFrom: search.maxFrom, itemIndex };
	return await readPages(this, query, {
		// Fail before spending more credits when Return All cannot be honoured: search stops at offset 999.
		inspect: ({ count, from }) => {
			if (from === 0 && returnAll && (count ?? 0) > reachable) {
				throw new NodeOperationError(
					this.getNode(),
					`The search matches ${count} tickets, but Zoho's search can only return the first ${reachable}`,
					{
						itemIndex,
						description:
							'Narrow it with Created/Modified After and Before, or use Ticket → Get Many with Return All, which reads every ticket.',
					},
				);
			}
		},
	});
}
