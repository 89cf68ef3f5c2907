'use strict';
// What the editor's "Connect my account" button does for an OAuth2 credential: ask n8n for the authorization URL,
// open it (Zoho's consent page; the simulator approves at once and redirects), and load n8n's callback with the
// redirect's query string in the same browser, i.e. with the n8n session cookie.
const { http } = require('./util');
const { rest } = require('./setup');

/** The redirect URI n8n sends; Zoho only redirects to URIs registered for the client. */
const callbackUrl = (n8n) => `${n8n.baseUrl}/rest/oauth2-credential/callback`;

/** GET /rest/oauth2-credential/auth?id=…: the URL the editor opens in its popup (same route and shape in 1.x and 2.x). */
async function authorizationUrl(n8n, cookie, credentialId) {
	return new URL(await rest(n8n, cookie, 'GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`));
}

/** Opens the authorization URL; returns where the consent page redirects the browser. */
async function consent(authUrl) {
	const res = await http(authUrl, { redirect: 'manual' });
	const location = res.headers.get('location');
	if (res.status !== 302 || !location) throw new Error(`the consent page answered ${res.status}: ${res.text.slice(0, 300)}`);
	return new URL(location);
}

/**
 * Loads n8n's callback page. n8n answers 200 either way and tells the editor through postMessage: 'success', or
 * 'error' with the reason on the page.
 */
async function loadCallback(redirect, cookie) {
	const page = await http(redirect, { cookie });
	if (page.status === 200 && page.text.includes("postMessage('success'")) return;
	const error = /<h4>Error: ([\s\S]*?)<\/h4>/.exec(page.text)?.[1];
	const reason = /<pre class='reason'>([\s\S]*?)<\/pre>/.exec(page.text)?.[1];
	throw new Error(`n8n's OAuth2 callback answered ${page.status}: ${error ?? page.text.slice(0, 300)}${reason ? ` (${reason})` : ''}`);
}

module.exports = { callbackUrl, authorizationUrl, consent, loadCallback };
