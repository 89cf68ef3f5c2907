'use strict';
/**
 * Record changes made through the control API, as a Zoho agent or automation would make them: creates, updates
 * (which bump modifiedTime) and deletes (to the trash; `permanent` removes for good). Each change emits the
 * webhook events Zoho has for the table (Ticket_Add/Update/Delete, Department_Add/Update).
 */
const { deskError } = require('./http');
const { TICKET_STATUSES, fieldRecord } = require('./fields');
const views = require('./views');

const TIME_FIELDS = [
	'createdTime',
	'modifiedTime',
	'dueDate',
	'responseDueDate',
	'customerResponseTime',
	'closedTime',
	'onholdTime',
	'recentThread',
];
const DAY = 24 * 3600 * 1000;
const EVENTS = {
	tickets: { add: 'Ticket_Add', update: 'Ticket_Update', delete: 'Ticket_Delete' },
	departments: { add: 'Department_Add', update: 'Department_Update' },
	contacts: { add: 'Contact_Add', update: 'Contact_Update', delete: 'Contact_Delete' },
	accounts: { add: 'Account_Add', update: 'Account_Update', delete: 'Account_Delete' },
};
const TABLES = ['tickets', 'departments', 'products', 'contracts', 'organizationFields', 'contacts', 'accounts'];

/** API-shaped input (ISO times, string counts) → stored form (epoch ms, numbers). */
function toStored(fields) {
	const out = { ...fields };
	for (const key of TIME_FIELDS) {
		if (out[key] === undefined || out[key] === null) continue;
		const ms = typeof out[key] === 'number' ? out[key] : Date.parse(out[key]);
		if (Number.isNaN(ms)) throw deskError(422, 'INVALID_DATA', `${key} is not a time`);
		out[key] = ms;
	}
	for (const key of ['threadCount', 'commentCount', 'attachmentCount', 'taskCount', 'unitPrice']) {
		if (out[key] !== undefined && out[key] !== null) out[key] = Number(out[key]);
	}
	for (const key of ['id', 'trashed', 'seedIndex']) delete out[key];
	return out;
}

/** Defaults for a new record of each table, so a test can create one from a few fields. */
function defaultsFor(table, org, now) {
	const departments = org.tables.departments.liveEntries().map((entry) => org.tables.departments.full(entry));
	const department = departments.find((d) => d.isEnabled) ?? departments[0];
	const agent = org.lookups.agents.values().next().value;
	const contact = org.tables.contacts.firstLive();
	switch (table) {
		case 'tickets':
			return {
				ticketNumber: String(org.nextTicketNumber++),
				subject: 'New ticket',
				description: '<div>New ticket</div>',
				email: contact.email,
				phone: contact.phone,
				status: 'Open',
				priority: 'Medium',
				channel: 'Email',
				language: 'English',
				classification: null,
				category: null,
				subCategory: null,
				departmentId: department.id,
				contactId: contact.id,
				accountId: contact.accountId,
				productId: null,
				assigneeId: null,
				teamId: null,
				layoutId: org.layouts.tickets.id,
				createdTime: now,
				dueDate: now + 3 * DAY,
				responseDueDate: now + DAY,
				customerResponseTime: now,
				closedTime: null,
				onholdTime: null,
				threadCount: 1,
				commentCount: 0,
				attachmentCount: 0,
				taskCount: 0,
				sentiment: null,
				isEscalated: false,
				createdBy: agent.id,
				modifiedBy: agent.id,
				contractId: null,
				cf: {
					cf_severity: 'S3',
					cf_customer_tier: 'Bronze',
					cf_external_ref: null,
					cf_sla_breach_count: '0',
					cf_renewal_date: null,
					cf_is_vip: 'false',
				},
			};
		case 'departments':
			return {
				name: `Department ${org.tables.departments.entries.size + 1}`,
				description: null,
				isEnabled: true,
				isDefault: false,
				creatorId: agent.id,
				createdTime: now,
				chatStatus: 'NOT_CREATED',
				hasLogo: false,
				isAssignToTeamEnabled: false,
				isVisibleInCustomerPortal: true,
				nameInCustomerPortal: null,
				sanitizedName: null,
				associatedAgentIds: [agent.id],
			};
		case 'products':
			return {
				productName: 'New product',
				productCode: null,
				unitPrice: 0,
				productCategory: null,
				manufacturer: null,
				description: null,
				ownerId: agent.id,
				departmentIds: [department.id],
				createdBy: agent.id,
				createdTime: now,
				modifiedBy: agent.id,
				layoutId: org.layouts.products.id,
				cf: { cf_warranty_months: null, cf_sku_family: null },
			};
		case 'contracts': {
			const account = org.tables.accounts.firstLive();
			const today = new Date(now).toISOString().slice(0, 10);
			return {
				contractName: 'New contract',
				contractNumber: null,
				contractStatus: 'ACTIVE',
				startDate: today,
				endDate: new Date(now + 365 * DAY).toISOString().slice(0, 10),
				notifyBefore: '5',
				notifyOn: null,
				description: null,
				associatedSLAId: org.lookups.slas.keys().next().value,
				supportPlanId: org.lookups.supportPlans.keys().next().value,
				accountId: account.id,
				accountName: account.accountName,
				productId: null,
				departmentId: department.id,
				ownerId: agent.id,
				notificationAgentIds: [agent.id],
				createdBy: agent.id,
				createdTime: now,
				modifiedBy: agent.id,
				layoutId: org.layouts.contracts.id,
				cf: { cf_billing_cycle: null },
			};
		}
		case 'contacts': {
			const account = org.tables.accounts.firstLive();
			return {
				firstName: null,
				lastName: 'New contact',
				email: null,
				phone: null,
				mobile: null,
				type: null,
				isSpam: false,
				title: null,
				description: null,
				accountId: account?.id ?? null,
				ownerId: agent.id,
				createdTime: now,
			};
		}
		case 'accounts':
			return {
				accountName: 'New account',
				website: null,
				email: null,
				phone: null,
				industry: null,
				description: null,
				ownerId: agent.id,
				createdTime: now,
			};
		default:
			return {};
	}
}

/** Fields a stored change implies: ticket statusType and close/on-hold times follow the status. */
function deriveTicket(record, previous, now) {
	record.statusType = TICKET_STATUSES.find((s) => s.value === record.status)?.statusType ?? record.statusType ?? 'Open';
	if (record.status !== previous?.status) {
		record.closedTime = record.statusType === 'Closed' ? now : null;
		record.onholdTime = record.statusType === 'On Hold' ? now : null;
	}
	record.isEscalated = record.status === 'Escalated';
	return record;
}

function createRecords({ orgs, webhooks, clock, contextFor }) {
	const orgOf = (orgId) => {
		const org = orgId === undefined ? orgs[0] : orgs.find((o) => o.id === String(orgId));
		if (!org) throw deskError(422, 'INVALID_DATA', `Unknown orgId ${orgId}`);
		return org;
	};
	const tableOf = (org, table) => {
		if (!TABLES.includes(table)) throw deskError(404, 'URL_NOT_FOUND', `Unknown table ${table}`);
		return org.tables[table];
	};
	const existing = (org, table, id) => {
		const record = tableOf(org, table).get(String(id));
		if (!record) throw deskError(404, 'URL_NOT_FOUND', `No ${table} record ${id}`);
		return record;
	};

	/** The get-by-id view of a record, used for webhook payloads and control answers. */
	function detailOf(org, table, record) {
		const ctx = contextFor(org);
		switch (table) {
			case 'tickets':
				return views.ticketDetail(record, ctx);
			case 'departments':
				return views.departmentView(record, ctx, { detail: true });
			case 'products':
				return views.productDetail(record, ctx);
			case 'contracts':
				return views.contractDetail(record, ctx);
			case 'contacts':
				return views.contactDetail(record, ctx);
			case 'accounts':
				return views.accountDetail(record, ctx);
			default:
				return views.fieldView(record);
		}
	}

	/** Top-level API fields (and cf_* keys) whose value differs between two views. */
	function changedFields(before, after) {
		const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
		const changed = [...keys].filter(
			(key) => key !== 'cf' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
		);
		const cfKeys = new Set([...Object.keys(before.cf ?? {}), ...Object.keys(after.cf ?? {})]);
		return [...changed, ...[...cfKeys].filter((key) => before.cf?.[key] !== after.cf?.[key])];
	}

	/** The webhook event of a change, if Zoho has one for this table and kind (add, update, delete). */
	function eventOf(table, kind, record, payload, { prevState, changedFields: changed = [], eventTime }) {
		const eventType = EVENTS[table]?.[kind];
		if (!eventType) return [];
		return [
			{ eventType, payload, prevState, departmentId: record.departmentId ?? null, changedFields: changed, eventTime },
		];
	}

	function emit(org, changes, { origin, sourceId } = {}) {
		if (changes.length) webhooks.dispatch(org, changes, { automation: origin === 'automation', sourceId });
	}

	function normalizeNew(org, table, fields, now) {
		const stored = { ...defaultsFor(table, org, now), ...toStored(fields) };
		if (table === 'organizationFields') {
			if (!stored.module || !stored.apiName) throw deskError(422, 'INVALID_DATA', 'module and apiName are required');
			const definition = {
				apiName: stored.apiName,
				label: stored.displayLabel ?? stored.apiName,
				type: stored.type ?? 'Text',
				maxLength: stored.maxLength ?? 255,
				custom: stored.apiName.startsWith('cf_'),
			};
			return { ...fieldRecord(stored.module, definition, org.newId.organizationFields()), ...stored, trashed: false };
		}
		const record = { id: org.newId[table](), ...stored, trashed: false };
		record.modifiedTime = Math.max(record.modifiedTime ?? record.createdTime, record.createdTime);
		if (table === 'contracts') record.accountName = org.tables.accounts.get(record.accountId)?.accountName ?? null;
		if (table !== 'tickets') return record;
		record.recentThread ??= record.modifiedTime;
		return deriveTicket(record, undefined, record.createdTime);
	}

	/** Creates one record or, given an array, several (their events go out in one delivery per webhook). */
	function createRecord(table, fields, options = {}) {
		const org = orgOf(options.orgId);
		const store = tableOf(org, table);
		const list = Array.isArray(fields) ? fields : [fields];
		const changes = [];
		const created = list.map((item) => {
			const now = clock();
			const record = normalizeNew(org, table, item ?? {}, now);
			store.put(record);
			const payload = detailOf(org, table, record);
			changes.push(...eventOf(table, 'add', record, payload, { eventTime: now }));
			return payload;
		});
		emit(org, changes, options);
		return Array.isArray(fields) ? created : created[0];
	}

	function updateRecord(table, id, fields, options = {}) {
		const org = orgOf(options.orgId);
		const previous = existing(org, table, id);
		if (previous.trashed) throw deskError(422, 'INVALID_DATA', `${table} record ${id} is in the trash`);
		const now = clock();
		const patch = toStored(fields ?? {});
		const next = { ...previous, ...patch };
		if (patch.cf) next.cf = { ...previous.cf, ...patch.cf };
		if (table !== 'organizationFields' && patch.modifiedTime === undefined)
			next.modifiedTime = Math.max(now, previous.modifiedTime);
		if (table === 'contracts') next.accountName = org.tables.accounts.get(next.accountId)?.accountName ?? null;
		if (table === 'tickets') {
			if (patch.recentThread === undefined) next.recentThread = next.modifiedTime;
			deriveTicket(next, previous, next.modifiedTime);
		}
		tableOf(org, table).put(next);
		const before = detailOf(org, table, previous);
		const payload = detailOf(org, table, next);
		const changed = changedFields(before, payload);
		emit(
			org,
			eventOf(table, 'update', next, payload, { prevState: before, changedFields: changed, eventTime: now }),
			options,
		);
		return payload;
	}

	/** Moves a record to the trash (lists and search stop showing it), or removes it for good with `permanent`. */
	function deleteRecord(table, id, options = {}) {
		const org = orgOf(options.orgId);
		const store = tableOf(org, table);
		const previous = existing(org, table, id);
		const now = clock();
		const trashed = { ...previous, trashed: true };
		if (table !== 'organizationFields') trashed.modifiedTime = Math.max(now, previous.modifiedTime);
		if (options.permanent) store.purge(previous.id);
		else store.put(trashed);
		const payload = detailOf(org, table, trashed);
		if (!previous.trashed) emit(org, eventOf(table, 'delete', previous, payload, { eventTime: now }), options);
		return payload;
	}

	function getRecord(table, id, options = {}) {
		const org = orgOf(options.orgId);
		return detailOf(org, table, existing(org, table, id));
	}

	return { createRecord, updateRecord, deleteRecord, getRecord };
}

module.exports = { createRecords };
