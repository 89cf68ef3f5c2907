import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { departmentQuery, pickerMethod, recordLabel, TABLE_NAMES, TABLES } from '../tables';
import type { TableDescription } from '../tables';
import { compact } from '../query';
import { zohoDeskApi } from '../transport';

const PICKER_PAGE = 50;

/** Zoho's full-text search needs at least this many characters. */
const FULL_TEXT_MIN = 3;

type Page = { data?: IDataObject[] } | undefined;

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

function matches(label: string, filter?: string): boolean {
	return !filter || label.toLowerCase().includes(filter.toLowerCase());
}

function pickerEntry(table: TableDescription, row: IDataObject) {
	const number = table.picker?.numberField ? row[table.picker.numberField] : undefined;
	const label = recordLabel(table, row);
	return {
		name: number !== undefined && number !== null && number !== '' ? `#${String(number)} ${label}` : label,
		value: String(row.id),
		...(typeof row.webUrl === 'string' ? { url: row.webUrl } : {}),
	};
}

/**
 * One page of a table's picker; the pagination token is the next `from`. What was typed filters the page here,
 * unless Zoho can filter by it (the table's text parameter, or full-text search from 3 characters).
 */
async function searchTable(
	this: ILoadOptionsFunctions,
	table: TableDescription,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const picker = table.picker ?? {};
	const text = filter?.trim() ?? '';
	const search = table.search;
	if (picker.fullText && search && text.length >= FULL_TEXT_MIN) {
		const from = Number(paginationToken ?? 0);
		const page = (await zohoDeskApi.call(this, {
			path: search.path,
			qs: compact({ _all: text, from, limit: PICKER_PAGE, sortBy: picker.fullText.sortBy }),
		})) as Page;
		const rows = page?.data ?? [];
		return {
			results: rows.map((row) => pickerEntry(table, row)),
			paginationToken: rows.length === PICKER_PAGE && from + PICKER_PAGE <= search.maxFrom ? String(from + PICKER_PAGE) : undefined,
		};
	}
	const from = Number(paginationToken ?? table.firstFrom ?? 0);
	const pageSize = Math.min(PICKER_PAGE, table.pageSize ?? PICKER_PAGE);
	const byZoho = picker.textParam && text ? { [picker.textParam]: text } : {};
	const qs = { ...compact({ ...departmentQuery(table, undefined), ...picker.query, ...byZoho }), from, limit: pageSize };
	const page = (await zohoDeskApi.call(this, { path: table.listPath, qs })) as Page;
	const rows = page?.data ?? [];
	return {
		results: rows.map((row) => pickerEntry(table, row)).filter((entry) => picker.textParam || matches(entry.name, text)),
		paginationToken: rows.length === pageSize ? String(from + rows.length) : undefined,
	};
}

/** One picker per table that has one (tables.ts `picker`): searchTickets, searchDepartments, ... */
const tablePickers: Record<string, ListSearch> = Object.fromEntries(
	TABLE_NAMES.map((name) => TABLES[name])
		.filter((table) => table.picker)
		.map((table): [string, ListSearch] => [
			pickerMethod(table)!,
			async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				return await searchTable.call(this, table, filter, paginationToken);
			},
		]),
);

/** Views of a module (GET /views, zoho/zohodesk-oas v1.0/CustomView.json; not in our copy of the spec). */
async function searchViews(this: ILoadOptionsFunctions, module: string, filter?: string): Promise<INodeListSearchResult> {
	const page = (await zohoDeskApi.call(this, { path: '/views', qs: { module } })) as Page;
	return {
		results: (page?.data ?? [])
			.map((view) => ({ name: String(view.displayLabel ?? view.name ?? view.id), value: String(view.id) }))
			.filter((result) => matches(result.name, filter)),
	};
}

/** The ticket chosen in the node (for pickers that depend on it); undefined until a ticket ID is set. */
function currentTicketId(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('ticketId', { extractValue: true });
	const id = String(value ?? '').trim();
	return /^[0-9]{1,19}$/.test(id) ? id : undefined;
}

/**
 * The addresses replies may be sent from (GET /mailReplyAddress, Zoho's API docs; not in our copy of the spec): the
 * chosen ticket's department's, or the whole portal's before a ticket is chosen.
 */
async function searchFromAddresses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const ticketId = currentTicketId.call(this);
	const ticket = ticketId ? ((await zohoDeskApi.call(this, { path: `/tickets/${ticketId}` })) as IDataObject | undefined) : undefined;
	const departmentId = ticket?.departmentId ? String(ticket.departmentId) : undefined;
	const page = (await zohoDeskApi.call(this, { path: '/mailReplyAddress', qs: compact({ departmentId }) })) as Page;
	return {
		results: (page?.data ?? [])
			.filter((address) => address.address)
			.map((address) => ({
				name: address.displayName ? `${String(address.displayName)} <${String(address.address)}>` : String(address.address),
				value: String(address.address),
			}))
			.filter((result) => matches(result.name, filter)),
	};
}

/** The chosen ticket's comments, newest first, named by their first words. */
async function searchTicketComments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ticketId = currentTicketId.call(this);
	if (!ticketId) return { results: [] };
	const from = Number(paginationToken ?? 0);
	const page = (await zohoDeskApi.call(this, {
		path: `/tickets/${ticketId}/comments`,
		qs: { from, limit: PICKER_PAGE, sortBy: '-commentedTime', include: 'plainText' },
	})) as Page;
	const rows = page?.data ?? [];
	return {
		results: rows
			.map((comment) => {
				const text = String(comment.plainText ?? comment.content ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
				return { name: `${text.slice(0, 60) || String(comment.id)} (${String(comment.commentedTime ?? '')})`, value: String(comment.id) };
			})
			.filter((result) => matches(result.name, filter)),
		paginationToken: rows.length === PICKER_PAGE ? String(from + PICKER_PAGE) : undefined,
	};
}

export const listSearch: Record<string, ListSearch> = {
	...tablePickers,
	async searchTicketViews(this: ILoadOptionsFunctions, filter?: string) {
		return await searchViews.call(this, 'tickets', filter);
	},
	async searchContractViews(this: ILoadOptionsFunctions, filter?: string) {
		return await searchViews.call(this, 'contracts', filter);
	},
	async searchContactViews(this: ILoadOptionsFunctions, filter?: string) {
		return await searchViews.call(this, 'contacts', filter);
	},
	searchFromAddresses,
	searchTicketComments,
};
