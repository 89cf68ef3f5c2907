import type { IDataObject } from 'n8n-workflow';

/** Whether a query value was given: undefined, null and '' mean "not set". */
export function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** The query without its unset values, so only what the user set is sent. */
export function compact(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, value]) => isSet(value)));
}
