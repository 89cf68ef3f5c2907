import type { IDataObject } from 'n8n-workflow';

import { isSet } from '../query';
import type { TableDescription } from '../tables';

/**
 * The search criteria that select exactly what these list filters select, or undefined when search cannot say
 * one of them (a view, a team, embedded records, chosen fields...): then only the list can give the same records.
 * `sortBy` is not a filter and is left to the caller.
 */
export function searchCriteria(table: TableDescription, qs: IDataObject): IDataObject | undefined {
	const { search } = table;
	if (!search) return undefined;
	const criteria: IDataObject = {};
	for (const [name, value] of Object.entries(qs)) {
		if (!isSet(value) || name === 'sortBy') continue;
		// "Any time" restricts nothing.
		if (name === 'receivedInDays' && String(value) === '-1') continue;
		const searchName = search.listFilters[name];
		if (!searchName) return undefined;
		if (search.singleValued.includes(name) && String(value).includes(',')) return undefined;
		// The list's assignee also takes "Unassigned"; search's assigneeId takes agent ids only.
		if (name === 'assignee' && !/^\d+(,\d+)*$/.test(String(value))) return undefined;
		criteria[searchName] = value;
	}
	return criteria;
}
