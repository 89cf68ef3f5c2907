import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { recordLabel, TABLES } from '../tables';
import type { TableDescription } from '../tables';
import { connectionOf, zohoDeskApi } from '../transport';

const PICKER_PAGE = 50;

type Page = { data?: IDataObject[] } | undefined;

function matches(label: string, filter?: string): boolean {
	return !filter || label.toLowerCase().includes(filter.toLowerCase());
}

/** One page of a table's list as picker entries; the pagination token is the next `from`. */
async function searchTable(
	this: ILoadOptionsFunctions,
	table: TableDescription,
	qs: IDataObject,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0);
	const pageSize = Math.min(PICKER_PAGE, table.pageSize ?? PICKER_PAGE);
	const page = (await zohoDeskApi.call(this, { path: table.listPath, qs: { ...qs, from, limit: pageSize } })) as Page;
	const rows = page?.data ?? [];
	return {
		results: rows
			.map((row) => ({ name: recordLabel(table, row), value: String(row.id) }))
			.filter((result) => matches(result.name, filter)),
		paginationToken: rows.length === pageSize ? String(from + rows.length) : undefined,
	};
}

export async function searchDepartments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchTable.call(this, TABLES.departments, {}, filter, paginationToken);
}

export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchTable.call(this, TABLES.products, { departmentId: '0', sortBy: 'productName' }, filter, paginationToken);
}

export async function searchContracts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	// Zoho filters contracts by name prefix itself.
	return await searchTable.call(this, TABLES.contracts, filter ? { contractName: filter } : {}, undefined, paginationToken);
}

/** Recent tickets, or Zoho's full-text search once at least 3 characters are typed. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	if (text.length < 3) return await searchTable.call(this, TABLES.tickets, { sortBy: '-createdTime' }, text, paginationToken);
	const from = Number(paginationToken ?? 0);
	const page = (await zohoDeskApi.call(this, {
		path: TABLES.tickets.search!.path,
		qs: { _all: text, from, limit: PICKER_PAGE, sortBy: '-modifiedTime' },
	})) as Page;
	const rows = page?.data ?? [];
	const { deskUrl } = await connectionOf(this);
	return {
		results: rows.map((row) => ({
			name: `#${row.ticketNumber ?? ''} ${recordLabel(TABLES.tickets, row)}`.trim(),
			value: String(row.id),
			url: typeof row.webUrl === 'string' ? row.webUrl : deskUrl,
		})),
		// Search stops at offset 999.
		paginationToken: rows.length === PICKER_PAGE && from + PICKER_PAGE <= 999 ? String(from + PICKER_PAGE) : undefined,
	};
}

/** Views of a module (GET /views, zoho/zohodesk-oas v1.0/CustomView.json; not in our copy of the spec). */
async function searchViews(this: ILoadOptionsFunctions, module: string, filter?: string): Promise<INodeListSearchResult> {
	const page = (await zohoDeskApi.call(this, { path: '/views', qs: { module } })) as Page;
	return {
		results: (page?.data ?? [])
			.map((view) => ({ name: String(view.displayLabel ?? view.name ?? view.id), value: String(view.id) }))
			.filter((result) => matches(result.name, filter)),
	};
}

export async function searchTicketViews(this: ILoadOptionsFunctions, filter?: string) {
	return await searchViews.call(this, 'tickets', filter);
}

export async function searchContractViews(this: ILoadOptionsFunctions, filter?: string) {
	return await searchViews.call(this, 'contracts', filter);
}
