/**
 * Deliberate, sourced differences between what we check and this copy of Zoho's spec. Keep it short: every
 * entry is either an endpoint we call that the copy lacks, or a rule the spec states in prose but not in
 * its schema. An entry whose target is missing from the spec throws, so a stale entry cannot linger.
 */
import type { Schema, SpecOperation, SpecParameter } from './contract';

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

/** An endpoint Zoho's API docs have that this spec copy lacks (throws once the spec has it). */
function addOperation(method: string, path: string, source: string, parameters: (orgId: SpecParameter) => SpecParameter[]) {
	return (operations: SpecOperation[], { orgId }: { orgId: SpecParameter }) => {
		if (operations.some((op) => op.method === method && op.path === path)) {
			throw new Error(`${method} ${path} is now in the spec: drop its amendment`);
		}
		return [...operations, { method, path, source: `amendment: ${source}`, parameters: parameters(orgId) }];
	};
}

const ID_SCHEMA = { type: ['string', 'integer'], pattern: '([0-9]+)' };

/** A search endpoint the spec copy lacks (Zoho's Desk API doc, Search section): text criteria, `from` 0–999, `limit` 1–100. */
function searchEndpoint(path: string, criteria: string[]) {
	const text = (name: string): SpecParameter => ({ name, in: 'query', schema: { type: ['string'] } });
	return addOperation('GET', path, `Zoho Desk API doc, Search, GET ${path}`, (orgId) => [
		text('_all'),
		...criteria.map(text),
		{ name: 'from', in: 'query', schema: { type: ['integer'], minimum: 0, maximum: 999 } },
		{ name: 'limit', in: 'query', schema: { type: ['integer'], minimum: 1, maximum: 100 } },
		orgId,
	]);
}

/** Drops `required` and min/maxProperties from every event filter of a webhook create or update body. */
function optionalWebhookFilters(method: string) {
	return (operations: SpecOperation[]) => {
		const operation = operations.find((op) => op.method === method && op.path.startsWith('/api/v1/webhooks'));
		const events = operation?.body?.schema.properties?.subscriptions?.properties;
		if (!operation?.body || !events) throw new Error(`Amendment target ${method} /api/v1/webhooks subscriptions is not in the spec`);
		const loosened = Object.fromEntries(
			Object.entries(events).map(([name, filter]) => [name, { ...filter, required: undefined, minProperties: undefined, maxProperties: undefined }]),
		);
		const schema = operation.body.schema;
		const subscriptions = { ...schema.properties!.subscriptions, properties: loosened };
		const body = { ...operation.body, schema: { ...schema, properties: { ...schema.properties, subscriptions } } };
		return operations.map((op) => (op === operation ? { ...op, body } : op));
	};
}

/** Adds fields to the body alternative (of an anyOf) that has `beside`, or to the body itself. */
function addBodyFields(method: string, path: string, beside: string, fields: Record<string, Schema>) {
	return (operations: SpecOperation[]) => {
		const operation = operations.find((op) => op.method === method && op.path === path);
		const schema = operation?.body?.schema;
		const target = [schema, ...(schema?.anyOf ?? [])].find((candidate) => candidate?.properties?.[beside]);
		if (!operation?.body || !schema || !target) throw new Error(`Amendment target ${method} ${path} body with "${beside}" is not in the spec`);
		const amended = { ...target, properties: { ...target.properties, ...fields } };
		const body = {
			...operation.body,
			schema: target === schema ? amended : { ...schema, anyOf: schema.anyOf!.map((one) => (one === target ? amended : one)) },
		};
		return operations.map((op) => (op === operation ? { ...op, body } : op));
	};
}

/**
 * Sets the fields a create or update body requires. Contact.json and Account.json build their bodies from the
 * record's response schema (allOf commonJson / commonObject), whose `required` lists every key a response carries;
 * the body's own schema requires only `lastName` (contact) or `accountName` (account) on create, nothing on update.
 */
function bodyRequires(method: string, path: string, required: string[]) {
	return (operations: SpecOperation[]) => {
		const operation = operations.find((op) => op.method === method && op.path === path);
		const schema = operation?.body?.schema;
		if (!operation?.body || !schema?.required?.length) throw new Error(`Amendment target ${method} ${path} body with required fields is not in the spec`);
		const body = { ...operation.body, schema: { ...schema, required: required.length ? required : undefined } };
		return operations.map((op) => (op === operation ? { ...op, body } : op));
	};
}

const EMAIL_LIST = { type: ['string', 'null'], maxLength: 5000 };

/** A new ticket names its contact by id or gives a `contact` (email, last name) that Zoho finds or adds. */
function contactIdOrContact(operations: SpecOperation[]): SpecOperation[] {
	const operation = operations.find((op) => op.method === 'POST' && op.path === '/api/v1/tickets');
	const schema = operation?.body?.schema;
	if (!operation?.body || !schema?.required?.includes('contactId') || !schema.properties?.contact) {
		throw new Error('Amendment target POST /api/v1/tickets body with required contactId and contact is not in the spec');
	}
	const required = schema.required.filter((name) => name !== 'contactId');
	const body = { ...operation.body, schema: { ...schema, required, anyOf: [{ required: ['contactId'] }, { required: ['contact'] }] } };
	return operations.map((op) => (op === operation ? { ...op, body } : op));
}

export const SPEC_AMENDMENTS: Amendment[] = [
	{
		what: 'GET /api/v1/tickets/{ticketId}/attachments/{attachmentId}/content (Ticket → Download Attachment)',
		source: "the `href` of every attachment in TicketAttachment.json's responses points there; the operation is not in the spec copy",
		apply: addOperation('GET', '/api/v1/tickets/{ticketId}/attachments/{attachmentId}/content', 'TicketAttachment.json href', (orgId) => [
			{ name: 'ticketId', in: 'path', required: true, schema: ID_SCHEMA },
			{ name: 'attachmentId', in: 'path', required: true, schema: ID_SCHEMA },
			orgId,
		]),
	},
	{
		what: 'POST /api/v1/uploads (the files of Send Reply, Save Draft Reply and Add Comment, named in their attachmentIds)',
		source:
			"Zoho Desk API docs, Uploads → Upload file (multipart/form-data, part `file`), used by Zoho's own Desk SDKs (zoho/Desk-iOSSDK URLPathConstants.Uploads); not in the spec copy",
		apply: (operations, { orgId }) => {
			const [upload] = addOperation('POST', '/api/v1/uploads', 'Uploads_Uploadafile', () => [orgId])([], { orgId });
			const file = { type: ['string'], format: 'binary' };
			const body = { contentType: 'multipart/form-data', schema: { type: ['object'], properties: { file }, required: ['file'] } };
			if (operations.some((op) => op.method === 'POST' && op.path === upload.path)) throw new Error('POST /api/v1/uploads is now in the spec: drop its amendment');
			return [...operations, { ...upload, body }];
		},
	},
	{
		what: 'POST /api/v1/tickets takes contactId or a contact object',
		source:
			"the spec's own contactId description in v1.0/Ticket.json (\"If the contact does not already exist, include the contact JSON object to create the contact during ticket creation\"); its schema requires contactId regardless",
		apply: contactIdOrContact,
	},
	{
		what: 'GET /api/v1/contacts/search (Contact → Search, the contact picker, Create or Update)',
		source: 'Zoho Desk API doc, Search → Search contacts (desk.zoho.com/DeskAPIDocument#Search); not in the spec copy',
		apply: searchEndpoint('/api/v1/contacts/search', ['email', 'phone', 'mobile', 'firstName', 'lastName', 'fullName', 'accountName']),
	},
	{
		what: 'GET /api/v1/accounts/search (Account → Search, the account picker)',
		source: 'Zoho Desk API doc, Search → Search accounts (desk.zoho.com/DeskAPIDocument#Search); not in the spec copy',
		apply: searchEndpoint('/api/v1/accounts/search', ['accountName', 'email', 'phone', 'website']),
	},
	{
		what: 'GET /api/v1/views (view pickers in nodes/core/methods/listSearch.ts)',
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
		what: 'GET /api/v1/departments/{departmentId}/teams (team dropdown of the ticket field mapper, nodes/core/methods/resourceMapping.ts)',
		source: 'zoho/zohodesk-oas v1.0/Team.json @75e1ba57, operationId getTeamsInDepartment (file not in our copy)',
		apply: addOperation('GET', '/api/v1/departments/{departmentId}/teams', 'Team.json getTeamsInDepartment', (orgId) => [
			{ name: 'departmentId', in: 'path', required: true, schema: ID_SCHEMA },
			{ name: 'from', in: 'query', schema: { type: ['integer'], minimum: 0 } },
			{ name: 'limit', in: 'query', schema: { type: ['integer'], minimum: 0, maximum: 200 } },
			{ name: 'searchStr', in: 'query', schema: { type: ['string'] } },
			orgId,
		]),
	},
	{
		what: 'GET /api/v1/layouts (layout picker of ticket Create and Update)',
		source: 'zoho/zohodesk-oas v1.0/Layout.json @3f7016e3, operationId getLayouts (file not in our copy)',
		apply: addOperation('GET', '/api/v1/layouts', 'Layout.json getLayouts', (orgId) => [
			{ name: 'module', in: 'query', required: true, schema: { type: ['string'] } },
			{ name: 'departmentId', in: 'query', schema: ID_SCHEMA },
			{ name: 'status', in: 'query', schema: { type: ['string'], enum: ['active', 'inactive', 'all'] } },
			{ name: 'from', in: 'query', schema: { type: ['integer'] } },
			{ name: 'limit', in: 'query', schema: { type: ['integer'], maximum: 99 } },
			orgId,
		]),
	},
	{
		what: "GET /api/v1/layouts/{layoutId} (a layout's fields for the ticket field mapper)",
		source: 'zoho/zohodesk-oas v1.0/Layout.json @3f7016e3, operationId getLayout (file not in our copy)',
		apply: addOperation('GET', '/api/v1/layouts/{layoutId}', 'Layout.json getLayout', (orgId) => [
			{ name: 'layoutId', in: 'path', required: true, schema: ID_SCHEMA },
			orgId,
		]),
	},
	{
		what: 'GET /api/v1/tickets sortBy takes a "-" prefix for descending',
		source: 'docs/zoho-facts.md "Paging, limits and credits" (Zoho\'s Desk API doc); the spec parameter has no description',
		apply: amendParameter('GET', '/api/v1/tickets', 'sortBy', { descendingPrefix: true }),
	},
	{
		what: 'GET /api/v1/tickets limit is at most 100',
		source: 'docs/zoho-facts.md "Paging, limits and credits": the spec gives no maximum, Zoho\'s Desk API doc says 100',
		apply: amendParameter('GET', '/api/v1/tickets', 'limit', { schema: { maximum: 100 } }),
	},
	{
		what: 'GET /api/v1/tickets assignee accepts "Unassigned"',
		source: 'the parameter\'s own description in v1.0/Ticket.json (items are typed integer); docs/zoho-facts.md "Paging, limits and credits"',
		apply: amendParameter('GET', '/api/v1/tickets', 'assignee', { extraValues: ['Unassigned'] }),
	},
	{
		what: 'GET /api/v1/tickets/{ticketId}/threads/{threadId} (Get Threads with Include Content)',
		source: 'Zoho Desk API docs, Threads → "Get a thread" (include=plainText); the spec copy has only the list, whose items carry a summary',
		apply: addOperation('GET', '/api/v1/tickets/{ticketId}/threads/{threadId}', 'Threads_Getathread', (orgId) => [
			{ name: 'ticketId', in: 'path', required: true, schema: ID_SCHEMA },
			{ name: 'threadId', in: 'path', required: true, schema: ID_SCHEMA },
			{ name: 'include', in: 'query', schema: { type: ['array'], items: { type: ['string'], enum: ['plainText'] } } },
			orgId,
		]),
	},
	{
		what: 'GET /api/v1/mailReplyAddress (the From Address picker of Send Reply / Save Draft Reply)',
		source: 'Zoho Desk API docs, Mail Reply Address → list (departmentId filter); not in the spec copy',
		apply: addOperation('GET', '/api/v1/mailReplyAddress', 'MailReplyAddress list', (orgId) => [
			{ name: 'departmentId', in: 'query', schema: ID_SCHEMA },
			orgId,
		]),
	},
	{
		what: 'GET /api/v1/tickets/{ticketId}/comments sortBy takes a "-" prefix for descending',
		source: 'the parameter\'s own description in v1.0/TicketComment.json ("A @-@ prefix denotes descending order")',
		apply: amendParameter('GET', '/api/v1/tickets/{ticketId}/comments', 'sortBy', { descendingPrefix: true }),
	},
	{
		what: 'GET /api/v1/tickets/{ticketId}/comments include accepts plainText',
		source: 'the parameter\'s own description in v1.0/TicketComment.json ("mentions and plainText"); its enum lists only mentions',
		apply: amendParameter('GET', '/api/v1/tickets/{ticketId}/comments', 'include', { extraValues: ['plainText'] }),
	},
	...(
		[
			['POST', '/api/v1/contacts', ['lastName']],
			['PATCH', '/api/v1/contacts/{contactId}', []],
			['POST', '/api/v1/accounts', ['accountName']],
			['PATCH', '/api/v1/accounts/{accountId}', []],
		] as Array<[string, string, string[]]>
	).map(([method, path, required]) => ({
		what: `${method} ${path} requires ${required.length ? required.join(', ') : 'no field'}`,
		source:
			"the body's own schema in v1.0/Contact.json / Account.json (createContact requires lastName, createAccount accountName, the updates nothing); the required list of the record schema it is built from (every key a response carries) is a generator artefact, and Zoho's docs name only those fields mandatory",
		apply: bodyRequires(method, path, required),
	})),
	{
		what: 'GET /api/v1/contacts sortBy takes a "-" prefix for descending',
		source: "Zoho Desk API docs, Contacts → List contacts (\"-\" prefix for descending, as on every Desk list); Create or Update reads the newest contacts with sortBy=-createdTime",
		apply: amendParameter('GET', '/api/v1/contacts', 'sortBy', { descendingPrefix: true }),
	},
	...['POST', 'PATCH'].map((method) => ({
		what: `${method} /api/v1/webhooks: an event filter needs none of its keys`,
		source:
			'docs/zoho-facts.md "Webhooks": the filter schemas require every key and fix their count (generator artefacts); Zoho\'s webhook doc and the spec\'s examples send one or two',
		apply: optionalWebhookFilters(method),
	})),
	...[
		['POST', '/api/v1/tickets/{ticketId}/sendReply'],
		['POST', '/api/v1/tickets/{ticketId}/draftReply'],
		['PATCH', '/api/v1/tickets/{ticketId}/draftReply/{threadId}'],
	].map(([method, path]) => ({
		what: `${method} ${path}: an email reply may carry cc and bcc`,
		source:
			'Zoho Desk API docs, Threads → "Send Email Reply" / "Draft Email Reply" list cc and bcc (comma-separated addresses); the spec\'s EMAIL body lacks them and is closed',
		apply: addBodyFields(method, path, 'fromEmailAddress', { cc: EMAIL_LIST, bcc: EMAIL_LIST }),
	})),
];
