#!/usr/bin/env node
'use strict';
// npm run contract:update -- --spec <folder>: rewrites test/contract/zoho-desk.contract.json from a copy of
// Zoho Desk's OpenAPI spec (a checkout of github.com/zoho/zohodesk-oas, or ZOHO_DESK_OAS_DIR when --spec is absent).
const fs = require('node:fs');
const path = require('node:path');
const { deriveContract, formatContract, CONTRACT_FILE } = require('./derive');

const flag = process.argv.indexOf('--spec');
const specDir = flag >= 0 ? process.argv[flag + 1] : process.env.ZOHO_DESK_OAS_DIR;
if (!specDir) {
	console.error('Usage: npm run contract:update -- --spec <folder with v1.0/*.json of Zoho Desk\'s OpenAPI spec>');
	process.exit(2);
}
const before = fs.existsSync(CONTRACT_FILE) ? fs.readFileSync(CONTRACT_FILE, 'utf8') : '';
const after = formatContract(deriveContract(path.resolve(specDir)));
fs.writeFileSync(CONTRACT_FILE, after);
const count = Object.keys(JSON.parse(after).operations).length;
console.log(`${path.relative(process.cwd(), CONTRACT_FILE)}: ${count} operations, ${before === after ? 'unchanged' : 'updated (review the diff)'}`);
