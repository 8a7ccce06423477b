import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const TXNS = "/v1/accounts/{account_id}/transactions";
const LIST = "/v1/accounts";
const BALANCES = "/v1/accounts/{account_id}/balances";

let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
type Txn = {
  id: string;
  account_id: string;
  amount: { amount: string; currency: string };
  status: string;
  channel: string;
  transacted_at: string;
  booked_at: string | null;
  merchant: { name: string; category_code: string } | null;
};
type Account = { id: string; type: string; identifiers: Record<string, string> };
let accounts: Account[];

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
  accounts = (await bank.get(LIST, "/v1/accounts?limit=100")).body.data;
});
afterAll(() => t.close());

const goodCreditCurrent = () => accounts.find((a) => a.identifiers.account_number === "41825937")!;
const minor = (amount: string) => {
  const [whole, fraction = ""] = amount.replace("-", "").split(".");
  const value = BigInt(whole + fraction.padEnd(2, "0"));
  return amount.startsWith("-") ? -value : value;
};

/** Follows next_cursor to the end, checking every page against the contract. */
async function walk(accountId: string, query = "", limit = 100): Promise<{ txns: Txn[]; pages: number }> {
  const txns: Txn[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/v1/accounts/${accountId}/transactions?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const reply = await bank.get(TXNS, url);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    txns.push(...reply.body.data);
    cursor = reply.body.next_cursor;
    pages++;
  } while (cursor && pages < 100);
  return { txns, pages };
}

const newestFirst = (a: Txn, b: Txn) =>
  a.transacted_at === b.transacted_at ? (a.id < b.id ? 1 : -1) : a.transacted_at < b.transacted_at ? 1 : -1;

describe("GET /v1/accounts/{account_id}/transactions", () => {
  it("returns the newest 25 by default, newest first, with merchants, channels and money", async () => {
    const account = goodCreditCurrent();
    const reply = await bank.get(TXNS, `/v1/accounts/${account.id}/transactions`);
    expect(reply.status).toBe(200);
    const data: Txn[] = reply.body.data;
    expect(data).toHaveLength(25);
    expect(reply.body.next_cursor).toEqual(expect.any(String));
    expect([...data].sort(newestFirst)).toEqual(data);
    for (const txn of data) {
      expect(txn.id).toMatch(/^txn_[0-9A-Za-z]{22}$/);
      expect(txn.account_id).toBe(account.id);
      expect(txn.amount.currency).toBe("GBP");
      expect(txn.transacted_at < NOW.toISOString()).toBe(true);
    }
    const pending = data.filter((x) => x.status === "pending");
    expect(pending.length).toBeGreaterThan(0);
    for (const txn of pending) {
      expect(txn.booked_at).toBeNull();
      expect(txn.channel).toBe("card");
      expect(txn.merchant?.category_code).toMatch(/^\d{4}$/);
    }
  });

  it("walks every transaction exactly once across pages (any page size)", async () => {
    const account = goodCreditCurrent();
    const stored = await t.app.db.bankTransaction.count({ where: { accountId: account.id } });
    for (const limit of [100, 7]) {
      const { txns, pages } = await walk(account.id, "", limit);
      expect(txns).toHaveLength(stored);
      expect(new Set(txns.map((x) => x.id)).size).toBe(stored);
      expect(pages).toBe(Math.ceil(stored / limit) + (stored % limit === 0 ? 1 : 0));
      expect([...txns].sort(newestFirst)).toEqual(txns);
    }
  });

  it("keeps every account's booked balance equal to the sum of its booked transactions", async () => {
    for (const account of accounts) {
      const { txns } = await walk(account.id);
      const bookedSum = txns.filter((x) => x.status === "booked").reduce((sum, x) => sum + minor(x.amount.amount), 0n);
      const pendingSum = txns.filter((x) => x.status === "pending").reduce((sum, x) => sum + minor(x.amount.amount), 0n);
      const balances = (await bank.get(BALANCES, `/v1/accounts/${account.id}/balances`)).body;
      expect(minor(balances.booked.amount), account.id).toBe(bookedSum);
      expect(minor(balances.pending.amount), account.id).toBe(pendingSum);
    }
  });

  it("filters by status", async () => {
    const account = goodCreditCurrent();
    const all = (await walk(account.id)).txns;
    const pending = (await walk(account.id, "&status=pending")).txns;
    const booked = (await walk(account.id, "&status=booked")).txns;
    expect(pending.map((x) => x.id)).toEqual(all.filter((x) => x.status === "pending").map((x) => x.id));
    expect(booked.every((x) => x.status === "booked" && x.booked_at !== null)).toBe(true);
    expect(pending.length + booked.length).toBe(all.length);
  });

  it("filters by from/to, both inclusive, in UTC days, across pages", async () => {
    const account = goodCreditCurrent();
    const all = (await walk(account.id)).txns;
    const day = (x: Txn) => x.transacted_at.slice(0, 10);
    const from = day(all[60]);
    const to = day(all[20]);
    const expected = all.filter((x) => day(x) >= from && day(x) <= to);
    const { txns } = await walk(account.id, `&from=${from}&to=${to}`, 10);
    expect(txns.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    expect(txns.some((x) => day(x) === from) && txns.some((x) => day(x) === to)).toBe(true);

    const single = (await walk(account.id, `&from=${to}&to=${to}`)).txns;
    expect(single.length).toBeGreaterThan(0);
    expect(single.every((x) => day(x) === to)).toBe(true);
    expect((await walk(account.id, `&from=${from}`)).txns).toEqual(all.filter((x) => day(x) >= from));
    expect((await walk(account.id, `&to=${to}`)).txns).toEqual(all.filter((x) => day(x) <= to));
    expect((await walk(account.id, "&from=2030-01-01")).txns).toEqual([]);
  });

  it("has at least 120 days of history", async () => {
    const { txns } = await walk(goodCreditCurrent().id);
    const oldest = new Date(txns[txns.length - 1].transacted_at);
    expect((NOW.getTime() - oldest.getTime()) / 86_400_000).toBeGreaterThanOrEqual(120);
  });

  it.each([
    ["from=2026-11-10&to=2026-11-01", "/query/from"],
    ["from=2026-13-01", "/query/from"],
    ["from=2026-02-30", "/query/from"],
    ["to=yesterday", "/query/to"],
    ["from=2026-11-01T00:00:00Z", "/query/from"],
    ["status=settled", "/query/status"],
    ["limit=-1", "/query/limit"],
    ["limit=1000", "/query/limit"],
    ["cursor=%%%", "/query/cursor"],
    ["page=2", "/query/page"],
  ])("refuses ?%s with 400 pointing at %s", async (query, pointer) => {
    const reply = await bank.get(TXNS, `/v1/accounts/${goodCreditCurrent().id}/transactions?${query}`);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("refuses a tampered cursor, or one from another account or other filters", async () => {
    const [a, b] = accounts;
    const first = await bank.get(TXNS, `/v1/accounts/${a.id}/transactions?limit=2`);
    const cursor: string = first.body.next_cursor;
    const [payload, signature] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify(["2099-01-01T00:00:00.000Z", "txn_zzzz"])).toString("base64url");
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(1)}A`, payload]) {
      const reply = await bank.get(TXNS, `/v1/accounts/${a.id}/transactions?limit=2&cursor=${encodeURIComponent(bad)}`);
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors).toEqual([{ pointer: "/query/cursor", detail: expect.any(String) }]);
    }
    expectProblemShape(await bank.get(TXNS, `/v1/accounts/${b.id}/transactions?limit=2&cursor=${cursor}`), 400, "validation_failed");
    expectProblemShape(
      await bank.get(TXNS, `/v1/accounts/${a.id}/transactions?limit=2&status=booked&cursor=${cursor}`),
      400,
      "validation_failed",
    );
    // The same cursor with the same filters still works (a different limit is fine).
    expect((await bank.get(TXNS, `/v1/accounts/${a.id}/transactions?limit=3&cursor=${cursor}`)).status).toBe(200);
  });

  it("answers 404 for an unknown account", async () => {
    expectProblemShape(await bank.get(TXNS, "/v1/accounts/acc_unknown/transactions"), 404, "resource_not_found");
  });
});
