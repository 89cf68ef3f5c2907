/** Zoho's errorCode of an error the transport threw (NodeApiError keeps Zoho's error body as errorResponse). */
function zohoErrorCode(error: unknown): unknown {
	return (error as { errorResponse?: { errorCode?: unknown } } | undefined)?.errorResponse?.errorCode;
}

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
	if (!codes.includes(String(zohoErrorCode(failure)))) throw failure;
	return undefined;
}
