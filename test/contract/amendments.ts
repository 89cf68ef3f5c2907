/**
 * Deliberate, sourced differences between what we check and this copy of Zoho's spec. Keep it short: every
 * entry is either an endpoint we call that the copy lacks, or a rule the spec states in prose but not in
 * its schema. An entry whose target is missing from the spec throws, so a stale entry cannot linger.
 */
import type { SpecOperation, SpecParameter } from './spec';

export interface Amendment {
	what: string;
	source: string;
	apply(operations: SpecOperation[], common: { orgId: SpecParameter }): SpecOperation[];
}

function amendParameter(method: string, path: string, name: string, change: Partial<SpecParameter>) {
	return (operations: SpecOperation[]) => {
		const operation = operations.find((op) => op.method === method && op.path === path);
		const parameter = operation?.parameters.find((p) => p.name === name && p.in === 'query');
		if (!operation || !parameter) throw new Error(`Amendment target ${method} ${path} ?${name} is not in the spec`);
		const amended = { ...parameter, ...change, schema: { ...parameter.schema, ...change.schema } };
		return operations.map((op) =>
			op !== operation ? op : { ...op, parameters: op.parameters.map((p) => (p === parameter ? amended : p)) },
		);
	};
}

export const SPEC_AMENDMENTS: Amendment[] = [
	{
		what: 'GET /api/v1/views (view pickers in nodes/shared/methods/listSearch.ts)',
		source: 'zoho/zohodesk-oas v1.0/CustomView.json @75e1ba57, operationId getViews (file not in our copy)',
		apply: (operations, { orgId }) => {
			if (operations.some((op) => op.method === 'GET' && op.path === '/api/v1/views')) {
				throw new Error('GET /api/v1/views is now in the spec: drop its amendment');
			}
			const module = ['tickets', 'contacts', 'events', 'activities', 'tasks', 'contracts', 'accounts', 'calls'];
			return [
				...operations,
				{
					method: 'GET',
					path: '/api/v1/views',
					source: 'amendment: CustomView.json getViews',
					parameters: [
						{ name: 'module', in: 'query', required: true, schema: { type: ['string'], enum: module } },
						{ name: 'departmentId', in: 'query', schema: { type: ['string', 'integer'], pattern: '([0-9]*|null|undefined)' } },
						orgId,
					],
				},
			];
		},
	},
	{
		what: 'GET /api/v1/tickets sortBy takes a "-" prefix for descending',
		source: 'shared/docs/zoho-desk-api.md correction 5 (Zoho\'s Desk API doc); the spec parameter has no description',
		apply: amendParameter('GET', '/api/v1/tickets', 'sortBy', { descendingPrefix: true }),
	},
	{
		what: 'GET /api/v1/tickets limit is at most 100',
		source: 'shared/docs/zoho-desk-api.md correction 5: the spec gives no maximum, Zoho\'s Desk API doc says 100',
		apply: amendParameter('GET', '/api/v1/tickets', 'limit', { schema: { maximum: 100 } }),
	},
	{
		what: 'GET /api/v1/tickets assignee accepts "Unassigned"',
		source: 'the parameter\'s own description in v1.0/Ticket.json (items are typed integer); docs correction 6',
		apply: amendParameter('GET', '/api/v1/tickets', 'assignee', { extraValues: ['Unassigned'] }),
	},
];
