#!/usr/bin/env node
'use strict';
/**
 * npm run simulator -- --port 4000 --tickets 10000 --latency 50
 * Starts the simulator and prints what a credential needs. `--json` prints one JSON line instead (for scripts).
 */
const { startSimulator } = require('./index');

const FLAGS = {
	'--port': ['port', Number],
	'--host': ['host', String],
	'--tickets': ['tickets', Number],
	'--seed': ['seed', Number],
	'--latency': ['latencyMs', Number],
	'--edition': ['edition', String],
	'--credits': ['dailyCredits', Number],
	'--concurrency': ['concurrency', Number],
	'--token-ttl': ['accessTokenTtlSeconds', Number],
};
const USAGE = `Usage: npm run simulator -- [options]
  --port <n>          port (default 4000; 0 = any free port)
  --host <ip>         interface (default 127.0.0.1)
  --tickets <n>       tickets in the first portal (default 1000)
  --seed <n>          data seed (default 1)
  --latency <ms>      added to every Desk API call (default 0)
  --edition <name>    free | express | standard | professional | enterprise (default enterprise)
  --credits <n>       daily API credits (default: the edition's)
  --concurrency <n>   concurrent calls before 429 (default 5)
  --token-ttl <s>     access-token lifetime (default 3600)
  --json              print the connection details as one JSON line`;

function parseArgs(argv) {
	const options = { port: 4000 };
	let json = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (arg === '--json') {
			json = true;
			continue;
		}
		const [name, value] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, argv[++i]];
		const flag = FLAGS[name];
		if (!flag || value === undefined) {
			console.error(`Unknown or incomplete option ${arg}\n\n${USAGE}`);
			process.exit(2);
		}
		options[flag[0]] = flag[1](value);
	}
	return { options, json };
}

async function main() {
	const { options, json } = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const sim = await startSimulator(options);
	const info = sim.info();
	const grant = sim.issueGrantCode({ ttlSeconds: 600 });
	if (json) {
		console.log(JSON.stringify({ ...info, grantCode: grant.code, grantCodeExpiresAt: grant.expiresAt }));
	} else {
		const { settings } = info;
		console.log(`Zoho Desk simulator on ${sim.url} (ready in ${Date.now() - started} ms)

Credential "Custom" data centre:
  Accounts server URL  ${sim.accountsUrl}
  Desk URL             ${sim.deskUrl}
  Organization ID      ${info.orgs.map((org) => `${org.id} (${org.companyName}, ${org.tickets} tickets)`).join('\n                       ')}

Self Client:     Client ID      ${info.selfClient.clientId}
                 Client Secret  ${info.selfClient.clientSecret}
                 Generated Code ${grant.code}  (valid 10 minutes, all default scopes, first org)
  Another code:  curl -s -X POST ${sim.url}/__sim/grant-codes -H 'Content-Type: application/json' -d '{"ttlSeconds":600}'
OAuth2 (redirect) client: Client ID ${info.webClient.clientId}  Client Secret ${info.webClient.clientSecret}
  Redirect URIs: ${info.webClient.redirectUris.join(', ')}

Edition ${settings.edition}, ${settings.dailyCredits} credits/day, ${settings.concurrency} concurrent calls, ${settings.latencyMs} ms latency.
Control API: ${sim.url}/__sim (see test/simulator/README.md). Ctrl-C stops.`);
	}
	const stop = async () => {
		await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
