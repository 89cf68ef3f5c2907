'use strict';
/**
 * What Zoho meters: daily API credits (with the depth-tiered price of range fetches), concurrent requests, and the
 * counters tests and benchmarks read. Also the injected faults (latency, 5xx, dropped connections).
 */
const { deskError } = require('./http');

const DAY_MS = 24 * 3600 * 1000;
/** Base daily credits per edition (help.zoho.com "Working with API Credits"). */
const EDITION_CREDITS = { free: 5000, express: 25000, standard: 50000, professional: 75000, enterprise: 100000 };

/** Credits of a list or search call ("range fetch") starting at offset `from`; get-by-id and counts cost 1. */
function rangeFetchCredits(from) {
	if (from <= 2000) return 3;
	if (from <= 10000) return 5;
	if (from <= 50000) return 10;
	if (from <= 100000) return 50;
	return 100;
}

const emptyCounters = () => ({
	calls: 0,
	credits: 0,
	peakConcurrency: 0,
	/** Requests admitted while n others were in flight, by n */
	admittedWithOthers: {},
	/** Milliseconds spent with n requests in flight, by n (n ≥ 1): the benchmark's concurrency utilisation */
	msAtConcurrency: {},
	concurrencyRejected: 0,
	creditsRejected: 0,
	faultsInjected: 0,
	byRoute: {},
	byStatus: {},
});

function createLimits(options, clock) {
	const settings = {
		edition: options.edition,
		dailyCredits: options.dailyCredits ?? EDITION_CREDITS[options.edition],
		concurrency: options.concurrency,
		latencyMs: options.latencyMs,
		searchLagMs: options.searchLagMs ?? 0,
	};
	let remaining = settings.dailyCredits;
	let windowStart = null;
	let inFlight = 0;
	let counters = emptyCounters();
	let faults = [];
	let nextFaultId = 1;

	function configure(changes) {
		if (changes.edition !== undefined) {
			if (!(changes.edition in EDITION_CREDITS))
				throw deskError(422, 'INVALID_DATA', `Unknown edition ${changes.edition}`);
			settings.edition = changes.edition;
			if (changes.dailyCredits === undefined) changes = { ...changes, dailyCredits: EDITION_CREDITS[changes.edition] };
		}
		for (const key of ['dailyCredits', 'concurrency', 'latencyMs', 'searchLagMs']) {
			if (changes[key] !== undefined) settings[key] = Number(changes[key]);
		}
		if (changes.dailyCredits !== undefined) remaining = settings.dailyCredits;
		if (changes.creditsRemaining !== undefined) remaining = Number(changes.creditsRemaining);
		return snapshot();
	}

	function snapshot() {
		return { ...settings, creditsRemaining: remaining, inFlight };
	}

	/** Counts a request in flight, or refuses it like Zoho's concurrency limit does. */
	function admit() {
		if (inFlight >= settings.concurrency) {
			counters.concurrencyRejected++;
			throw deskError(
				429,
				'TOO_MANY_REQUESTS',
				'Too many requests are being made concurrently. Please try again after some time.',
			);
		}
		counters.admittedWithOthers[inFlight] = (counters.admittedWithOthers[inFlight] ?? 0) + 1;
		changeInFlight(+1);
		counters.peakConcurrency = Math.max(counters.peakConcurrency, inFlight);
	}

	function release() {
		changeInFlight(-1);
	}

	let levelSince = performance.now();
	function changeInFlight(delta) {
		const now = performance.now();
		if (inFlight > 0) counters.msAtConcurrency[inFlight] = (counters.msAtConcurrency[inFlight] ?? 0) + (now - levelSince);
		levelSince = now;
		inFlight += delta;
	}

	/** Takes `weight` credits from today's budget; the response headers say what it cost and what is left. */
	function charge(weight) {
		const now = clock();
		if (windowStart === null || now - windowStart >= DAY_MS) {
			windowStart = now;
			remaining = settings.dailyCredits;
		}
		if (remaining < weight) {
			counters.creditsRejected++;
			const retryAfter = Math.ceil((windowStart + DAY_MS - now) / 1000);
			throw deskError(
				429,
				'THRESHOLD_EXCEEDED',
				'The API credits allotted for the portal for the day have been exhausted.',
				{},
				{
					'Retry-After': String(retryAfter),
					'X-Rate-Limit-Remaining-v3': String(remaining),
				},
			);
		}
		remaining -= weight;
		counters.credits += weight;
		return { 'X-Rate-Limit-Request-Weight-v3': String(weight), 'X-Rate-Limit-Remaining-v3': String(remaining) };
	}

	function record(route, status) {
		counters.calls++;
		counters.byRoute[route] = (counters.byRoute[route] ?? 0) + 1;
		counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
	}

	/**
	 * A fault for this request: { kind: 'error' | 'drop' | 'latency', path (RegExp source, default any), method,
	 * status (default 500), errorCode, retryAfter, latencyMs, count (default 1; null = every time), skip (matching
	 * requests to let through first), after (error and drop: serve the request first, so its change is made, then
	 * answer with the fault: a lost or failed answer to an applied write) }.
	 */
	function addFault(fault) {
		const kind = fault.kind ?? 'error';
		if (!['error', 'drop', 'latency'].includes(kind))
			throw deskError(422, 'INVALID_DATA', `Unknown fault kind ${kind}`);
		const entry = {
			id: nextFaultId++,
			kind,
			path: fault.path ?? '.*',
			method: fault.method ? String(fault.method).toUpperCase() : null,
			status: fault.status ?? 500,
			errorCode: fault.errorCode ?? null,
			retryAfter: fault.retryAfter ?? null,
			latencyMs: fault.latencyMs ?? 0,
			count: fault.count === null ? null : (fault.count ?? 1),
			skip: fault.skip ?? 0,
			after: fault.after === true && kind !== 'latency',
		};
		entry.pattern = new RegExp(entry.path);
		faults.push(entry);
		const { pattern, ...shown } = entry;
		return shown;
	}

	function takeFault(method, path) {
		const fault = faults.find(
			(f) => (f.method === null || f.method === method) && f.pattern.test(path) && f.count !== 0,
		);
		if (!fault) return null;
		if (fault.skip > 0) {
			fault.skip--;
			return null;
		}
		if (fault.count !== null) fault.count--;
		counters.faultsInjected++;
		return fault;
	}

	/** The error a fault of kind 'error' answers with. */
	function faultError(fault) {
		const code = fault.errorCode ?? (fault.status === 429 ? 'TOO_MANY_REQUESTS' : 'INTERNAL_SERVER_ERROR');
		const headers = fault.retryAfter === null ? {} : { 'Retry-After': String(fault.retryAfter) };
		return deskError(
			fault.status,
			code,
			'An internal server error occurred while performing this operation.',
			{},
			headers,
		);
	}

	return {
		configure,
		snapshot,
		admit,
		release,
		charge,
		record,
		addFault,
		takeFault,
		faultError,
		clearFaults: () => {
			faults = [];
		},
		counters: () => structuredClone(counters),
		resetCounters: () => {
			counters = emptyCounters();
			levelSince = performance.now();
		},
		get latencyMs() {
			return settings.latencyMs;
		},
		get searchLagMs() {
			return settings.searchLagMs;
		},
		get edition() {
			return settings.edition;
		},
	};
}

module.exports = { createLimits, rangeFetchCredits, EDITION_CREDITS };
