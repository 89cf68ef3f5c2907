import type { IDataObject } from 'n8n-workflow';

import { zohoDeskRequest } from '../transport';
import type { ZohoDeskContext, ZohoDeskRequest, ZohoDeskResponse } from '../transport';

/** What a read cost and what Zoho said it would return; benchmarks and warnings read it. */
export interface ReadStats {
	/** Desk API calls that returned (retries of one call count once) */
	calls: number;
	/** Credits Zoho reported in its response headers */
	credits: number;
	/** Records Zoho's search `count` promised at the start of the read, when it said */
	expected?: number;
	/** Pages fetched again because the result set shifted under the read (a record deleted or moved) */
	repairs: number;
	/** Time windows split off so that idle parallel requests had work */
	splits: number;
}

export function newStats(): ReadStats {
	return { calls: 0, credits: 0, repairs: 0, splits: 0 };
}

export interface ListBody {
	data?: IDataObject[];
	count?: number | string;
}

/** One list or search call through the transport, counted in `stats`; 204 gives no rows. */
export async function fetchPage(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	request: ZohoDeskRequest,
): Promise<{ rows: IDataObject[]; count?: number }> {
	const response = await fetchCounted<ListBody>(ctx, stats, request);
	const count = Number(response.body?.count);
	return {
		rows: Array.isArray(response.body?.data) ? response.body!.data! : [],
		count: response.body?.count === undefined || !Number.isFinite(count) ? undefined : count,
	};
}

/** One call through the transport, counted in `stats`. */
export async function fetchCounted<T>(
	ctx: ZohoDeskContext,
	stats: ReadStats,
	request: ZohoDeskRequest,
): Promise<ZohoDeskResponse<T>> {
	const response = (await zohoDeskRequest.call(ctx, request)) as ZohoDeskResponse<T>;
	stats.calls++;
	stats.credits += response.credits.used ?? 0;
	return response;
}

export function idOf(record: IDataObject): string {
	return String(record.id);
}
