import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planSeed } from "../src/seed/plan-seed";
import { bankClient, buildTestApp, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const PLANNED_ROWS = planSeed(NOW).reduce((n, c) => n + c.accounts.reduce((m, a) => m + a.transactions.length, 0), 0);

let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

type Account = { id: string; customer_id: string; type: string; name: string; identifiers: Record<string, string> };
type Txn = {
  id: string;
  account_id: string;
  amount: unknown;
  status: string;
  description: string;
  transacted_at: string;
  booked_at: string | null;
};

async function snapshot(tenant: string) {
  const accounts: Account[] = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data;
  const byIdentity = new Map<string, { account: Account; txns: Txn[] }>();
  for (const account of accounts) {
    const txns: Txn[] = [];
    let cursor: string | null = null;
    do {
      const reply: { body: { data: Txn[]; next_cursor: string | null } } = await bank.get(
        "/v1/accounts/{account_id}/transactions",
        `/v1/accounts/${account.id}/transactions?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
        { tenant },
      );
      txns.push(...reply.body.data);
      cursor = reply.body.next_cursor;
    } while (cursor);
    byIdentity.set(JSON.stringify(account.identifiers), { account, txns });
  }
  return byIdentity;
}

/** Transactions without ids, in an id-free order (ties on transacted_at are ordered by id, which differs per tenant). */
const comparable = (txns: Txn[]) => txns.map((txn) => JSON.stringify({ ...txn, id: undefined, account_id: undefined })).sort();

describe("per-app tenants", () => {
  it("seeds every tenant with the same data under different ids", async () => {
    const a = await snapshot("app_one");
    const b = await snapshot("app_two");
    expect(a.size).toBe(18);
    expect([...a.values()].reduce((n, { txns }) => n + txns.length, 0)).toBe(PLANNED_ROWS);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    const idsA = new Set<string>();
    for (const [identity, left] of a) {
      const right = b.get(identity)!;
      expect({ ...right.account, id: "", customer_id: "" }).toEqual({ ...left.account, id: "", customer_id: "" });
      expect(right.account.id).not.toBe(left.account.id);
      expect(right.txns).toHaveLength(left.txns.length);
      expect(comparable(right.txns)).toEqual(comparable(left.txns));
      for (const txn of left.txns) idsA.add(txn.id);
      idsA.add(left.account.id);
    }
    for (const right of b.values()) {
      expect(idsA.has(right.account.id)).toBe(false);
      expect(right.txns.some((txn) => idsA.has(txn.id))).toBe(false);
    }
  });

  it("seeds a tenant once, quickly, when its first calls arrive together", async () => {
    const started = performance.now();
    const replies = await Promise.all(Array.from({ length: 6 }, () => bank.get("/v1/accounts", "/v1/accounts", { tenant: "app_rush" })));
    const ms = performance.now() - started;
    console.log(`first call (seeding ${PLANNED_ROWS} transactions) answered in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = replies.map((r) => JSON.stringify(r.body.data.map((acc: Account) => acc.id)));
    expect(new Set(ids).size).toBe(1);
    const db = t.app.db;
    expect(await db.bankTenant.count({ where: { id: "app_rush" } })).toBe(1);
    expect(await db.bankCustomer.count({ where: { tenantId: "app_rush" } })).toBe(6);
    expect(await db.bankAccount.count({ where: { tenantId: "app_rush", customerId: { not: null } } })).toBe(18);
    expect(await db.bankTransaction.count({ where: { tenantId: "app_rush" } })).toBe(PLANNED_ROWS);
  });
});
