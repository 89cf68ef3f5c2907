/**
 * Record times as epoch milliseconds. Zoho sends ISO strings (schemas) or epoch ms (some examples), and its search
 * ranges take ISO with milliseconds, so everything the sync code compares goes through these two functions.
 */
export function timeMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value === '') return undefined;
	if (/^\d+$/.test(value)) return Number(value);
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** `yyyy-MM-ddTHH:mm:ss.SSSZ`, the format of Zoho's search time ranges. */
export function isoMs(ms: number): string {
	return new Date(ms).toISOString();
}

/** The earliest time a range may start at; records cannot be older than the Unix epoch. */
export const EPOCH_MS = 0;

/** Orders records by a time field, oldest first; records without it come first. */
export function byTime(field: string): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
	return (a, b) => (timeMs(a[field]) ?? EPOCH_MS) - (timeMs(b[field]) ?? EPOCH_MS);
}
