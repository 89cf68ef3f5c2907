'use strict';
/**
 * The field metadata each seeded portal serves at /organizationFields, per module. Custom fields (`cf_*`) here are
 * the ones seeded records carry in `cf`, so pickers and mappers built from this metadata match the data.
 */

const text = (apiName, label, extra = {}) => ({ apiName, label, type: 'Text', maxLength: 255, ...extra });
const picklist = (apiName, label, values, extra = {}) => ({
	apiName,
	label,
	type: 'Picklist',
	maxLength: 120,
	values,
	...extra,
});

const TICKET_STATUSES = [
	{ value: 'Open', statusType: 'Open' },
	{ value: 'On Hold', statusType: 'On Hold' },
	{ value: 'Escalated', statusType: 'Open' },
	{ value: 'Closed', statusType: 'Closed' },
];

/** module → field definitions; `custom` marks `cf_*` fields. */
const FIELD_DEFINITIONS = {
	tickets: [
		text('subject', 'Subject', { mandatory: true }),
		{
			apiName: 'status',
			label: 'Status',
			type: 'Picklist',
			maxLength: 120,
			statuses: TICKET_STATUSES,
			mandatory: true,
		},
		picklist('priority', 'Priority', ['High', 'Medium', 'Low']),
		picklist('channel', 'Channel', ['Email', 'Phone', 'Web', 'Chat', 'Forums', 'Twitter', 'Facebook']),
		picklist('classification', 'Classification', ['Question', 'Problem', 'Request', 'Others']),
		picklist('category', 'Category', ['General', 'Billing', 'Technical']),
		{ apiName: 'email', label: 'Email', type: 'Email', maxLength: 150 },
		{ apiName: 'phone', label: 'Phone', type: 'Phone', maxLength: 120 },
		{ apiName: 'dueDate', label: 'Due Date', type: 'DateTime', maxLength: 300 },
		{ apiName: 'departmentId', label: 'Department', type: 'LookUp', maxLength: 120, mandatory: true },
		{ apiName: 'contactId', label: 'Contact Name', type: 'LookUp', maxLength: 300, mandatory: true },
		{ apiName: 'assigneeId', label: 'Ticket Owner', type: 'LookUp', maxLength: 120 },
		{ apiName: 'teamId', label: 'Team', type: 'LookUp', maxLength: 120 },
		{ apiName: 'productId', label: 'Product Name', type: 'LookUp', maxLength: 120 },
		{ apiName: 'description', label: 'Description', type: 'Textarea', maxLength: 65535 },
		picklist('cf_severity', 'Severity', ['S1', 'S2', 'S3', 'S4'], { custom: true }),
		picklist('cf_customer_tier', 'Customer Tier', ['Gold', 'Silver', 'Bronze'], { custom: true }),
		text('cf_external_ref', 'External Reference', { custom: true }),
		{ apiName: 'cf_sla_breach_count', label: 'SLA Breach Count', type: 'Number', maxLength: 9, custom: true },
		{ apiName: 'cf_renewal_date', label: 'Renewal Date', type: 'Date', maxLength: 20, custom: true },
		{ apiName: 'cf_is_vip', label: 'VIP', type: 'Boolean', maxLength: 5, custom: true, defaultValue: 'false' },
	],
	products: [
		text('productName', 'Product Name', { mandatory: true }),
		text('productCode', 'Product Code'),
		picklist('productCategory', 'Product Category', ['Hardware', 'Software', 'Service']),
		{ apiName: 'cf_warranty_months', label: 'Warranty (months)', type: 'Number', maxLength: 9, custom: true },
		text('cf_sku_family', 'SKU Family', { custom: true }),
	],
	contracts: [
		text('contractName', 'Contract Name', { mandatory: true }),
		{ apiName: 'startDate', label: 'Start Date', type: 'Date', maxLength: 20, mandatory: true },
		{ apiName: 'endDate', label: 'End Date', type: 'Date', maxLength: 20, mandatory: true },
		picklist('cf_billing_cycle', 'Billing Cycle', ['Monthly', 'Quarterly', 'Yearly'], { custom: true }),
	],
	// Contacts and accounts: the lengths are those of Contact.json's and Account.json's request schemas.
	contacts: [
		text('firstName', 'First Name', { maxLength: 40 }),
		text('lastName', 'Last Name', { mandatory: true, maxLength: 200 }),
		{ apiName: 'email', label: 'Email', type: 'Email', maxLength: 255 },
		{ apiName: 'secondaryEmail', label: 'Secondary Email', type: 'Email', maxLength: 100 },
		{ apiName: 'phone', label: 'Phone', type: 'Phone', maxLength: 50 },
		{ apiName: 'mobile', label: 'Mobile', type: 'Phone', maxLength: 50 },
		text('title', 'Title', { maxLength: 100 }),
		{ apiName: 'accountId', label: 'Account Name', type: 'LookUp', maxLength: 120 },
		{ apiName: 'ownerId', label: 'Contact Owner', type: 'LookUp', maxLength: 120 },
		text('street', 'Street', { maxLength: 250 }),
		text('city', 'City', { maxLength: 30 }),
		text('country', 'Country', { maxLength: 30 }),
		{ apiName: 'description', label: 'Description', type: 'Textarea', maxLength: 65535 },
		picklist('cf_preferred_channel', 'Preferred Channel', ['Email', 'Phone', 'Chat'], { custom: true }),
		{ apiName: 'cf_customer_since', label: 'Customer Since', type: 'Date', maxLength: 20, custom: true },
	],
	accounts: [
		text('accountName', 'Account Name', { mandatory: true, maxLength: 200 }),
		{ apiName: 'website', label: 'Website', type: 'URL', maxLength: 120 },
		{ apiName: 'email', label: 'Email', type: 'Email', maxLength: 255 },
		{ apiName: 'phone', label: 'Phone', type: 'Phone', maxLength: 30 },
		picklist('industry', 'Industry', ['Retail', 'Manufacturing', 'Services']),
		{ apiName: 'ownerId', label: 'Account Owner', type: 'LookUp', maxLength: 120 },
		text('city', 'City', { maxLength: 30 }),
		text('country', 'Country', { maxLength: 30 }),
		{ apiName: 'description', label: 'Description', type: 'Textarea', maxLength: 65535 },
		picklist('cf_account_tier', 'Account Tier', ['Strategic', 'Standard'], { custom: true }),
	],
	tasks: [text('subject', 'Subject', { mandatory: true })],
	calls: [text('subject', 'Subject', { mandatory: true })],
	events: [text('subject', 'Subject', { mandatory: true })],
};

const FIELD_MODULES = Object.keys(FIELD_DEFINITIONS);

/** Custom-field definitions of a module (used to seed `cf` values). */
function customFieldsOf(module) {
	return FIELD_DEFINITIONS[module].filter((field) => field.custom);
}

/** A stored organizationFields record, in the shape the spec's field schemas describe. */
function fieldRecord(module, definition, id) {
	const record = {
		id,
		module,
		displayLabel: definition.label,
		apiName: definition.apiName,
		isCustomField: Boolean(definition.custom),
		i18NLabel: definition.label,
		name: definition.apiName,
		isEncryptedField: false,
		isTrackLastActivityTime: false,
		type: definition.type,
		isMandatory: Boolean(definition.mandatory),
		maxLength: definition.maxLength,
	};
	// Ticket fields carry showToHelpCenter (the spec's *ForTickets field variants).
	if (module === 'tickets') record.showToHelpCenter = !definition.custom;
	if (definition.statuses)
		record.allowedValues = definition.statuses.map((s) => ({ value: s.value, statusType: s.statusType }));
	else if (definition.values) record.allowedValues = definition.values.map((value) => ({ value }));
	if (definition.defaultValue !== undefined) record.defaultValue = definition.defaultValue;
	return record;
}

module.exports = { FIELD_DEFINITIONS, FIELD_MODULES, TICKET_STATUSES, customFieldsOf, fieldRecord };
