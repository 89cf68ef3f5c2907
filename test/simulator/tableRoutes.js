'use strict';
/** Departments, products, organization fields and contracts: lists, get by id, counts. */
const { kinds, invalid } = require('./params');
const { windowSize } = require('./table');
const { FIELD_MODULES } = require('./fields');
const views = require('./views');
const deskHelpers = require('./deskHelpers');

const { SCOPES, route, textMatcher, filtersParam, filtersTest, every, pageOf, includeSet, listView } = deskHelpers;
const { getOr404, departmentOrAll } = deskHelpers;

const { int, string, list, bool, id, sort } = kinds;

const DEPARTMENT_LIST = {
	chatStatus: string({ enum: ['AVAILABLE', 'DISABLED', 'NOT_CREATED', '${UNAVAILABLE}'] }),
	searchStr: string({ maxLength: 100 }),
	isEnabled: bool(),
	limit: int({ min: 0, max: 200 }),
	from: int({ min: 0 }),
};

function departmentTests(params) {
	const tests = [];
	if (params.isEnabled !== undefined) tests.push((d) => d.isEnabled === params.isEnabled);
	if (params.chatStatus) tests.push((d) => d.chatStatus === params.chatStatus);
	if (params.searchStr) {
		const match = textMatcher(params.searchStr);
		tests.push((d) => match(d.name));
	}
	return every(tests);
}

function listDepartments({ org, ctx, params }) {
	const window = org.tables.departments.query({ filter: departmentTests(params) });
	return pageOf(org.tables.departments, window, params, (d) => views.departmentView(d, ctx));
}

function countDepartments({ org, params }) {
	return {
		status: 200,
		body: { count: windowSize(org.tables.departments.query({ filter: departmentTests(params) })) },
	};
}

const PRODUCT_LIST = {
	include: list({ enum: ['owner'] }),
	viewId: id(),
	departmentId: id(),
	limit: int({ min: 1, max: 100 }),
	from: int({ min: 0 }),
	sortBy: sort(['productName', 'productCode', 'unitPrice', 'createdTime', 'modifiedTime']),
	ownerId: id(),
	fields: list({ maxItems: 30 }),
};

function listProducts({ org, ctx, params }) {
	const tests = [];
	// departmentId 0 means every department the user can see.
	if (params.departmentId && params.departmentId !== '0')
		tests.push((p) => p.departmentIds.includes(params.departmentId));
	if (params.ownerId) tests.push((p) => p.ownerId === params.ownerId);
	const { field, desc } = params.sortBy ?? { field: 'id', desc: false };
	const window = org.tables.products.query({ filter: every(tests), sortKey: field, desc });
	return pageOf(org.tables.products, window, params, listView(params, views.productListItem, views.productDetail, ctx));
}

function getProduct({ org, ctx, params, recordId }) {
	return {
		status: 200,
		body: views.productDetail(getOr404(org.tables.products, recordId, { allowTrashed: true }), ctx, includeSet(params)),
	};
}

const FIELD_LIST = { module: string({ enum: FIELD_MODULES }), departmentId: id(), apiNames: list({ maxItems: 300 }) };

function listFields({ org, params }) {
	if (!params.module) throw invalid('module');
	const names = params.apiNames && new Set(params.apiNames);
	const window = org.tables.organizationFields.query({
		filter: (f) => f.module === params.module && (!names || names.has(f.apiName)),
	});
	return {
		status: 200,
		body: { data: org.tables.organizationFields.page(window, 0, windowSize(window)).map(views.fieldView) },
	};
}

/** Custom-field slots by storage type (the spec's customFieldCountJson): how many a module may still add. */
const FIELD_STORAGE = [
	{
		type: 'Varchar',
		maximumLimit: 100,
		types: ['Text', 'PickList', 'Email', 'Phone', 'Website', 'Multiselect'],
		of: ['Text', 'Picklist', 'Email', 'Phone', 'URL', 'Multiselect'],
	},
	{ type: 'Text', maximumLimit: 10, types: ['Textarea'], of: ['Textarea', 'LargeText'] },
	{ type: 'Integer', maximumLimit: 20, types: ['Number'], of: ['Number'] },
	{
		type: 'Double',
		maximumLimit: 20,
		types: ['Percent', 'Decimal', 'Currency'],
		of: ['Percent', 'Decimal', 'Currency'],
	},
	{ type: 'Date', maximumLimit: 20, types: ['Date'], of: ['Date'] },
	{ type: 'DateTime', maximumLimit: 20, types: ['DateTime'], of: ['DateTime'] },
	{ type: 'Boolean', maximumLimit: 20, types: ['Checkbox'], of: ['Boolean'] },
];

function countCustomFields({ org, params }) {
	if (!params.module) throw invalid('module');
	const table = org.tables.organizationFields;
	const custom = table
		.liveEntries()
		.map((e) => table.full(e))
		.filter((f) => f.module === params.module && f.isCustomField);
	const customFieldCounts = FIELD_STORAGE.map(({ type, maximumLimit, types, of }) => {
		const used = custom.filter((field) => of.includes(field.type)).length;
		return { type, maximumLimit: String(maximumLimit), available: String(maximumLimit - used), types };
	});
	const totalAvailableCount = String(customFieldCounts.reduce((sum, slot) => sum + Number(slot.available), 0));
	return { status: 200, body: { customFieldCounts, totalAvailableCount } };
}

const CONTRACT_SORT = {
	accountName: 'accountName',
	contractName: 'contractName',
	contractEndDate: 'endDate',
	contractStartDate: 'startDate',
	createdTime: 'createdTime',
	modifiedTime: 'modifiedTime',
};
const CONTRACT_LIST = {
	viewId: id(),
	filters: filtersParam,
	filterId: id(),
	accountId: id(),
	include: list({ enum: ['accounts', 'products', 'slas', 'owner', 'departments'] }),
	ownerIds: list({ maxItems: 10, digits: true }),
	limit: int({ min: 1, max: 100 }),
	from: int({ min: 0 }),
	sortBy: sort(Object.keys(CONTRACT_SORT)),
	contractName: string({ maxLength: 80 }),
	departmentIds: list({ maxItems: 10, digits: true }),
	fields: (name, values) => list({ maxItems: 30 })(name, [string({ maxLength: 100 })(name, values)]),
};

function listContracts({ org, ctx, params }) {
	const tests = [];
	if (params.accountId) tests.push((c) => c.accountId === params.accountId);
	if (params.ownerIds) tests.push((c) => params.ownerIds.includes(c.ownerId));
	if (params.departmentIds) tests.push((c) => params.departmentIds.includes(c.departmentId));
	if (params.contractName) {
		const match = textMatcher(params.contractName);
		tests.push((c) => match(c.contractName));
	}
	if (params.filters) tests.push(filtersTest(params.filters));
	const { field, desc } = params.sortBy ?? { field: 'id', desc: false };
	const window = org.tables.contracts.query({ filter: every(tests), sortKey: CONTRACT_SORT[field] ?? 'id', desc });
	return pageOf(
		org.tables.contracts,
		window,
		params,
		listView(params, views.contractListItem, views.contractDetail, ctx),
	);
}

const CONTRACT_COUNT = {
	viewId: id(),
	departmentId: departmentOrAll,
	ownerId: id(),
	filter: filtersParam,
	filterId: id(),
};

function countContracts({ org, params }) {
	for (const name of ['viewId', 'departmentId']) if (params[name] === undefined) throw invalid(name);
	const tests = [];
	if (params.departmentId !== 'allDepartment') tests.push((c) => c.departmentId === params.departmentId);
	if (params.ownerId) tests.push((c) => c.ownerId === params.ownerId);
	return { status: 200, body: { count: String(windowSize(org.tables.contracts.query({ filter: every(tests) }))) } };
}

const getDepartment = ({ org, ctx, recordId }) => ({
	status: 200,
	body: views.departmentView(getOr404(org.tables.departments, recordId, { allowTrashed: false }), ctx, {
		detail: true,
	}),
});
const getField = ({ org, recordId }) => ({
	status: 200,
	body: views.fieldView(getOr404(org.tables.organizationFields, recordId, { allowTrashed: false })),
});
const getContract = ({ org, ctx, recordId }) => ({
	status: 200,
	body: views.contractDetail(getOr404(org.tables.contracts, recordId, { allowTrashed: false }), ctx),
});
const page = (params, limit) => ({ params, defaults: { from: 0, limit }, weight: 'range' });

/** GET /views (CustomView.json, not in the spec copy): each module's predefined views; filtering by view is not simulated. */
const VIEW_MODULES = ['tickets', 'contacts', 'events', 'activities', 'tasks', 'contracts', 'accounts', 'calls'];
const VIEW_NAMES = ['All', 'Open', 'My'];
function listViews({ org, params }) {
	if (!params.module) throw invalid('module');
	const moduleIndex = VIEW_MODULES.indexOf(params.module);
	const label = params.module.charAt(0).toUpperCase() + params.module.slice(1);
	const data = VIEW_NAMES.map((name, i) => {
		const viewId = String(BigInt(org.id) * 100_000_000n + BigInt(moduleIndex * 10 + i));
		return {
			id: viewId,
			name: `${name} ${label}`,
			viewName: `${name} ${label}`,
			displayLabel: `${name} ${label}`,
			sanitizedName: `${name}-${params.module}`.toLowerCase(),
			isCustomView: false,
			isLocked: false,
			createdBy: null,
			deprecatedViewId: viewId,
		};
	});
	return { status: 200, body: { data } };
}

module.exports = [
	route('GET', '/departments', SCOPES.departments, listDepartments, page(DEPARTMENT_LIST, 10)),
	route('GET', '/departments/count', SCOPES.departments, countDepartments, { params: { isEnabled: bool() } }),
	route('GET', '/departments/{id}', SCOPES.departments, getDepartment),
	route('GET', '/products', SCOPES.products, listProducts, page(PRODUCT_LIST, 10)),
	route('GET', '/products/{id}', SCOPES.products, getProduct, {
		params: { include: list({ enum: ['departments', 'owner'] }) },
	}),
	route('GET', '/organizationFields', SCOPES.fieldList, listFields, { params: FIELD_LIST }),
	route('GET', '/organizationFields/{id}', SCOPES.fieldGet, getField),
	route('GET', '/customFieldCount', SCOPES.fieldList, countCustomFields, {
		params: { module: FIELD_LIST.module, departmentId: id() },
	}),
	route('GET', '/contracts', SCOPES.contracts, listContracts, page(CONTRACT_LIST, 10)),
	route('GET', '/contracts/count', SCOPES.contracts, countContracts, { params: CONTRACT_COUNT }),
	route('GET', '/contracts/{id}', SCOPES.contracts, getContract),
	route('GET', '/views', SCOPES.departments, listViews, {
		params: { module: string({ enum: VIEW_MODULES }), departmentId: id() },
	}),
];
