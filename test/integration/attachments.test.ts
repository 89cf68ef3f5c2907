/**
 * Ticket attachments against the simulator: upload from an item's binary data (file name and MIME type kept),
 * list, download to binary data (bytes equal) and delete; the simulator's size limit is enforced.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { credentialFor, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';
import { executeNode } from '../harness';
import type { CredentialStore } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ATTACHMENT_MAX_BYTES } = require('../simulator/attachmentRoutes') as { ATTACHMENT_MAX_BYTES: number };

let sim: Simulator;
let store: CredentialStore;
let ticketId: string;

async function run(parameters: IDataObject, input?: INodeExecutionData[]) {
	return await executeNode({ nodeType: 'zohoDesk', parameters: parameters as never, credentials: store, input });
}

const fileItem = (bytes: Buffer, fileName: string, mimeType: string): INodeExecutionData => ({
	json: {},
	binary: { data: { data: bytes.toString('base64'), fileName, mimeType } },
});

/** Deterministic bytes that are not text: every byte value occurs. */
const bytesOf = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + 7) % 256));

beforeAll(async () => {
	sim = await startSim({ tickets: 20 });
	store = credentialFor(sim);
	ticketId = String(sim.createRecord('tickets', { subject: 'With files' }).id);
});
afterAll(async () => await sim.stop());

test('upload at the size limit, list, download: the same bytes, file name and MIME type', async () => {
	const bytes = bytesOf(ATTACHMENT_MAX_BYTES);
	const uploaded = await run(
		{ resource: 'ticket', operation: 'uploadAttachment', ticketId, binaryPropertyName: 'data', options: { isPublic: true } },
		[fileItem(bytes, 'report.bin', 'application/x-custom')],
	);
	expect(uploaded.error).toBeUndefined();
	const attachment = uploaded.items[0].json;
	expect(attachment).toMatchObject({ name: 'report.bin', size: String(bytes.length), isPublic: true });

	const listed = await run({ resource: 'ticket', operation: 'getAttachments', ticketId, returnAll: true });
	expect(listed.items.map((item) => item.json.id)).toEqual([attachment.id]);

	const downloaded = await run({ resource: 'ticket', operation: 'downloadAttachment', ticketId, attachmentId: attachment.id, binaryPropertyName: 'file' });
	expect(downloaded.error).toBeUndefined();
	const [item] = downloaded.items;
	expect(item.json).toMatchObject({ attachmentId: attachment.id, fileName: 'report.bin', mimeType: 'application/x-custom', size: bytes.length });
	expect(item.binary?.file).toMatchObject({ fileName: 'report.bin', mimeType: 'application/x-custom' });
	expect(Buffer.from(item.binary!.file.data, 'base64').equals(bytes)).toBe(true);
}, 120_000);

test('a file over the limit is refused by Zoho and nothing is attached', async () => {
	const before = (await run({ resource: 'ticket', operation: 'getAttachments', ticketId, returnAll: true })).items.length;
	const tooBig = await run(
		{ resource: 'ticket', operation: 'uploadAttachment', ticketId, binaryPropertyName: 'data' },
		[fileItem(bytesOf(ATTACHMENT_MAX_BYTES + 1), 'big.bin', 'application/octet-stream')],
	);

	expect(tooBig.error?.message).toMatch(/RESOURCE_SIZE_EXCEEDED|too large|larger/i);
	expect((await run({ resource: 'ticket', operation: 'getAttachments', ticketId, returnAll: true })).items).toHaveLength(before);
}, 120_000);

test('delete removes the attachment; a text file keeps its name', async () => {
	const uploaded = await run(
		{ resource: 'ticket', operation: 'uploadAttachment', ticketId, binaryPropertyName: 'data', options: { fileName: 'notes é.txt' } },
		[fileItem(Buffer.from('hello'), 'original.txt', 'text/plain')],
	);
	const { id } = uploaded.items[0].json;
	expect(uploaded.items[0].json.name).toBe('notes é.txt');

	const deleted = await run({ resource: 'ticket', operation: 'deleteAttachment', ticketId, attachmentId: id });
	const listed = await run({ resource: 'ticket', operation: 'getAttachments', ticketId, returnAll: true });

	expect(deleted.items[0].json).toEqual({ deleted: true, ticketId, attachmentId: id });
	expect(listed.items.map((item) => item.json.id)).not.toContain(id);
});
