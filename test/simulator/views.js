'use strict';
/**
 * Records as the Desk API shows them: list items, get-by-id bodies, search items and webhook payloads, in the
 * shapes of the spec's response schemas (ISO times, numeric counts as strings, 19-digit ids as strings).
 */
const { FIELD_DEFINITIONS, customFieldsOf } = require('./fields');
const { deskError } = require('./http');

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const count = (n) => (n === null || n === undefined ? null : String(n));
const LABELS = Object.fromEntries(
	Object.entries(FIELD_DEFINITIONS).map(([module, defs]) => [module, new Map(defs.map((d) => [d.apiName, d.label]))]),
);

/** A record's custom field values, every custom field of its module present (null when unset), as Zoho shows them. */
const customValues = (module, cf) => ({ ...Object.fromEntries(customFieldsOf(module).map((f) => [f.apiName, null])), ...cf });

/** What a contact's or account's get-by-id adds: its legacy custom fields, flags and layout. */
const recordState = (module, record, ctx) => ({
	customFields: customFields(module, customValues(module, record.cf)),
	isDeleted: false,
	isFollowing: false,
	isTrashed: Boolean(record.trashed),
	layoutId: ctx.org.layouts[module].id,
	layoutDetails: { id: ctx.org.layouts[module].id, layoutName: ctx.org.layouts[module].layoutName },
});

/** An agent as a contact's or account's `owner` (include=owner): the spec's three fields. */
function personRef(org, agentId) {
	const agent = org.lookups.agents.get(agentId);
	return agent ? { firstName: agent.firstName, lastName: agent.lastName, id: agent.id } : null;
}

/** Address fields of contacts and accounts: null unless set. */
const fieldsOrNull = (record, names) => Object.fromEntries(names.map((name) => [name, record[name] ?? null]));

/** The legacy `customFields` form: display label → value. */
function customFields(module, cf) {
	const labels = LABELS[module];
	return Object.fromEntries(
		Object.entries(cf || {}).map(([apiName, value]) => [labels.get(apiName) ?? apiName, value]),
	);
}

const agentView = (agent) =>
	agent && {
		firstName: agent.firstName,
		photoURL: agent.photoURL,
		lastName: agent.lastName,
		id: agent.id,
		email: agent.email,
	};

/** A ticket's contact (include=contacts). */
function contactView(org, contact) {
	return {
		lastName: contact.lastName,
		firstName: contact.firstName,
		phone: contact.phone,
		mobile: contact.mobile,
		id: contact.id,
		type: contact.type,
		email: contact.email,
		isSpam: contact.isSpam,
		account: accountView(org, contact.accountId),
	};
}

const contactUrl = (ctx, id) => `${ctx.deskUrl}/support/${ctx.org.portalName}/ShowHomePage.do#Contacts/dv/${id}`;
const accountUrl = (ctx, id) => `${ctx.deskUrl}/support/${ctx.org.portalName}/ShowHomePage.do#Accounts/dv/${id}`;

/** A contact in lists (GET /contacts, an account's contacts, search); include=accounts adds its account. */
function contactListItem(contact, ctx, include = new Set()) {
	const view = {
		id: contact.id,
		firstName: contact.firstName,
		lastName: contact.lastName,
		email: contact.email,
		secondaryEmail: contact.secondaryEmail ?? null,
		phone: contact.phone,
		mobile: contact.mobile,
		type: contact.type,
		isSpam: contact.isSpam,
		isAnonymous: false,
		isEndUser: false,
		accountId: contact.accountId,
		accountCount: contact.accountId ? '1' : '0',
		ownerId: contact.ownerId,
		photoURL: null,
		zohoCRMContact: null,
		customerHappiness: { badPercentage: '0', okPercentage: '0', goodPercentage: '0' },
		createdTime: iso(contact.createdTime),
		webUrl: contactUrl(ctx, contact.id),
	};
	if (include.has('accounts')) view.account = accountView(ctx.org, contact.accountId);
	return view;
}

/** GET /contacts/{id}: every field; include=accounts and owner add those. */
function contactDetail(contact, ctx, include = new Set()) {
	const view = {
		...contactListItem(contact, ctx),
		title: contact.title,
		description: contact.description,
		...fieldsOrNull(contact, ['street', 'city', 'state', 'country', 'zip', 'twitter', 'facebook']),
		cf: customValues('contacts', contact.cf),
		...recordState('contacts', contact, ctx),
		modifiedTime: iso(contact.modifiedTime),
	};
	if (include.has('accounts')) view.account = accountView(ctx.org, contact.accountId);
	if (include.has('owner')) view.owner = personRef(ctx.org, contact.ownerId);
	return view;
}

/** An account in lists (GET /accounts, search). */
function accountListItem(account, ctx) {
	return {
		id: account.id,
		accountName: account.accountName,
		email: account.email,
		phone: account.phone,
		website: account.website,
		zohoCRMAccount: null,
		customerHappiness: { badPercentage: '0', okPercentage: '0', goodPercentage: '0' },
		createdTime: iso(account.createdTime),
		webUrl: accountUrl(ctx, account.id),
	};
}

/** GET /accounts/{id}: every field; include=owner adds the owner. */
function accountDetail(account, ctx, include = new Set()) {
	const view = {
		...accountListItem(account, ctx),
		industry: account.industry,
		description: account.description,
		ownerId: account.ownerId,
		...fieldsOrNull(account, ['street', 'city', 'state', 'country', 'code', 'fax', 'annualrevenue']),
		cf: customValues('accounts', account.cf),
		associatedSLAIds: [],
		...recordState('accounts', account, ctx),
		modifiedTime: iso(account.modifiedTime),
	};
	// The spec's account (unlike its list items) has no customerHappiness.
	delete view.customerHappiness;
	if (include.has('owner')) view.owner = personRef(ctx.org, account.ownerId);
	return view;
}

function productRef(org, productId) {
	const product = productId ? org.tables.products.get(productId) : undefined;
	return product ? { id: product.id, productName: product.productName } : null;
}

function departmentRef(org, departmentId) {
	const department = org.tables.departments.get(departmentId);
	return department ? { name: department.name, id: department.id } : null;
}

/** Ticket fields both the list view and the detail view carry. */
function ticketCommon(ticket, ctx) {
	return {
		ticketNumber: ticket.ticketNumber,
		subCategory: ticket.subCategory,
		statusType: ticket.statusType,
		subject: ticket.subject,
		dueDate: iso(ticket.dueDate),
		departmentId: ticket.departmentId,
		channel: ticket.channel,
		onholdTime: iso(ticket.onholdTime),
		language: ticket.language,
		closedTime: iso(ticket.closedTime),
		createdTime: iso(ticket.createdTime),
		id: ticket.id,
		email: ticket.email,
		customerResponseTime: iso(ticket.customerResponseTime),
		productId: ticket.productId,
		contactId: ticket.contactId,
		threadCount: count(ticket.threadCount),
		priority: ticket.priority,
		assigneeId: ticket.assigneeId,
		commentCount: count(ticket.commentCount),
		accountId: ticket.accountId,
		phone: ticket.phone,
		webUrl: `${ctx.deskUrl}/support/${ctx.org.portalName}/ShowHomePage.do#Cases/dv/${ticket.id}`,
		teamId: ticket.teamId,
		status: ticket.status,
		category: ticket.category,
		sentiment: ticket.sentiment,
		isArchived: false,
		isSpam: false,
		channelCode: null,
		lockedTime: null,
		responseDueDate: iso(ticket.responseDueDate),
		source: { appName: null, extId: null, permalink: null, type: 'SYSTEM', appPhotoURL: null },
		layoutId: ticket.layoutId,
	};
}

/** `include` values → the keys they add to a ticket (list and get). */
function ticketIncludes(ticket, ctx, include) {
	const { org } = ctx;
	const out = {};
	if (include.has('contacts')) out.contact = contactView(org, org.tables.contacts.get(ticket.contactId));
	if (include.has('products')) out.product = productRef(org, ticket.productId);
	if (include.has('assignee')) out.assignee = agentView(org.lookups.agents.get(ticket.assigneeId)) ?? null;
	if (include.has('departments')) out.department = departmentRef(org, ticket.departmentId);
	if (include.has('team')) {
		const team = org.lookups.teams.get(ticket.teamId);
		out.team = team ? { name: team.name, id: team.id, logoUrl: team.logoUrl } : null;
	}
	if (include.has('isRead')) out.isRead = ticket.threadCount % 2 === 0;
	if (include.has('contract')) out.contractId = ticket.contractId;
	if (include.has('skills')) out.skillsInfo = [];
	return out;
}

function ticketListItem(ticket, ctx, include = new Set()) {
	const lastThread = ticket.threadCount
		? { channel: ticket.channel, direction: 'in', isDraft: false, isForward: false }
		: null;
	return { ...ticketCommon(ticket, ctx), lastThread, relationshipType: null, ...ticketIncludes(ticket, ctx, include) };
}

/** Search items: the list view plus modifiedTime and custom fields (the spec gives search no schema). */
function ticketSearchItem(ticket, ctx) {
	return {
		...ticketListItem(ticket, ctx),
		modifiedTime: iso(ticket.modifiedTime),
		cf: { ...ticket.cf },
		customFields: customFields('tickets', ticket.cf),
	};
}

function ticketDetail(ticket, ctx, include = new Set()) {
	return {
		...ticketCommon(ticket, ctx),
		modifiedTime: iso(ticket.modifiedTime),
		description: ticket.description,
		classification: ticket.classification,
		cf: { ...ticket.cf },
		customFields: customFields('tickets', ticket.cf),
		sourceTicket: null,
		isOverDue: ticket.statusType !== 'Closed' && ticket.dueDate !== null && ticket.dueDate < ctx.now,
		isResponseOverdue: false,
		isEscalated: ticket.isEscalated,
		isTrashed: ticket.trashed,
		isDeleted: false,
		approvalCount: '0',
		timeEntryCount: '0',
		attachmentCount: count(ticket.attachmentCount),
		taskCount: count(ticket.taskCount),
		channelRelatedInfo: null,
		entitySkills: [],
		resolution: null,
		secondaryContacts: [],
		sharedDepartments: [],
		slaId: null,
		modifiedBy: ticket.modifiedBy,
		layoutDetails: { id: ctx.org.layouts.tickets.id, layoutName: ctx.org.layouts.tickets.layoutName },
		isFollowing: false,
		createdBy: ticket.createdBy,
		tagCount: '0',
		followerCount: '0',
		...ticketIncludes(ticket, ctx, include),
	};
}

function departmentView(department, _ctx, { detail = false } = {}) {
	const view = {
		isAssignToTeamEnabled: department.isAssignToTeamEnabled,
		chatStatus: department.chatStatus,
		hasLogo: department.hasLogo,
		sanitizedName: department.sanitizedName,
		isVisibleInCustomerPortal: department.isVisibleInCustomerPortal,
		creatorId: department.creatorId,
		description: department.description,
		isDefault: department.isDefault,
		isEnabled: department.isEnabled,
		name: department.name,
		createdTime: iso(department.createdTime),
		id: department.id,
		nameInCustomerPortal: department.nameInCustomerPortal,
	};
	if (detail) view.associatedAgentIds = [...department.associatedAgentIds];
	return view;
}

function ownerView(org, ownerId) {
	const agent = org.lookups.agents.get(ownerId);
	return agent
		? { firstName: agent.firstName, photoURL: agent.photoURL, lastName: agent.lastName, name: agent.name, id: agent.id }
		: null;
}

function productListItem(product, ctx, include = new Set()) {
	const view = {
		unitPrice: Number(product.unitPrice).toFixed(1),
		productCode: product.productCode,
		productName: product.productName,
		id: product.id,
	};
	if (include.has('owner')) view.owner = ownerView(ctx.org, product.ownerId);
	return view;
}

function productDetail(product, ctx, include = new Set()) {
	const view = {
		...productListItem(product, ctx),
		departmentIds: [...product.departmentIds],
		cf: { ...product.cf },
		customFields: customFields('products', product.cf),
		description: product.description,
		ownerId: product.ownerId,
		productCategory: product.productCategory,
		manufacturer: product.manufacturer,
		modifiedTime: iso(product.modifiedTime),
		isDeleted: product.trashed,
		createdBy: product.createdBy,
		createdTime: iso(product.createdTime),
		modifiedBy: product.modifiedBy,
		layoutId: product.layoutId,
		layoutDetails: { id: ctx.org.layouts.products.id, layoutName: ctx.org.layouts.products.layoutName },
	};
	if (include.has('owner')) view.owner = ownerView(ctx.org, product.ownerId);
	if (include.has('departments')) view.departments = product.departmentIds.map((id) => departmentRef(ctx.org, id));
	return view;
}

function supportPlanView(org, planId) {
	const plan = org.lookups.supportPlans.get(planId);
	return plan ? { supportType: plan.supportType, name: plan.name, id: plan.id, status: plan.status } : null;
}

function accountView(org, accountId) {
	const account = org.tables.accounts.get(accountId);
	return account ? { website: account.website, accountName: account.accountName, id: account.id } : null;
}

function slaView(org, slaId) {
	const sla = org.lookups.slas.get(slaId);
	return sla ? { name: sla.name, id: sla.id } : null;
}

function contractOwner(org, ownerId) {
	const owner = ownerView(org, ownerId);
	return owner && { photoURL: owner.photoURL, name: owner.name, id: owner.id };
}

function contractListItem(contract, ctx, include = new Set()) {
	const { org } = ctx;
	const view = {
		associatedSLAId: contract.associatedSLAId,
		accountId: contract.accountId,
		contractStatus: contract.contractStatus,
		productId: contract.productId,
		endDate: contract.endDate,
		departmentId: contract.departmentId,
		contractName: contract.contractName,
		id: contract.id,
		associatedSupportPlanId: contract.supportPlanId,
		ownerId: contract.ownerId,
		supportPlan: supportPlanView(org, contract.supportPlanId),
		startDate: contract.startDate,
	};
	if (include.has('accounts')) view.account = accountView(org, contract.accountId);
	if (include.has('products')) view.product = productRef(org, contract.productId);
	if (include.has('slas')) view.sla = slaView(org, contract.associatedSLAId);
	if (include.has('owner')) view.owner = contractOwner(org, contract.ownerId);
	if (include.has('departments')) view.department = departmentRef(org, contract.departmentId);
	return view;
}

function contractDetail(contract, ctx) {
	const { org } = ctx;
	return {
		modifiedTime: iso(contract.modifiedTime),
		endDate: contract.endDate,
		customFields: customFields('contracts', contract.cf),
		departmentId: contract.departmentId,
		description: contract.description,
		ownerId: contract.ownerId,
		notificationAgentIds: [...contract.notificationAgentIds],
		createdTime: iso(contract.createdTime),
		modifiedBy: contract.modifiedBy,
		contractName: contract.contractName,
		id: contract.id,
		associatedSLAId: contract.associatedSLAId,
		owner: contractOwner(org, contract.ownerId),
		product: productRef(org, contract.productId),
		cf: { ...contract.cf },
		contractStatus: contract.contractStatus,
		productId: contract.productId,
		notifyBefore: contract.notifyBefore,
		contractNumber: contract.contractNumber,
		sla: slaView(org, contract.associatedSLAId),
		layoutId: contract.layoutId,
		accountId: contract.accountId,
		createdBy: contract.createdBy,
		notifyOn: contract.notifyOn,
		supportPlan: supportPlanView(org, contract.supportPlanId),
		startDate: contract.startDate,
		account: accountView(org, contract.accountId),
	};
}

function fieldView(field) {
	const { module, trashed, ...view } = field;
	return { ...view, allowedValues: view.allowedValues && view.allowedValues.map((value) => ({ ...value })) };
}

const EDITION_NAMES = {
	free: 'FREE',
	express: 'EXPRESS',
	standard: 'STANDARD',
	professional: 'PROFESSIONAL',
	enterprise: 'ENTERPRISE',
};

function organizationView(org, ctx) {
	return {
		country: 'United States',
		city: 'Pleasanton',
		companyName: org.companyName,
		description: 'A simulated Zoho Desk portal',
		edition: EDITION_NAMES[ctx.edition],
		employeeCount: '25',
		employeeCountRange: '25 - 49',
		industry: 'Software & IT',
		timeZone: 'UTC',
		preferredSolution: ['Ticket Management'],
		migrationFrom: null,
		preferredCommunicationChannels: ['Email'],
		designation: null,
		isAdminInOrg: true,
		faviconURL: null,
		portalName: org.portalName,
		street: '4141 Hacienda Drive',
		currencyLocale: 'US',
		alias: null,
		id: org.id,
		state: 'California',
		isPayloadEncryptionEnabled: false,
		fax: null,
		zip: '94588',
		website: `www.${org.portalName}.example.com`,
		mobile: null,
		currencySymbol: '$',
		logoURL: null,
		isDefault: ctx.orgIndex === 0,
		phoneNumber: '1 888 900 9646',
		portalURL: `${ctx.deskUrl}/support/${org.portalName}`,
		primaryContact: `admin@${org.portalName}.example.com`,
		currencyCode: 'USD',
		isSandboxPortal: false,
	};
}

/**
 * A list item reduced to `fields` (≤ 30 API names, custom ones as `cf_*`), taken from the record's get-by-id view.
 * Zoho returns only the named fields (and the id).
 */
function selectFields(detail, fields) {
	if (fields.length > 30)
		throw deskError(422, 'UNPROCESSABLE_ENTITY', "The value passed for the 'fields' query parameter is invalid.");
	const view = { id: detail.id };
	for (const name of fields) {
		if (name.startsWith('cf_') && detail.cf && name in detail.cf) (view.cf ??= {})[name] = detail.cf[name];
		else if (name in detail) view[name] = detail[name];
		else throw deskError(422, 'UNPROCESSABLE_ENTITY', "The value passed for the 'fields' query parameter is invalid.");
	}
	return view;
}

module.exports = {
	iso,
	contactListItem,
	contactDetail,
	accountListItem,
	accountDetail,
	ticketListItem,
	ticketSearchItem,
	ticketDetail,
	departmentView,
	productListItem,
	productDetail,
	contractListItem,
	contractDetail,
	fieldView,
	organizationView,
	selectFields,
};
