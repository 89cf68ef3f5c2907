import type { Contract } from './contract';

/** Path of the committed contract, test/contract/zoho-desk.contract.json */
export const CONTRACT_FILE: string;
/** The contract derived from a folder holding Zoho Desk's OpenAPI spec (v1.0/*.json) */
export function deriveContract(specDir: string): Contract;
/** The contract as committed: sorted, short values on one line, a final newline */
export function formatContract(contract: Contract): string;
