'use strict';
/** `npm run simulator` starts a simulator another process can use. */
const { spawn } = require('node:child_process');
const path = require('node:path');

test('the CLI prints its connection details and serves until stopped', async () => {
	const child = spawn(process.execPath, [
		path.join(__dirname, 'cli.js'),
		'--port',
		'0',
		'--tickets',
		'20',
		'--edition',
		'professional',
		'--json',
	]);
	try {
		const info = await new Promise((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk) => {
				out += chunk;
				if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
			});
			child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
		});
		expect(info).toMatchObject({
			orgs: [{ tickets: 20 }, { tickets: 20 }],
			settings: { edition: 'professional', dailyCredits: 75000 },
		});
		const form = new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: info.selfClient.clientId,
			client_secret: info.selfClient.clientSecret,
			code: info.grantCode,
		});
		const token = await fetch(`${info.accountsUrl}/oauth/v2/token`, { method: 'POST', body: form }).then((r) =>
			r.json(),
		);
		const tickets = await fetch(`${info.apiUrl}/tickets?limit=100`, {
			headers: { Authorization: `Zoho-oauthtoken ${token.access_token}`, orgId: info.orgs[0].id },
		});
		expect((await tickets.json()).data.length).toBeGreaterThan(15);
	} finally {
		child.kill('SIGTERM');
	}
});
