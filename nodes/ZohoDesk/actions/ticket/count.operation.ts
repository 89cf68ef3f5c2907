import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';
import { compact } from '../../../core/query';
import { searchFilterProperties, searchQuery } from './searchFilters';

export const option = { name: 'Count', description: 'Count tickets matching search criteria', action: 'Count tickets' };

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['count'] } },
	searchFilterProperties as INodeProperties[],
);

/** Counts with the search endpoint's `count` (one call, one record): Zoho's spec has no plain ticket count. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = compact({ ...searchQuery.call(this, itemIndex), from: 0, limit: 1 });
	const page = (await zohoDeskApi.call(this, { path: TABLES.tickets.search!.path, qs, itemIndex })) as
		| { count?: number | string }
		| undefined;
	// 204 (no match) has no body.
	return [{ count: Number(page?.count ?? 0) }];
}
