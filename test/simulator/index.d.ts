/** Types of the simulator's in-process API (index.js) for the TypeScript tests; see README.md for the behaviour. */
import type { IDataObject } from 'n8n-workflow';

type Json = IDataObject;

export interface Counters {
	calls: number;
	credits: number;
	peakConcurrency: number;
	admittedWithOthers: Record<string, number>;
	msAtConcurrency: Record<string, number>;
	concurrencyRejected: number;
	creditsRejected: number;
	faultsInjected: number;
	/** Calls per route, e.g. 'GET /api/v1/tickets' */
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
	/** When each JWKS fetch came (epoch ms) */
	jwksFetches: number[];
}

export interface Delivery {
	kind: string;
	method?: string;
	url: string;
	status: number | null;
	webhookId: string;
}

export interface Simulator {
	url: string;
	accountsUrl: string;
	deskUrl: string;
	apiUrl: string;
	orgId: string;
	otherOrgId: string;
	selfClient: { clientId: string; clientSecret: string };
	webClient: { clientId: string; clientSecret: string };
	info(): Json & { kid: string };
	issueGrantCode(options?: { scopes?: string; orgId?: string; ttlSeconds?: number }): { code: string };
	issueTokens(options?: { scopes?: string; orgId?: string }): { access_token: string; refresh_token: string };
	expireAccessTokens(): void;
	createRecord(table: string, fields: Json[], options?: Json): Json[];
	createRecord(table: string, fields: Json, options?: Json): Json;
	updateRecord(table: string, id: string, fields: Json, options?: Json): Json;
	deleteRecord(table: string, id: string, options?: Json): Json;
	getRecord(table: string, id: string, options?: Json): Json;
	/** A ticket's threads (in full) and comments, as stored. */
	conversation(ticketId: string, options?: { orgId?: string }): { threads: Json[]; comments: Json[] };
	configure(changes: Json): Json;
	addFault(fault: Json): Json;
	clearFaults(): void;
	counters(): Counters;
	/** The limits in force and the calls in flight now */
	settings(): Json & { inFlight: number; latencyMs: number };
	resetCounters(): void;
	rotateSigningKey(options?: { keepPrevious?: boolean }): Json;
	deliveries(): Delivery[];
	deliveriesSettled(): Promise<void>;
	clearDeliveries(): void;
	control: { info(): Json & { kid: string } };
	stop(): Promise<void>;
}

export function startSimulator(options?: Json): Promise<Simulator>;
export const DEFAULTS: Json;
export const DEFAULT_SCOPES: string[];
