/**
 * Contacts and accounts against the simulator: Get, Get Many (every record once; accounts count `from` from 1),
 * Search, a contact's tickets, an account's contacts and tickets, and `include` saving one call per record.
 */
import type { IDataObject } from "n8n-workflow";

import { credentialFor, liveIds, startSim } from "../fixtures";
import type { Simulator } from "../fixtures";
import { executeNode, listSearch } from "../harness";
import type { CredentialStore } from "../harness";

let sim: Simulator;
let store: CredentialStore;

async function run(parameters: IDataObject) {
  const result = await executeNode({
    nodeType: "zohoDesk",
    parameters: parameters as never,
    credentials: store,
  });
  expect(result.error).toBeUndefined();
  return result.items.map((item) => item.json);
}

const ids = (records: IDataObject[]) =>
  records.map((record) => String(record.id));
/** The simulator's own view of every record of a table (no API call). */
const all = (table: string, list: IDataObject[]) =>
  list.map((record) => sim.getRecord(table, String(record.id)));

beforeAll(async () => {
  sim = await startSim({ tickets: 400, seed: 21 });
  store = credentialFor(sim);
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.resetCounters());

test.each([
  ["contact", "/contacts", 0],
  ["account", "/accounts", 1],
])(
  "%s: Get Many with Return All returns every record once, ids as strings",
  async (resource, path, firstFrom) => {
    const records = await run({
      resource,
      operation: "getMany",
      returnAll: true,
    });
    const truth = await liveIds(sim, path, 99, firstFrom as number);

    expect(new Set(ids(records)).size).toBe(records.length);
    expect([...ids(records)].sort()).toEqual([...truth].sort());
    for (const id of ids(records)) expect(id).toMatch(/^[0-9]{19}$/);
  },
);

test("accounts: a Limit read starts at from=1 and stops at the limit", async () => {
  const records = await run({
    resource: "account",
    operation: "getMany",
    limit: 5,
    options: { sortBy: "accountName" },
  });

  expect(records.map((record) => record.accountName)).toEqual(
    [1, 2, 3, 4, 5].map((n) => `Customer 0${n} Ltd`),
  );
  expect(sim.counters().byRoute["GET /api/v1/accounts"]).toBe(1);
});

test("Get: a contact with its account embedded (include), an account with its owner", async () => {
  const [first] = await run({
    resource: "contact",
    operation: "getMany",
    limit: 1,
  });
  const [contact] = await run({
    resource: "contact",
    operation: "get",
    id: first.id,
    options: { include: ["accounts"] },
  });
  const [account] = await run({
    resource: "account",
    operation: "get",
    id: first.accountId,
    options: { include: ["owner"] },
  });

  expect((contact.account as IDataObject).id).toBe(first.accountId);
  expect(account).toMatchObject({
    id: first.accountId,
    owner: { id: expect.stringMatching(/^[0-9]+$/) },
  });
});

test("Search by email finds a contact created a moment ago; by phone and name too", async () => {
  const created = sim.createRecord("contacts", {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@analytical.example",
    phone: "+44 20 7946 0001",
  });

  for (const criteria of [
    { email: "ada@analytical.example" },
    { phone: "+44 20 7946 0001" },
    { fullName: "Ada Lovelace" },
  ]) {
    const found = await run({
      resource: "contact",
      operation: "search",
      criteria,
      returnAll: true,
    });
    expect(ids(found)).toEqual([created.id]);
  }
  expect(sim.counters().byRoute["GET /api/v1/contacts/search"]).toBe(3);
});

test("Search accounts by name prefix", async () => {
  const found = await run({
    resource: "account",
    operation: "search",
    criteria: { accountName: "Customer 1*" },
    returnAll: true,
  });
  expect(found.map((account) => account.accountName).sort()).toEqual(
    Array.from({ length: 10 }, (_, i) => `Customer ${10 + i} Ltd`),
  );
});

test("an account's contacts and tickets, and a contact's tickets, are exactly the related records", async () => {
  const tickets = await run({
    resource: "ticket",
    operation: "getMany",
    returnAll: true,
  });
  const byAccount = new Map<string, string[]>();
  for (const ticket of all("tickets", tickets))
    byAccount.set(String(ticket.accountId), [
      ...(byAccount.get(String(ticket.accountId)) ?? []),
      String(ticket.id),
    ]);
  const [accountId, accountTickets] = [...byAccount.entries()].sort(
    (a, b) => b[1].length - a[1].length,
  )[0];

  const contacts = await run({
    resource: "account",
    operation: "getContacts",
    id: accountId,
    returnAll: true,
  });
  const fromAccount = await run({
    resource: "account",
    operation: "getTickets",
    id: accountId,
    returnAll: true,
  });
  const contactId = String(
    sim.getRecord("tickets", accountTickets[0]).contactId,
  );
  const fromContact = await run({
    resource: "contact",
    operation: "getTickets",
    id: contactId,
    returnAll: true,
  });

  expect(contacts.length).toBeGreaterThan(0);
  expect(contacts.every((contact) => contact.accountId === accountId)).toBe(
    true,
  );
  expect(ids(fromAccount).sort()).toEqual([...accountTickets].sort());
  const contactTickets = all("tickets", tickets)
    .filter((ticket) => ticket.contactId === contactId)
    .map((ticket) => String(ticket.id));
  expect(ids(fromContact).sort()).toEqual(contactTickets.sort());
});

test.each([
  { resource: "ticket", include: "contacts", related: "contact" },
  { resource: "contact", include: "accounts", related: "account" },
])(
  "Get Many $resource records with include=$include embeds each one's $related: one call instead of one per record",
  async ({ resource, include, related }) => {
    const withRelated = await run({
      resource,
      operation: "getMany",
      limit: 50,
      options: { include: [include] },
    });

    expect(sim.counters().calls).toBe(1);
    expect(withRelated).toHaveLength(50);
    for (const record of withRelated)
      expect((record[related] as IDataObject).id).toBe(record[`${related}Id`]);
    // Without include, a workflow needs a Get of the related record per record: 1 + 50 calls.
    sim.resetCounters();
    const plain = await run({ resource, operation: "getMany", limit: 50 });
    for (const record of plain)
      await run({
        resource: related,
        operation: "get",
        id: record[`${related}Id`],
      });
    expect(sim.counters().calls).toBe(51);
  },
);

test("pickers: accounts page from 1, contacts search full text from 3 characters", async () => {
  const picker = async (method: string, filter?: string) =>
    await listSearch({
      nodeType: "zohoDesk",
      parameters: { resource: "contact", operation: "get" },
      credentials: store,
      method,
      filter,
    });

  const [first] = await run({
    resource: "contact",
    operation: "getMany",
    limit: 1,
  });
  const accounts = await picker("searchAccounts");
  const contacts = await picker("searchContacts", String(first.email));

  expect(accounts.results[0].name).toBe("Customer 01 Ltd");
  expect(accounts.paginationToken).toBe("51");
  expect(contacts.results).toEqual([
    { name: first.email, value: first.id, url: first.webUrl },
  ]);
});
