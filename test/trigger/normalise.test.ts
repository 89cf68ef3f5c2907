import { ORG, ZOHO_WEBHOOK_ID, post, zohoEvent, useNock } from './fixtures';

useNock();

/** Each module's add, update and delete (and its other events), and the change they must become. */
const EXPECTED: Array<[eventType: string, table: string, operation: string]> = [
	['Ticket_Add', 'tickets', 'insert'],
	['Ticket_Update', 'tickets', 'update'],
	['Ticket_Delete', 'tickets', 'delete'],
	['Ticket_Thread_Add', 'threads', 'insert'],
	['Ticket_Comment_Add', 'comments', 'insert'],
	['Ticket_Comment_Update', 'comments', 'update'],
	['Ticket_Attachment_Add', 'attachments', 'insert'],
	['Ticket_Attachment_Update', 'attachments', 'update'],
	['Ticket_Attachment_Delete', 'attachments', 'delete'],
	['Ticket_Attachment_Trashed', 'attachments', 'delete'],
	['Ticket_Attachment_Restored', 'attachments', 'insert'],
	['Ticket_Comment_Attachment_Add', 'commentAttachments', 'insert'],
	['Ticket_Comment_Attachment_Delete', 'commentAttachments', 'delete'],
	['Ticket_Approval_Add', 'approvals', 'insert'],
	['Ticket_Approval_Update', 'approvals', 'update'],
	['Contact_Add', 'contacts', 'insert'],
	['Contact_Update', 'contacts', 'update'],
	['Contact_Delete', 'contacts', 'delete'],
	['Account_Add', 'accounts', 'insert'],
	['Account_Update', 'accounts', 'update'],
	['Account_Delete', 'accounts', 'delete'],
	['Department_Add', 'departments', 'insert'],
	['Department_Update', 'departments', 'update'],
	['Agent_Add', 'agents', 'insert'],
	['Agent_Update', 'agents', 'update'],
	['Agent_Delete', 'agents', 'delete'],
	['Agent_Presence_Update', 'agents', 'update'],
	['Agent_Channel_Preference_Update', 'agents', 'update'],
	['Task_Add', 'tasks', 'insert'],
	['Task_Update', 'tasks', 'update'],
	['Task_Delete', 'tasks', 'delete'],
	['Call_Add', 'calls', 'insert'],
	['Call_Update', 'calls', 'update'],
	['Call_Delete', 'calls', 'delete'],
	['Event_Add', 'events', 'insert'],
	['Event_Update', 'events', 'update'],
	['Event_Delete', 'events', 'delete'],
	['TimeEntry_Add', 'timeEntries', 'insert'],
	['TimeEntry_Update', 'timeEntries', 'update'],
	['TimeEntry_Delete', 'timeEntries', 'delete'],
	['Article_Add', 'articles', 'insert'],
	['Article_Update', 'articles', 'update'],
	['Article_Delete', 'articles', 'delete'],
	['Article_Translation_Add', 'articleTranslations', 'insert'],
	['Article_Translation_Update', 'articleTranslations', 'update'],
	['Article_Translation_Delete', 'articleTranslations', 'delete'],
	['Article_Feedback_Add', 'articleFeedback', 'insert'],
	['KBRootCategory_Add', 'kbRootCategories', 'insert'],
	['KBRootCategory_Update', 'kbRootCategories', 'update'],
	['KBRootCategory_Delete', 'kbRootCategories', 'delete'],
	['KBSection_Add', 'kbSections', 'insert'],
	['KBSection_Update', 'kbSections', 'update'],
	['KBSection_Delete', 'kbSections', 'delete'],
	['IM_Message_Add', 'imMessages', 'insert'],
	['IM_Message_Status', 'imMessages', 'update'],
	['IM_Session_Status', 'imSessions', 'update'],
];

test('every event type becomes a change of the right table and operation, in delivery order', async () => {
	const events = EXPECTED.map(([eventType], i) => zohoEvent(eventType, { id: `1892000000100000${String(i).padStart(3, '0')}` }));

	const result = await post(events);

	const changes = (result.workflowData?.[0] ?? []).map((item) => item.json);
	expect(changes.map((change) => [change.eventType, change.table, change.operation])).toEqual(EXPECTED);
	expect(changes.every((change, i) => change.id === events[i].payload.id)).toBe(true);
});

test('an update with its previous state: record, previous, changed fields, ISO time, org and webhook', async () => {
	const record = { id: '1892000000093001', status: 'Closed', priority: 'High', subject: 'Printer' };
	const previous = { id: '1892000000093001', status: 'Open', priority: 'High', subject: 'Printer' };

	const result = await post([zohoEvent('Ticket_Update', record, { prevState: previous, eventTime: '1732700000000' })]);

	expect(result.workflowData?.[0][0].json).toEqual({
		table: 'tickets',
		operation: 'update',
		id: '1892000000093001',
		record,
		previous,
		changedFields: ['status'],
		eventType: 'Ticket_Update',
		eventTime: '2024-11-27T09:33:20.000Z',
		orgId: ORG,
		webhookId: ZOHO_WEBHOOK_ID,
	});
});

test.each([
	['isDeleted', { isDeleted: true }],
	['isTrashed', { isTrashed: true }],
])('an update that sets %s is a delete', async (_, flag) => {
	const result = await post([zohoEvent('Ticket_Update', { id: '1892000000093001', ...flag })]);

	expect(result.workflowData?.[0][0].json).toMatchObject({ operation: 'delete', table: 'tickets' });
});

test('an event without its previous state has previous null and no changed fields', async () => {
	const result = await post([zohoEvent('Contact_Update', { id: '1892000000050001', email: 'a@example.com' })]);

	expect(result.workflowData?.[0][0].json).toMatchObject({ table: 'contacts', previous: null, changedFields: [] });
});

test('an event type Zoho adds later still passes through, named after its module', async () => {
	const result = await post([zohoEvent('Product_Add', { id: '1892000000070001' })]);

	expect(result.workflowData?.[0][0].json).toMatchObject({ table: 'Product', operation: 'insert', eventType: 'Product_Add' });
});
