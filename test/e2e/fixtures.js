'use strict';
// The credential and workflows imported into n8n, in n8n's export format. Built in code because they point at a
// simulator whose port is only known at run time. Ids are fixed (≤ 16 characters) so checks can find them.
const CREDENTIAL = { id: 'zdSimCredential1', name: 'Zoho Desk (simulator)' };
const CREDENTIAL_TYPE = 'zohoDeskSelfClientApi';
/** The OAuth2 credential starts without tokens: the test connects it through n8n's redirect flow. */
const OAUTH2_CREDENTIAL = { id: 'zdSimOAuth2Cred1', name: 'Zoho Desk OAuth2 (simulator)' };
const OAUTH2_CREDENTIAL_TYPE = 'zohoDeskOAuth2Api';
/** How a node refers to each credential: the node's `authentication` value and the credential. */
const SELF_CLIENT_AUTH = { authentication: 'selfClient', type: CREDENTIAL_TYPE, credential: CREDENTIAL };
const OAUTH2_AUTH = { authentication: 'oAuth2', type: OAUTH2_CREDENTIAL_TYPE, credential: OAUTH2_CREDENTIAL };
const PACKAGE = 'n8n-nodes-zohodesk';
const NODE_TYPES = {
	action: `${PACKAGE}.zohoDesk`,
	webhookTrigger: `${PACKAGE}.zohoDeskTrigger`,
	pollTrigger: `${PACKAGE}.zohoDeskPollTrigger`,
};
const WORKFLOW_IDS = {
	read: 'zdReadTables0001',
	oauth2Read: 'zdOAuth2Read0001',
	webhook: 'zdWebhookTrig001',
	poll: 'zdPollTrigger001',
	ticketWrites: 'zdTicketWrites01',
	contactTicket: 'zdContactTicket1',
};
const TRIGGER_NODES = { webhook: 'Zoho Desk Trigger', poll: 'Zoho Desk Poll Trigger' };
// n8n's production URL of a webhook node is /webhook/<node webhookId>/<path>; a fixed id makes it predictable.
const WEBHOOK_NODE_ID = '3f0c8d52-6f7e-4d1b-9a55-2c1e7b9d0a11';

/** The Self Client credential, pointed at the simulator through the "Custom" data centre. */
function selfClientCredential({ accountsUrl, deskUrl, clientId, clientSecret, grantCode, orgId }) {
	return {
		...CREDENTIAL,
		type: CREDENTIAL_TYPE,
		data: {
			dataCenter: 'custom',
			customAccountsUrl: accountsUrl,
			customDeskUrl: deskUrl,
			clientId,
			clientSecret,
			grantCode,
			orgId: String(orgId),
		},
	};
}

/**
 * The OAuth2 credential as a user fills it in the editor before "Connect my account": data centre "Custom" with
 * the simulator's URLs, the web client registered with Zoho, and the default scopes.
 */
function oauth2Credential({ accountsUrl, deskUrl, clientId, clientSecret, orgId, scope }) {
	return {
		...OAUTH2_CREDENTIAL,
		type: OAUTH2_CREDENTIAL_TYPE,
		data: { dataCenter: 'custom', customAccountsUrl: accountsUrl, customDeskUrl: deskUrl, clientId, clientSecret, orgId: String(orgId), scope },
	};
}

/** A node of this package using one of the simulator credentials (the Self Client one unless told). */
function packageNode(type, name, position, parameters, auth = SELF_CLIENT_AUTH) {
	return {
		id: `zd-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type,
		typeVersion: 1,
		position,
		parameters: { authentication: auth.authentication, ...parameters },
		credentials: { [auth.type]: auth.credential },
	};
}

const zohoDeskNode = (name, position, parameters, auth) => packageNode(NODE_TYPES.action, name, position, parameters, auth);
const manualTrigger = (position) => ({
	id: 'zd-start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position,
	parameters: {},
});

function workflow(id, name, nodes, edges) {
	const connections = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, tags: [] };
}

/**
 * Names of the read workflow's nodes, by what they read. One manual run reads every table in full, counts the
 * tickets, and gets tickets one by one through an id taken from a list (ids must survive n8n's expressions).
 */
const READ_NODES = {
	tickets: 'Tickets',
	departments: 'Departments',
	products: 'Products',
	organizationFields: 'Ticket Fields',
	contracts: 'Contracts',
	organizations: 'Organizations',
	ticketCount: 'Count Tickets',
	firstTickets: 'First 3 Tickets',
	ticketById: 'Ticket By ID',
};

function readTablesWorkflow() {
	const all = { operation: 'getMany', returnAll: true };
	const nodes = [
		manualTrigger([0, 400]),
		zohoDeskNode(READ_NODES.tickets, [300, 0], { resource: 'ticket', ...all }),
		zohoDeskNode(READ_NODES.departments, [300, 150], { resource: 'department', ...all }),
		zohoDeskNode(READ_NODES.products, [300, 300], { resource: 'product', ...all }),
		zohoDeskNode(READ_NODES.organizationFields, [300, 450], { resource: 'organizationField', module: 'tickets', ...all }),
		zohoDeskNode(READ_NODES.contracts, [300, 600], { resource: 'contract', ...all }),
		zohoDeskNode(READ_NODES.organizations, [300, 750], { resource: 'organization', ...all }),
		zohoDeskNode(READ_NODES.ticketCount, [300, 900], { resource: 'ticket', operation: 'count' }),
		zohoDeskNode(READ_NODES.firstTickets, [300, 1050], { resource: 'ticket', operation: 'getMany', returnAll: false, limit: 3 }),
		zohoDeskNode(READ_NODES.ticketById, [600, 1050], {
			resource: 'ticket',
			operation: 'get',
			id: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		}),
	];
	const edges = Object.values(READ_NODES)
		.filter((name) => name !== READ_NODES.ticketById)
		.map((name) => ['Start', name]);
	edges.push([READ_NODES.firstTickets, READ_NODES.ticketById]);
	return workflow(WORKFLOW_IDS.read, 'Zoho Desk: read the five tables', nodes, edges);
}

/** Names of the OAuth2 read workflow's nodes, by the table they read in full. */
const OAUTH2_READ_NODES = { tickets: 'Tickets', departments: 'Departments' };

/** Manual Trigger → tickets and departments through the OAuth2 credential (Bearer token, refreshed by n8n). */
function oauth2ReadWorkflow() {
	const all = { operation: 'getMany', returnAll: true };
	const nodes = [
		manualTrigger([0, 100]),
		zohoDeskNode(OAUTH2_READ_NODES.tickets, [300, 0], { resource: 'ticket', ...all }, OAUTH2_AUTH),
		zohoDeskNode(OAUTH2_READ_NODES.departments, [300, 200], { resource: 'department', ...all }, OAUTH2_AUTH),
	];
	const edges = Object.values(OAUTH2_READ_NODES).map((name) => ['Start', name]);
	return workflow(WORKFLOW_IDS.oauth2Read, 'Zoho Desk: read with OAuth2', nodes, edges);
}

/** Names of the ticket-writes workflow's nodes, in the order they run. */
const WRITE_NODES = {
	create: 'Create Ticket',
	comment: 'Add Private Comment',
	reply: 'Send Reply',
	threads: 'Read Threads',
	close: 'Close Ticket',
	trash: 'Trash Ticket',
};
/** The custom field value the workflow sets, checked in the simulator afterwards. */
const WRITE_CUSTOM_FIELD = { cf_severity: 'S1' };
/** What the workflow writes on the ticket's conversation, checked in n8n's output and in the simulator. */
const WRITE_CONVERSATION = {
	comment: 'zsu[@user:55616589]zsu e2e: please check the printer',
	reply: '<p>e2e: the printer is <b>fixed</b>.</p>',
	replyText: 'e2e: the printer is fixed.',
	cc: 'boss@example.org, audit@example.org',
};

/** A resource mapper value as the editor saves it for "Map Each Column Manually". */
const mappedFields = (value, schema) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema,
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

/**
 * Manual Trigger → create a ticket with a custom field (department by id, contact by email, fields mapped by hand)
 * → add a private comment → send an HTML reply with cc from the department's address → read the threads back with
 * their content → close it (once, though the threads are several items) → move it to the trash. The conversation
 * steps and Close take the ticket id from Create's output, Trash from Close's.
 */
function ticketWritesWorkflow({ departmentId, fromAddress }) {
	const column = (id, displayName, type, extra = {}) => ({ id, displayName, type, required: false, defaultMatch: false, display: true, ...extra });
	const schema = [
		column('subject', 'Subject', 'string', { required: true }),
		column('priority', 'Priority', 'options', { options: ['High', 'Medium', 'Low'].map((v) => ({ name: v, value: v })) }),
		column('dueDate', 'Due Date', 'dateTime'),
		column('cf_severity', 'Severity (cf_severity)', 'options', { options: ['S1', 'S2', 'S3', 'S4'].map((v) => ({ name: v, value: v })) }),
	];
	const createdTicket = { __rl: true, mode: 'id', value: `={{ $('${WRITE_NODES.create}').first().json.id }}` };
	const nodes = [
		manualTrigger([0, 0]),
		zohoDeskNode(WRITE_NODES.create, [250, 0], {
			resource: 'ticket',
			operation: 'create',
			department: { __rl: true, mode: 'id', value: departmentId },
			contactBy: 'email',
			contactEmail: 'e2e@example.com',
			contactLastName: 'End-to-End',
			fields: mappedFields(
				{ subject: 'e2e: printer on fire', priority: 'High', dueDate: '={{ $now.plus({ days: 2 }) }}', ...WRITE_CUSTOM_FIELD },
				schema,
			),
		}),
		zohoDeskNode(WRITE_NODES.comment, [500, 0], {
			resource: 'ticket',
			operation: 'addComment',
			ticketId: createdTicket,
			content: WRITE_CONVERSATION.comment,
			isPublic: false,
		}),
		zohoDeskNode(WRITE_NODES.reply, [750, 0], {
			resource: 'ticket',
			operation: 'sendReply',
			ticketId: createdTicket,
			fromEmailAddress: { __rl: true, mode: 'list', value: fromAddress },
			content: WRITE_CONVERSATION.reply,
			contentType: 'html',
			to: 'e2e@example.com',
			options: { cc: WRITE_CONVERSATION.cc },
		}),
		zohoDeskNode(WRITE_NODES.threads, [1000, 0], {
			resource: 'ticket',
			operation: 'getThreads',
			ticketId: createdTicket,
			returnAll: true,
			options: { includeContent: true, oldestFirst: true },
		}),
		{
			...zohoDeskNode(WRITE_NODES.close, [1250, 0], {
				resource: 'ticket',
				operation: 'close',
				ticketIds: `={{ $('${WRITE_NODES.create}').first().json.id }}`,
			}),
			executeOnce: true,
		},
		zohoDeskNode(WRITE_NODES.trash, [1500, 0], { resource: 'ticket', operation: 'delete', id: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
	];
	const order = [WRITE_NODES.create, WRITE_NODES.comment, WRITE_NODES.reply, WRITE_NODES.threads, WRITE_NODES.close, WRITE_NODES.trash];
	const edges = [['Start', WRITE_NODES.create], ...order.slice(1).map((name, i) => [order[i], name])];
	return workflow(WORKFLOW_IDS.ticketWrites, 'Zoho Desk: create a ticket, comment, reply, read the threads, close and trash it', nodes, edges);
}

/** Names of the contact-ticket workflow's nodes, in the order they run. */
const CONTACT_NODES = {
	contact: 'Find or Create Contact',
	ticket: 'Ticket for Contact',
	file: 'Subject as File',
	upload: 'Upload Attachment',
	download: 'Download Attachment',
	read: 'Read Downloaded File',
};
/** The contact the workflow finds or creates (by this email), and the file it attaches. */
const CONTACT_WORKFLOW = {
	email: 'e2e.customer@example.com',
	lastName: 'Customer',
	subject: 'e2e: the customer\'s printer prints nothing — ünïcödé too',
	fileName: 'e2e-note.txt',
};

/**
 * Manual Trigger → Contact → Create or Update by email (a custom field mapped by hand) → a ticket for that contact
 * (Existing Contact, its id from the upsert) → the ticket's subject made into a text file (n8n's Convert to File) →
 * Upload Attachment from that binary data → Download Attachment → the downloaded file read back as text (Extract
 * From File). Running it again finds the same contact.
 */
function contactTicketWorkflow({ departmentId }) {
	const column = (id, displayName, type, extra = {}) => ({ id, displayName, type, required: false, defaultMatch: false, display: true, ...extra });
	const contactSchema = [
		column('lastName', 'Last Name', 'string', { required: true }),
		column('firstName', 'First Name', 'string'),
		column('email', 'Email', 'string'),
		column('cf_preferred_channel', 'Preferred Channel (cf_preferred_channel)', 'options', {
			options: ['Email', 'Phone', 'Chat'].map((v) => ({ name: v, value: v })),
		}),
	];
	const ticketSchema = [column('subject', 'Subject', 'string', { required: true })];
	const ticketId = { __rl: true, mode: 'id', value: `={{ $('${CONTACT_NODES.ticket}').first().json.id }}` };
	const nodes = [
		manualTrigger([0, 0]),
		zohoDeskNode(CONTACT_NODES.contact, [250, 0], {
			resource: 'contact',
			operation: 'upsert',
			fields: mappedFields(
				{ email: CONTACT_WORKFLOW.email, lastName: CONTACT_WORKFLOW.lastName, firstName: 'E2E', cf_preferred_channel: 'Email' },
				contactSchema,
			),
		}),
		zohoDeskNode(CONTACT_NODES.ticket, [500, 0], {
			resource: 'ticket',
			operation: 'create',
			department: { __rl: true, mode: 'id', value: departmentId },
			contactBy: 'id',
			contact: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			fields: mappedFields({ subject: CONTACT_WORKFLOW.subject }, ticketSchema),
		}),
		{
			id: 'zd-subject-as-file',
			name: CONTACT_NODES.file,
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			position: [750, 0],
			parameters: { operation: 'toText', sourceProperty: 'subject', options: { fileName: CONTACT_WORKFLOW.fileName } },
		},
		zohoDeskNode(CONTACT_NODES.upload, [1000, 0], {
			resource: 'ticket',
			operation: 'uploadAttachment',
			ticketId,
			binaryPropertyName: 'data',
		}),
		zohoDeskNode(CONTACT_NODES.download, [1250, 0], {
			resource: 'ticket',
			operation: 'downloadAttachment',
			ticketId,
			attachmentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			binaryPropertyName: 'data',
		}),
		{
			id: 'zd-read-downloaded-file',
			name: CONTACT_NODES.read,
			type: 'n8n-nodes-base.extractFromFile',
			typeVersion: 1.1,
			position: [1500, 0],
			parameters: { operation: 'text', binaryPropertyName: 'data', destinationKey: 'text' },
		},
	];
	const order = Object.values(CONTACT_NODES);
	const edges = [['Start', order[0]], ...order.slice(1).map((name, i) => [order[i], name])];
	return workflow(WORKFLOW_IDS.contactTicket, 'Zoho Desk: find or create a contact, open a ticket for it, attach a file and download it', nodes, edges);
}

/** Webhook trigger on ticket, attachment and contact changes, registered with the simulator when the workflow is activated. */
function webhookTriggerWorkflow(
	events = ['Ticket_Add', 'Ticket_Update', 'Ticket_Delete', 'Ticket_Thread_Add', 'Ticket_Comment_Add', 'Ticket_Attachment_Add', 'Contact_Add', 'Contact_Update'],
) {
	const parameters = { mode: 'automatic', events, includePrevState: true };
	const trigger = { ...packageNode(NODE_TYPES.webhookTrigger, TRIGGER_NODES.webhook, [0, 0], parameters), typeVersion: 1.1, webhookId: WEBHOOK_NODE_ID };
	return workflow(WORKFLOW_IDS.webhook, 'Zoho Desk: ticket, attachment and contact changes (webhook)', [trigger], []);
}

/** Poll trigger on ticket changes, every minute (n8n's shortest polling interval). */
function pollTriggerWorkflow() {
	const parameters = { table: 'tickets', event: 'any', pollTimes: { item: [{ mode: 'everyMinute' }] } };
	const trigger = packageNode(NODE_TYPES.pollTrigger, TRIGGER_NODES.poll, [0, 0], parameters);
	return workflow(WORKFLOW_IDS.poll, 'Zoho Desk: ticket changes (polling)', [trigger], []);
}

const webhookPath = () => `/webhook/${WEBHOOK_NODE_ID}/webhook`;

module.exports = {
	CREDENTIAL,
	CREDENTIAL_TYPE,
	OAUTH2_CREDENTIAL,
	NODE_TYPES,
	WORKFLOW_IDS,
	READ_NODES,
	OAUTH2_READ_NODES,
	TRIGGER_NODES,
	WRITE_NODES,
	WRITE_CUSTOM_FIELD,
	WRITE_CONVERSATION,
	CONTACT_NODES,
	CONTACT_WORKFLOW,
	selfClientCredential,
	oauth2Credential,
	readTablesWorkflow,
	oauth2ReadWorkflow,
	ticketWritesWorkflow,
	contactTicketWorkflow,
	webhookTriggerWorkflow,
	pollTriggerWorkflow,
	webhookPath,
};
