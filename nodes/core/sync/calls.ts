import type { IDataObject } from 'n8n-workflow';

import { zohoDeskRequest } from '../transport';
import type { ZohoDeskContext, ZohoDeskRequest, ZohoDeskResponse } from '../transport';

/** What a read cost and what Zoho said it would return; benchmarks, warnings and progress messages read it. */
export interface ReadStats {
	/** Desk API calls that returned (retries of one call count once) */
	calls: number;
	/** Credits Zoho reported in its response headers */
	credits: number;
	/** Records search's `count` said the read would find, at its start (when the read is a search) */
	counted?: number;
	/** Pages fetched again because the result set shifted under the read (a record deleted or moved) */
	repairs: number;
	/** Time windows split off so that idle parallel requests had work */
	splits: number;
}

export function newStats(): ReadStats {
	return { calls: 0, credits: 0, repairs: 0, splits: 0 };
}

/** A record's id as the string Zoho sent: ids are longer than 2^53, never numbers. */
export function idOf(record: IDataObject): string {
	return String(record.id);
}

/** The record with only these fields (those it has). */
export function withFields(record: IDataObject, fields: string[]): IDataObject {
	return Object.fromEntries(fields.filter((name) => name in record).map((name) => [name, record[name]]));
}

/** One call through the transport, added to `stats`. */
export async function countedCall<T>(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	request: ZohoDeskRequest,
): Promise<ZohoDeskResponse<T>> {
	const response = (await zohoDeskRequest.call(ctx, request)) as ZohoDeskResponse<T>;
	stats.calls++;
	stats.credits += response.credits ?? 0;
	return response;
}

/** One page of a list or search, added to `stats`: its rows (none on 204) and search's `count`, when Zoho sent it. */
export async function countedPage(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	request: ZohoDeskRequest,
): Promise<{ rows: IDataObject[]; count?: number }> {
	const { body } = await countedCall<{ data?: IDataObject[]; count?: number | string }>(ctx, stats, request);
	const count = Number(body?.count);
	return {
		rows: Array.isArray(body?.data) ? body!.data! : [],
		count: body?.count === undefined || !Number.isFinite(count) ? undefined : count,
	};
}
