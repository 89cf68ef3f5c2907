/**
 * Files against the simulator: ticket attachments (upload from an item's binary data keeping file name and MIME
 * type, list, streamed download with the same bytes, delete), Send Reply and Add Comment with files from binary
 * fields (uploaded first, then named in attachmentIds), the size limit checked before anything is sent, and never
 * uploading or sending twice after a lost answer.
 */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ATTACHMENT_MAX_BYTES } from '../../nodes/ZohoDesk/actions/ticket/attachment';
import { credentialFor, startSim } from '../fixtures';
import type { Simulator } from '../fixtures';
import { executeNode, listSearch } from '../harness';
import type { CredentialStore } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulatorFiles = require('../simulator/attachmentRoutes') as { ATTACHMENT_MAX_BYTES: number };

let sim: Simulator;
let store: CredentialStore;
let ticketId: string;

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: IDataObject, input?: INodeExecutionData[], credentials = store) {
	return await executeNode({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', ticketId: locator(ticketId), ...parameters } as never,
		credentials,
		input,
	});
}

/** An input item whose binary fields hold these files. */
const itemWith = (files: Record<string, { bytes: Buffer; fileName: string; mimeType: string }>): INodeExecutionData => ({
	json: {},
	binary: Object.fromEntries(
		Object.entries(files).map(([field, { bytes, fileName, mimeType }]): [string, IBinaryData] => [
			field,
			{ data: bytes.toString('base64'), fileName, mimeType },
		]),
	),
});

/** Deterministic bytes that are not text: every byte value occurs. */
function bytesOf(size: number, seed = 7): Buffer {
	const bytes = Buffer.allocUnsafe(size);
	for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) % 256;
	return bytes;
}

const PDF = { bytes: bytesOf(3000, 1), fileName: 'invoice 42.pdf', mimeType: 'application/pdf' };
const PNG = { bytes: bytesOf(1500, 2), fileName: 'screenshot.png', mimeType: 'image/png' };

/** A file a reply or comment carries, read back from the simulator as Zoho serves it (its `href`). */
async function served(href: string) {
	const { access_token: token } = sim.issueTokens();
	const response = await fetch(href, { headers: { Authorization: `Zoho-oauthtoken ${token}`, orgId: sim.orgId } });
	return {
		type: response.headers.get('content-type'),
		disposition: response.headers.get('content-disposition'),
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

async function fromAddress(): Promise<string> {
	const { results } = await listSearch({
		nodeType: 'zohoDesk',
		parameters: { resource: 'ticket', operation: 'sendReply', ticketId: locator(ticketId) },
		credentials: store,
		method: 'searchFromAddresses',
	});
	return String(results[0].value);
}

const reply = async (options: IDataObject, input: INodeExecutionData[]) =>
	await run({ operation: 'sendReply', fromEmailAddress: { __rl: true, mode: 'address', value: await fromAddress() }, content: 'Files attached', options }, input);

const posts = (route: string) => sim.counters().byRoute[`POST /api/v1${route}`] ?? 0;

beforeAll(async () => {
	sim = await startSim({ tickets: 20 });
	store = credentialFor(sim);
	ticketId = String(sim.createRecord('tickets', { subject: 'With files' }).id);
});
afterAll(async () => await sim.stop());

test("the node's limit is the simulator's: 20 MiB", () => {
	expect(ATTACHMENT_MAX_BYTES).toBe(20 * 2 ** 20);
	expect(simulatorFiles.ATTACHMENT_MAX_BYTES).toBe(ATTACHMENT_MAX_BYTES);
});

test('upload at the size limit, list, download (streamed): the same bytes, file name and MIME type', async () => {
	const bytes = bytesOf(ATTACHMENT_MAX_BYTES);
	const uploaded = await run({ operation: 'uploadAttachment', binaryPropertyName: 'data', options: { isPublic: true } }, [
		itemWith({ data: { bytes, fileName: 'report.bin', mimeType: 'application/x-custom' } }),
	]);
	expect(uploaded.error).toBeUndefined();
	const attachment = uploaded.items[0].json;
	expect(attachment).toMatchObject({ name: 'report.bin', size: String(bytes.length), isPublic: true });

	const listed = await run({ operation: 'getAttachments', returnAll: true });
	expect(listed.items.map((item) => item.json.id)).toEqual([attachment.id]);

	const downloaded = await run({ operation: 'downloadAttachment', attachmentId: locator(String(attachment.id)), binaryPropertyName: 'file' });
	expect(downloaded.error).toBeUndefined();
	const [item] = downloaded.items;
	expect(item.json).toMatchObject({ attachmentId: attachment.id, fileName: 'report.bin', mimeType: 'application/x-custom', size: bytes.length });
	expect(item.binary?.file).toMatchObject({ fileName: 'report.bin', mimeType: 'application/x-custom' });
	expect(Buffer.from(item.binary!.file.data, 'base64').equals(bytes)).toBe(true);
}, 180_000);

test('a file over the limit is refused before sending: a clear error, and nothing reaches Zoho', async () => {
	sim.resetCounters();
	const tooBig = await run({ operation: 'uploadAttachment', binaryPropertyName: 'data' }, [
		itemWith({ data: { bytes: Buffer.alloc(ATTACHMENT_MAX_BYTES + 1), fileName: 'big.bin', mimeType: 'application/octet-stream' } }),
	]);

	expect(tooBig.error?.message).toBe('The file "big.bin" is too large for Zoho Desk: nothing was sent');
	expect(tooBig.error?.description).toMatch(/holds 20,971,521 bytes; Zoho Desk takes attachments of at most 20,971,520 bytes/);
	expect(posts('/tickets/{id}/attachments')).toBe(0);
}, 120_000);

test('delete removes the attachment; the File Name option names the upload', async () => {
	const uploaded = await run({ operation: 'uploadAttachment', binaryPropertyName: 'data', options: { fileName: 'notes é.txt' } }, [
		itemWith({ data: { bytes: Buffer.from('hello'), fileName: 'original.txt', mimeType: 'text/plain' } }),
	]);
	const { id } = uploaded.items[0].json;
	expect(uploaded.items[0].json.name).toBe('notes é.txt');

	const deleted = await run({ operation: 'deleteAttachment', attachmentId: locator(String(id)) });
	const listed = await run({ operation: 'getAttachments', returnAll: true });

	expect(deleted.items[0].json).toEqual({ deleted: true, ticketId, attachmentId: id });
	expect(listed.items.map((item) => item.json.id)).not.toContain(id);
});

describe('Send Reply and Add Comment with files from binary fields', () => {
	test('a reply with two files: each uploaded once, and the sent email carries both with their names, types and bytes', async () => {
		sim.resetCounters();
		const { items, error } = await reply({ attachments: 'pdf, png' }, [itemWith({ pdf: PDF, png: PNG })]);

		expect(error).toBeUndefined();
		const thread = items[0].json;
		expect(thread).toMatchObject({ status: 'SUCCESS', hasAttach: true, attachmentCount: '2' });
		const files = thread.attachments as IDataObject[];
		expect(files.map((file) => [file.name, file.size])).toEqual([
			['invoice 42.pdf', '3000'],
			['screenshot.png', '1500'],
		]);
		for (const [file, sent] of [[files[0], PDF], [files[1], PNG]] as const) {
			const { type, bytes } = await served(String(file.href));
			expect(type).toBe(sent.mimeType);
			expect(bytes.equals(sent.bytes)).toBe(true);
		}
		expect([posts('/uploads'), posts('/tickets/{id}/sendReply')]).toEqual([2, 1]);
	});

	test('a comment with two files carries both, bytes equal; without files attachmentIds is empty', async () => {
		const { items, error } = await run({ operation: 'addComment', content: 'See attached', options: { attachments: 'png,pdf' } }, [
			itemWith({ pdf: PDF, png: PNG }),
		]);

		expect(error).toBeUndefined();
		const files = items[0].json.attachments as IDataObject[];
		expect(files.map((file) => file.name)).toEqual(['screenshot.png', 'invoice 42.pdf']);
		const stored = sim.conversation(ticketId).comments.find((comment) => comment.id === items[0].json.id);
		expect(stored?.attachments).toHaveLength(2);
		const [png, pdf] = await Promise.all(files.map((file) => served(String(file.href))));
		expect([png.type, png.bytes.equals(PNG.bytes), pdf.type, pdf.bytes.equals(PDF.bytes)]).toEqual(['image/png', true, 'application/pdf', true]);
		expect(pdf.disposition).toContain(encodeURIComponent('invoice 42.pdf'));

		const plain = await run({ operation: 'addComment', content: 'No files' });
		expect(plain.items[0].json.attachments).toEqual([]);
	});

	test('a draft reply keeps its file too (status DRAFT, nothing sent)', async () => {
		const { items, error } = await run(
			{ operation: 'saveDraftReply', fromEmailAddress: { __rl: true, mode: 'address', value: await fromAddress() }, content: 'Draft with file', options: { attachments: 'pdf' } },
			[itemWith({ pdf: PDF })],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'DRAFT', hasAttach: true, attachmentCount: '1' });
		const [file] = items[0].json.attachments as IDataObject[];
		expect((await served(String(file.href))).bytes.equals(PDF.bytes)).toBe(true);
	});

	test('one file over the limit: a clear error before anything is uploaded or sent', async () => {
		sim.resetCounters();
		const threads = sim.conversation(ticketId).threads.length;
		const big = { bytes: Buffer.alloc(ATTACHMENT_MAX_BYTES + 1), fileName: 'huge.zip', mimeType: 'application/zip' };

		const { error } = await reply({ attachments: 'pdf, big' }, [itemWith({ pdf: PDF, big })]);

		expect(error?.message).toBe('The file "huge.zip" is too large for Zoho Desk: nothing was sent');
		expect([posts('/uploads'), posts('/tickets/{id}/sendReply')]).toEqual([0, 0]);
		expect(sim.conversation(ticketId).threads).toHaveLength(threads);
	}, 120_000);

	test('a binary field the item does not have is named, and nothing is sent', async () => {
		sim.resetCounters();
		const { error } = await run({ operation: 'addComment', content: 'x', options: { attachments: 'pdf, missing' } }, [itemWith({ pdf: PDF })]);
		expect(error?.message).toMatch(/missing/);
		expect(posts('/uploads')).toBe(0);
	});

	test('the answer to an upload is lost: not uploaded again, the reply not sent, and the error says so', async () => {
		sim.resetCounters();
		const threads = sim.conversation(ticketId).threads.length;
		sim.addFault({ kind: 'drop', path: '^/api/v1/uploads$', method: 'POST', after: true });

		const { error } = await reply({ attachments: 'pdf, png' }, [itemWith({ pdf: PDF, png: PNG })]);

		expect(error?.message).toMatch(/^The file "invoice 42.pdf" may or may not have been uploaded \(the connection failed \(ECONNRESET\) after the request was sent\); the reply was not sent$/);
		expect([posts('/uploads'), posts('/tickets/{id}/sendReply')]).toEqual([1, 0]);
		expect(sim.conversation(ticketId).threads).toHaveLength(threads);
	});

	test('the answer to the reply is lost after both uploads: nothing is sent twice, and exactly one reply exists', async () => {
		sim.resetCounters();
		const threads = sim.conversation(ticketId).threads.length;
		sim.addFault({ kind: 'error', status: 500, path: '/sendReply$', method: 'POST', after: true });

		const { error } = await reply({ attachments: 'pdf, png' }, [itemWith({ pdf: PDF, png: PNG })]);

		expect(error?.message).toBe('The reply may or may not have been sent (Zoho Desk answered HTTP 500 INTERNAL_SERVER_ERROR); files uploaded: 2 of 2');
		expect([posts('/uploads'), posts('/tickets/{id}/sendReply')]).toEqual([2, 1]);
		expect(sim.conversation(ticketId).threads).toHaveLength(threads + 1);
	});

	test('Zoho refuses the reply after the uploads: the error says the files were uploaded but the reply was not sent', async () => {
		const { error } = await run(
			{ operation: 'sendReply', fromEmailAddress: { __rl: true, mode: 'address', value: 'nobody@elsewhere.org' }, content: 'x', options: { attachments: 'pdf' } },
			[itemWith({ pdf: PDF })],
		);
		expect(error?.message).toMatch(/^The reply was not sent \(files uploaded: 1 of 1\): Zoho Desk error INVALID_DATA/);
	});

	test('a token without Desk.basic.CREATE: SCOPE_MISMATCH naming it, and no reply is sent', async () => {
		sim.resetCounters();
		const scopes = 'Desk.tickets.READ,Desk.tickets.UPDATE,Desk.basic.READ,Desk.settings.READ';
		const { error } = await run(
			{ operation: 'addComment', content: 'x', options: { attachments: 'pdf' } },
			[itemWith({ pdf: PDF })],
			credentialFor(sim, { scopes }),
		);
		expect(error?.message).toMatch(/^The file "invoice 42.pdf" could not be uploaded, so the comment was not sent \(files uploaded: 0 of 1\): Zoho Desk error SCOPE_MISMATCH/);
		expect(error?.description).toMatch(/needs the scope Desk\.basic\.CREATE/);
		expect(posts('/tickets/{id}/comments')).toBe(0);
	});
});
