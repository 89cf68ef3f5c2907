'use strict';
/**
 * Deterministic seeded portals: the same seed and sizes always give the same records. Times are epoch ms inside
 * the simulator (views render ISO strings). Ticket creation times spread over two years, some tickets share the
 * exact same createdTime or modifiedTime millisecond (bulk imports and bulk updates), and ~1% are in the trash.
 */
const { createRandom, createIdFactory } = require('./random');
const { Table } = require('./table');
const { FIELD_DEFINITIONS, TICKET_STATUSES, customFieldsOf, fieldRecord } = require('./fields');

const DAY = 24 * 3600 * 1000;
const TABLE_CODES = {
	tickets: '10',
	departments: '11',
	products: '12',
	contracts: '13',
	organizationFields: '14',
	contacts: '15',
	accounts: '16',
	agents: '17',
	teams: '18',
	webhooks: '19',
	layouts: '20',
	slas: '21',
	supportPlans: '22',
	attachments: '23',
};
/** Tables the Desk API serves, with the keys their big lists are indexed by. */
const TABLE_INDEXES = {
	tickets: ['createdTime', 'modifiedTime'],
	departments: [],
	products: [],
	contracts: [],
	organizationFields: [],
	contacts: [],
	accounts: [],
};

/** The two seeded portals; the first holds the configured number of tickets. */
const ORGS = [
	{ id: '60001234567', prefix: '600123', companyName: 'Zylker Support (simulated)', portalName: 'zylkersim' },
	{ id: '60007654321', prefix: '600765', companyName: 'Acme Helpdesk (simulated)', portalName: 'acmesim' },
];
const SECOND_ORG_TICKETS = 25;

const FIRST_NAMES = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Ethan', 'Isla', 'Omar', 'Lena', 'Ravi', 'Sara', 'Jon'];
const LAST_NAMES = ['Carol', 'Vincent', 'Patel', 'Nguyen', 'Schmidt', 'Rossi', 'Okafor', 'Silva', 'Kim', 'Dubois'];
const SUBJECTS = [
	'Cannot log in after password reset',
	'Invoice shows the wrong amount',
	'Order has not arrived yet',
	'Feature request: export to CSV',
	'Delay in processing the orders',
	'App crashes on start',
	'Refund for duplicate charge',
	'How do I add a second user?',
	'Shipping address change',
	'Data sync is slow',
	'Product arrived damaged',
	'Need a copy of the contract',
	'Upgrade to the next plan',
	'Two-factor code not received',
];
const DESCRIPTIONS = SUBJECTS.map((subject) => `<div>${subject}. Please help.<br /></div>`);
const DEPARTMENTS = ['Support', 'Billing', 'Sales', 'Engineering', 'Legacy Support'];
const CHANNELS = ['Email', 'Email', 'Email', 'Phone', 'Web', 'Chat', 'Forums', 'Twitter', 'Facebook'];
const PRIORITIES = ['High', 'Medium', 'Medium', 'Low', null];
const CLASSIFICATIONS = ['Question', 'Problem', 'Request', 'Others', null];
const CATEGORIES = ['General', 'Billing', 'Technical', null];
const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE', null];

const dateOnly = (ms) => new Date(ms).toISOString().slice(0, 10);

function seedPortal(orgDef, orgIndex, { seed, tickets: ticketCount, endTime, ticketShape }) {
	const random = createRandom(seed * 7919 + orgIndex * 104729 + 1);
	const newId = Object.fromEntries(
		Object.entries(TABLE_CODES).map(([table, code]) => [table, createIdFactory(orgDef.prefix, code, 1000)]),
	);
	const start = endTime - 730 * DAY;
	const inWindow = (from = start, to = endTime) => from + Math.floor(random.next() * (to - from));

	const agents = Array.from({ length: 8 }, (_, i) => {
		const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
		const lastName = LAST_NAMES[(i * 3) % LAST_NAMES.length];
		const id = newId.agents();
		return {
			id,
			firstName,
			lastName,
			name: `${firstName} ${lastName}`,
			email: `${firstName}.${lastName}@${orgDef.portalName}.example.com`.toLowerCase(),
			photoURL: `https://desk.example.com/api/v1/agents/${id}/photo?orgId=${orgDef.id}`,
		};
	});
	const teams = ['Tier 1', 'Tier 2', 'Escalations'].map((name) => {
		const id = newId.teams();
		return { id, name, logoUrl: `https://desk.example.com/api/v1/teams/${id}/logo?orgId=${orgDef.id}` };
	});
	// Accounts and contacts predate the tickets. (No random draws here: the tickets' seeded fields stay as they were.)
	const accounts = Array.from({ length: 60 }, (_, i) => {
		const createdTime = start - (60 - i) * DAY;
		return {
			id: newId.accounts(),
			accountName: `Customer ${String(i + 1).padStart(2, '0')} Ltd`,
			website: `https://www.customer${i + 1}.example.com`,
			email: `info@customer${i + 1}.example.com`,
			phone: `+1 555 02${String(i).padStart(2, '0')}`,
			industry: ['Retail', 'Manufacturing', 'Services', null][i % 4],
			description: null,
			ownerId: agents[i % agents.length].id,
			createdTime,
			modifiedTime: createdTime + (i % 30) * DAY,
			trashed: false,
		};
	});
	const contacts = Array.from({ length: 300 }, (_, i) => {
		const firstName = random.pick(FIRST_NAMES);
		const lastName = random.pick(LAST_NAMES);
		const createdTime = start - (300 - i) * 3600 * 1000;
		return {
			id: newId.contacts(),
			firstName,
			lastName,
			type: null,
			isSpam: false,
			email: `${firstName}.${lastName}${i}@mail.example.com`.toLowerCase(),
			phone: `+1 555 01${String(i).padStart(2, '0')}`.slice(0, 14),
			mobile: null,
			title: null,
			description: null,
			accountId: accounts[i % accounts.length].id,
			ownerId: agents[i % agents.length].id,
			createdTime,
			modifiedTime: createdTime + (i % 30) * DAY,
			trashed: false,
		};
	});
	const slas = ['Gold SLA', 'Silver SLA', 'Bronze SLA'].map((name) => ({ id: newId.slas(), name }));
	const supportPlans = ['Gold Plan', 'Silver Plan', 'Basic Plan'].map((name, i) => ({
		id: newId.supportPlans(),
		name,
		supportType: ['UNLIMITED_SUPPORT', 'HOURS', 'TICKETS'][i],
		status: 'ACTIVE',
	}));
	const layouts = Object.fromEntries(
		Object.keys(TABLE_INDEXES).map((table) => [table, { id: newId.layouts(), layoutName: `Standard ${table} layout` }]),
	);
	const lookups = {
		agents: new Map(agents.map((a) => [a.id, a])),
		teams: new Map(teams.map((t) => [t.id, t])),
		slas: new Map(slas.map((s) => [s.id, s])),
		supportPlans: new Map(supportPlans.map((p) => [p.id, p])),
	};
	const customValue = (field, random) => {
		if (field.values) return random.pick(field.values);
		if (field.type === 'Number') return String(random.int(0, 24));
		if (field.type === 'Date') return random.chance(0.3) ? null : dateOnly(endTime + random.int(-60, 365) * DAY);
		if (field.type === 'Boolean') return random.chance(0.1) ? 'true' : 'false';
		return random.chance(0.4) ? null : `EXT-${random.int(10000, 99999)}`;
	};
	const customFieldsFor = (module) => {
		const fields = customFieldsOf(module);
		return (stream = random) => {
			const cf = {};
			for (const field of fields) cf[field.apiName] = customValue(field, stream);
			return cf;
		};
	};

	const departments = DEPARTMENTS.map((name, i) => {
		const createdTime = start - (DEPARTMENTS.length - i) * DAY;
		return {
			id: newId.departments(),
			name,
			description: `${name} department`,
			isEnabled: i < 4,
			isDefault: i === 0,
			creatorId: agents[0].id,
			createdTime,
			modifiedTime: createdTime,
			chatStatus: i === 0 ? 'AVAILABLE' : 'NOT_CREATED',
			hasLogo: false,
			isAssignToTeamEnabled: i < 2,
			isVisibleInCustomerPortal: i < 4,
			nameInCustomerPortal: name,
			sanitizedName: name.toLowerCase().replace(/\s+/g, '-'),
			associatedAgentIds: agents.filter((_, a) => a % 4 === i % 4 || a === 0).map((a) => a.id),
			trashed: false,
		};
	});
	const enabledDepartments = departments.filter((d) => d.isEnabled);

	const productCf = customFieldsFor('products');
	const products = Array.from({ length: 40 }, (_, i) => {
		const createdTime = inWindow();
		return {
			id: newId.products(),
			productName: `Product ${String(i + 1).padStart(2, '0')}`,
			productCode: `P-${String(1000 + i)}`,
			unitPrice: random.int(5, 500),
			productCategory: random.pick(['Hardware', 'Software', 'Service']),
			manufacturer: random.pick(['Zylker', 'Acme', null]),
			description: `Seeded product ${i + 1}`,
			ownerId: random.pick(agents).id,
			departmentIds: [random.pick(enabledDepartments).id],
			createdBy: agents[0].id,
			createdTime,
			modifiedBy: agents[0].id,
			modifiedTime: Math.min(endTime, createdTime + random.int(0, 90) * DAY),
			layoutId: layouts.products.id,
			cf: productCf(),
			trashed: i % 20 === 19,
		};
	});

	const contractCf = customFieldsFor('contracts');
	const contracts = Array.from({ length: 50 }, (_, i) => {
		const createdTime = inWindow();
		const startDate = createdTime + random.int(-30, 60) * DAY;
		const endDate = startDate + random.int(90, 730) * DAY;
		const account = random.pick(accounts);
		return {
			id: newId.contracts(),
			contractName: `Contract ${String(i + 1).padStart(3, '0')} – ${account.accountName}`,
			contractNumber: `CN-${String(i + 1).padStart(5, '0')}`,
			contractStatus: startDate > endTime ? 'FUTURE' : endDate < endTime ? 'EXPIRED' : 'ACTIVE',
			startDate: dateOnly(startDate),
			endDate: dateOnly(endDate),
			notifyBefore: '5',
			notifyOn: dateOnly(endDate - 5 * DAY),
			description: null,
			associatedSLAId: random.pick(slas).id,
			supportPlanId: random.pick(supportPlans).id,
			accountId: account.id,
			accountName: account.accountName,
			productId: random.chance(0.5) ? random.pick(products).id : null,
			departmentId: random.pick(enabledDepartments).id,
			ownerId: random.pick(agents).id,
			notificationAgentIds: [agents[0].id],
			createdBy: agents[0].id,
			createdTime,
			modifiedBy: agents[0].id,
			modifiedTime: Math.min(endTime, createdTime + random.int(0, 120) * DAY),
			layoutId: layouts.contracts.id,
			cf: contractCf(),
			trashed: i % 17 === 16,
		};
	});

	const organizationFields = Object.entries(FIELD_DEFINITIONS).flatMap(([module, definitions]) =>
		definitions.map((definition) => ({
			...fieldRecord(module, definition, newId.organizationFields()),
			trashed: false,
		})),
	);

	const lazyTickets = seedTickets({
		random,
		ticketShape,
		seed,
		orgIndex,
		newId,
		ticketCount,
		start,
		endTime,
		departments: enabledDepartments,
		agents,
		teams,
		contacts,
		products,
		customFields: customFieldsFor('tickets'),
		layout: layouts.tickets,
	});

	const tables = Object.fromEntries(
		Object.entries(TABLE_INDEXES).map(([name, indexKeys]) => [name, new Table(name, indexKeys)]),
	);
	tables.tickets.load([], lazyTickets);
	tables.departments.load(departments);
	tables.products.load(products);
	tables.contracts.load(contracts);
	tables.organizationFields.load(organizationFields);
	tables.contacts.load(contacts);
	tables.accounts.load(accounts);
	return { ...orgDef, tables, newId, lookups, layouts, nextTicketNumber: ticketCount + 1 };
}

/**
 * Tickets are seeded lazily: only id, times and the trash flag are built up front (what indexes and paging need);
 * the other fields come from a per-ticket random stream the first time a ticket is read or filtered on.
 */
/**
 * Where in the two years tickets were created, for benchmarks (`ticketShape`): a uniform draw u in [0, 1) becomes a
 * place in the span. Bursts are uniform times with blocks of tickets sharing one millisecond (bulk imports).
 */
const TICKET_SHAPES = {
	uniform: (u) => u,
	frontLoaded: (u) => 0.4 * u, // a portal that went quiet: every ticket in the first 40 % of its history
	recent: (u) => 0.9 + 0.1 * u, // a new portal: every ticket in the last 10 %
	growth: (u) => u ** (2 / 3), // volume ∝ √time: the density of x^(3/2)
	bursts: (u) => u,
};

/** Blocks of 250 and of 1,500 tickets sharing one millisecond, one of each per 10,000 tickets. */
function addBursts(created) {
	const blocks = Math.max(1, Math.floor(created.length / 10_000));
	for (let b = 0; b < blocks; b++) {
		for (const [size, at] of [[250, 0.25], [1500, 0.75]]) {
			const first = Math.floor(((b + at) / blocks) * created.length);
			for (let i = first; i < Math.min(created.length, first + size); i++) created[i] = created[first];
		}
	}
}

function seedTickets({ random, ticketShape = 'uniform', seed, orgIndex, newId, ticketCount, start, endTime, ...pools }) {
	const place = TICKET_SHAPES[ticketShape];
	if (!place) throw new Error(`Unknown ticketShape ${ticketShape} (${Object.keys(TICKET_SHAPES).join(', ')})`);
	// Sorted creation times first, so ids (allocated in order) grow with createdTime as Zoho's do.
	const created = new Float64Array(ticketCount);
	for (let i = 0; i < ticketCount; i++) created[i] = start + Math.floor(place(random.next()) * (endTime - start));
	created.sort();
	for (let i = 1; i < ticketCount; i++) if (random.chance(0.03)) created[i] = created[i - 1]; // same-ms imports
	if (ticketShape === 'bursts') addBursts(created);

	const modified = new Float64Array(ticketCount);
	for (let i = 0; i < ticketCount; i++) {
		modified[i] = random.chance(0.25)
			? created[i]
			: Math.min(endTime, created[i] + Math.floor(random.next() ** 3 * 60 * DAY));
	}
	// Bulk updates: a run of tickets all modified in the same millisecond, after the last of them was created.
	for (let i = 0; i < ticketCount; i++) {
		if (!random.chance(0.005)) continue;
		const last = Math.min(ticketCount - 1, i + random.int(5, 30) - 1);
		const at = Math.min(endTime, created[last] + random.int(0, 5 * DAY));
		for (let j = i; j <= last; j++) modified[j] = at;
		i = last;
	}

	const stubs = new Array(ticketCount);
	for (let i = 0; i < ticketCount; i++) {
		stubs[i] = {
			id: newId.tickets(random.int(1, 40)),
			createdTime: created[i],
			modifiedTime: modified[i],
			trashed: random.chance(0.01),
		};
	}
	return { stubs, expand: ticketDetails({ seed: seed * 31 + orgIndex, endTime, ...pools }) };
}

/** The full seeded ticket number `seedIndex` of an index entry; the same seed always gives the same fields. */
function ticketDetails({ seed, endTime, departments, agents, teams, contacts, products, customFields, layout }) {
	return ({ id, trashed, seedIndex, createdTime, modifiedTime }) => {
		const random = createRandom((seed * 1000003 + seedIndex * 2654435761) >>> 0);
		const cf = customFields(random);
		const old = endTime - createdTime > 60 * DAY;
		const status = random.chance(old ? 0.85 : 0.35) ? TICKET_STATUSES[3] : random.pick(TICKET_STATUSES.slice(0, 3));
		const department = random.pick(departments);
		const contact = random.pick(contacts);
		const subject = random.int(0, SUBJECTS.length - 1);
		return {
			id,
			ticketNumber: String(seedIndex + 1),
			createdTime,
			modifiedTime,
			trashed,
			subject: SUBJECTS[subject],
			description: DESCRIPTIONS[subject],
			email: contact.email,
			phone: contact.phone,
			status: status.value,
			statusType: status.statusType,
			priority: random.pick(PRIORITIES),
			channel: random.pick(CHANNELS),
			language: random.chance(0.9) ? 'English' : random.pick(['French', 'German']),
			classification: random.pick(CLASSIFICATIONS),
			category: random.pick(CATEGORIES),
			subCategory: null,
			departmentId: department.id,
			contactId: contact.id,
			accountId: contact.accountId,
			productId: random.chance(0.3) ? random.pick(products).id : null,
			assigneeId: random.chance(0.8) ? random.pick(department.associatedAgentIds) : null,
			teamId: random.chance(0.3) ? random.pick(teams).id : null,
			layoutId: layout.id,
			dueDate: random.chance(0.9) ? createdTime + 3 * DAY : null,
			responseDueDate: status.statusType === 'Closed' ? null : createdTime + DAY,
			customerResponseTime: createdTime + random.int(0, 3600 * 1000),
			closedTime: status.statusType === 'Closed' ? modifiedTime : null,
			onholdTime: status.statusType === 'On Hold' ? modifiedTime : null,
			recentThread: modifiedTime,
			threadCount: random.int(1, 12),
			commentCount: random.int(0, 3),
			attachmentCount: random.int(0, 2),
			taskCount: 0,
			sentiment: random.pick(SENTIMENTS),
			isEscalated: status.value === 'Escalated',
			createdBy: agents[0].id,
			modifiedBy: random.pick(agents).id,
			contractId: null,
			cf,
		};
	};
}

/** The seeded portals for the given options. */
function seedPortals({ seed, tickets, endTime, ticketShape }) {
	return ORGS.map((orgDef, index) =>
		seedPortal(orgDef, index, {
			seed,
			ticketShape,
			tickets: index === 0 ? tickets : Math.min(tickets, SECOND_ORG_TICKETS),
			endTime,
		}),
	);
}

module.exports = { seedPortals, ORGS, TABLE_INDEXES, DAY };
