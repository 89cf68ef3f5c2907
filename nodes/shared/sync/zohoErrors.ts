import { zohoErrorOf } from '../transport/errors';

/**
 * Runs `call`; when Zoho answers one of `codes` (e.g. SCOPE_MISMATCH, URL_NOT_FOUND) gives undefined instead.
 * Every other error goes on unchanged: the transport already made it a NodeApiError that says what to do.
 */
export async function unlessZohoSays<T>(codes: string[], call: () => Promise<T>): Promise<T | undefined> {
	let failure: unknown;
	try {
		return await call();
	} catch (error) {
		failure = error;
	}
	if (!codes.includes(String(zohoErrorOf(failure).code))) throw failure;
	return undefined;
}
