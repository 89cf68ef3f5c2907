/**
 * jest setupFilesAfterEnv: every test file records the requests n8n's HTTP helpers send and fails when any
 * Zoho Desk API request among them breaks Zoho's spec (validator.ts checks it against the committed contract,
 * zoho-desk.contract.json, so this runs on any clone), unless sent inside
 * allowContractViolations().
 */
import { contractViolations, installRecorder, recordedRequests } from './recorder';

installRecorder();

afterAll(() => {
	const violations = contractViolations(recordedRequests().filter((request) => !request.allowed));
	if (violations.length) {
		throw new Error(
			`${violations.length} request(s) break Zoho Desk's spec (test/contract/zoho-desk.contract.json; amendments.ts lists our exceptions):\n\n${violations.join('\n\n')}`,
		);
	}
});
