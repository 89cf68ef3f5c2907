/**
 * The contact that Create or Update means: the one with the email, else the one with the phone. Zoho's search
 * (/contacts/search) finds contacts of any age but reads an index that trails the database, so a contact created a
 * moment ago (by the previous item, the previous run, or a create whose answer was lost) may not be in it yet. The
 * newest-first contact list (/contacts?sortBy=-createdTime) reads the database: it covers that gap.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { timeMs } from '../../../core/sync';
import { TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';

export interface ContactKey {
	email?: string;
	phone?: string;
}

/** How far back the newest-first list is read: well beyond any search index delay, and any clock skew. */
const RECENT_MS = 15 * 60_000;
/** The most pages of the newest-first list read (99 contacts each): a bound for a portal adding contacts in bulk. */
const RECENT_PAGES = 5;

const sameText = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();
/** Phone numbers are the same when their digits are ("+44 20 7946 0018" is "+442079460018"). */
const digits = (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '') : '');

/** The oldest of several matches (the one the others duplicate), by creation time then id. */
function oldest(matches: IDataObject[]): IDataObject | undefined {
	const created = (contact: IDataObject) => timeMs(contact.createdTime) ?? Number.MAX_SAFE_INTEGER;
	// Ids are digit strings beyond 2^53: the shorter is the smaller, else the first in text order.
	const byId = (a: IDataObject, b: IDataObject) => {
		const [x, y] = [String(a.id ?? ''), String(b.id ?? '')];
		return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
	};
	return [...matches].sort((a, b) => created(a) - created(b) || byId(a, b))[0];
}

/** Tests of a contact against the key: its email, or (for a contact that has no other email) its phone. */
function matchers(key: ContactKey) {
	const byEmail = (contact: IDataObject) => Boolean(key.email) && sameText(contact.email, key.email!);
	// A phone shared with a contact that has a different email is someone else (a colleague, a switchboard).
	const byPhone = (contact: IDataObject) =>
		Boolean(key.phone) && digits(contact.phone) === digits(key.phone) && (!key.email || !contact.email);
	return { byEmail, byPhone };
}

async function searched(ctx: IExecuteFunctions, criterion: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const page = (await zohoDeskApi.call(ctx, { path: TABLES.contacts.search!.path, qs: { ...criterion, limit: 100 }, itemIndex })) as
		| { data?: IDataObject[] }
		| undefined;
	return page?.data ?? [];
}

/** The contacts created in the last RECENT_MS, newest first, straight from the contact list. */
async function recentContacts(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { listPath: path, pageSize = 99 } = TABLES.contacts;
	const since = Date.now() - RECENT_MS;
	const contacts: IDataObject[] = [];
	for (let page = 0; page < RECENT_PAGES; page++) {
		const qs = { sortBy: '-createdTime', from: page * pageSize, limit: pageSize };
		const rows = ((await zohoDeskApi.call(ctx, { path, qs, itemIndex })) as { data?: IDataObject[] } | undefined)?.data ?? [];
		contacts.push(...rows);
		const last = timeMs(rows[rows.length - 1]?.createdTime);
		if (rows.length < pageSize || last === undefined || last < since) break;
	}
	return contacts;
}

/**
 * The existing contact for the key, or undefined: by email (search, then the newest contacts), else by phone
 * (likewise). Search matches loosely (a part of the address), so every candidate is compared here exactly.
 */
export async function findContact(this: IExecuteFunctions, key: ContactKey, itemIndex: number): Promise<IDataObject | undefined> {
	const { byEmail, byPhone } = matchers(key);
	let recent: IDataObject[] | undefined;
	const inRecent = async (test: (contact: IDataObject) => boolean) => {
		recent ??= await recentContacts(this, itemIndex);
		return oldest(recent.filter(test));
	};
	if (key.email) {
		const found = oldest((await searched(this, { email: key.email }, itemIndex)).filter(byEmail)) ?? (await inRecent(byEmail));
		if (found) return found;
	}
	if (key.phone) {
		return oldest((await searched(this, { phone: key.phone }, itemIndex)).filter(byPhone)) ?? (await inRecent(byPhone));
	}
	return undefined;
}
