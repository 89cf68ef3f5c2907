/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test builds the streams Zoho would send */
/**
 * Download Attachment streams Zoho's answer into n8n's binary data (unit, nock): the bytes arrive whole in chunks,
 * a download whose bytes stop coming fails after the transport's timeout instead of hanging, and Zoho's JSON error
 * to a download is read from the stream.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import nock from 'nock';

import { RETRY_POLICY } from '../../nodes/core/transport';
import { TICKET_ID, desk, runZohoDesk, selfClient, useNock } from './fixtures';

useNock();

const ATTACHMENT_ID = '1892000000047041';
const CONTENT = `/api/v1/tickets/${TICKET_ID}/attachments/${ATTACHMENT_ID}/content`;
const download = {
	resource: 'ticket',
	operation: 'downloadAttachment',
	ticketId: { __rl: true, mode: 'id', value: TICKET_ID },
	attachmentId: { __rl: true, mode: 'id', value: ATTACHMENT_ID },
	binaryPropertyName: 'data',
};
const fileHeaders = { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename*=UTF-8''Quote%20%C3%A9.pdf" };

test('a file sent in 64 KiB chunks arrives whole, with its name, MIME type and size', async () => {
	const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
	const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536));
	desk().get(CONTENT).reply(200, () => Readable.from(chunks), { ...fileHeaders, 'Content-Length': String(bytes.length) });

	const { items, error } = await runZohoDesk(download);

	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ fileName: 'Quote é.pdf', mimeType: 'application/pdf', size: bytes.length });
	expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(bytes)).toBe(true);
});

test('bytes that stop coming end the download after the timeout, with an error saying so', async () => {
	// A real socket (nock's sockets time out differently): the headers and one chunk, then nothing.
	const server = createServer((_req, res) => {
		res.writeHead(200, fileHeaders);
		res.write('%PDF-1.4');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	nock.enableNetConnect('127.0.0.1');
	const saved = RETRY_POLICY.timeoutMs;
	RETRY_POLICY.timeoutMs = 1500;
	try {
		const started = Date.now();
		const { error } = await runZohoDesk(download, { credentials: selfClient({ dataCenter: 'custom', customDeskUrl: url, customAccountsUrl: url }) });
		expect(error?.message).toBe('The download from Zoho Desk broke off (ECONNRESET): nothing was stored');
		expect(error?.description).toMatch(/no data came for 1.5 s/);
		expect(Date.now() - started).toBeLessThan(10_000);
	} finally {
		RETRY_POLICY.timeoutMs = saved;
		nock.disableNetConnect();
		server.closeAllConnections();
		server.close();
	}
}, 20_000);

test("Zoho's JSON error to a download is read from the stream: the message names it", async () => {
	desk().get(CONTENT).reply(404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' });

	const { error } = await runZohoDesk(download);

	expect(error?.message).toBe('Zoho Desk error URL_NOT_FOUND: The URL you requested could not be found.');
});
