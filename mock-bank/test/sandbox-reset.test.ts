import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const RESET = "/v1/sandbox/reset";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

type Snapshot = { accounts: unknown[]; balances: unknown[]; transactions: Record<string, unknown[]> };

/** Everything a developer can read of a tenant, through the API. */
async function snapshot(tenant: string): Promise<Snapshot> {
  const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string }[];
  const balances = [];
  const transactions: Record<string, unknown[]> = {};
  for (const { id } of accounts) {
    balances.push((await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body);
    const rows: unknown[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${id}/transactions?${query}`, { tenant });
      rows.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    transactions[id] = rows;
  }
  return { accounts, balances, transactions };
}

const reset = (tenant: string, headers: Record<string, string> = {}) =>
  bank.request({ method: "POST", url: RESET, template: RESET, tenant, headers });

/** Changes behind the API's back: a balance, a deleted and an added transaction, the clock. */
async function scribble(tenant: string) {
  const db = t.app.db;
  const account = await db.bankAccount.findFirstOrThrow({ where: { tenantId: tenant, type: "current" }, orderBy: { id: "asc" } });
  await db.bankAccount.update({ where: { id: account.id }, data: { bookedBalance: { increment: 123_45n } } });
  const first = await db.bankTransaction.findFirstOrThrow({ where: { accountId: account.id }, orderBy: { id: "asc" } });
  await db.bankTransaction.delete({ where: { id: first.id } });
  await db.bankTransaction.create({
    data: { ...first, id: `txn_scribbled_${tenant}`, description: "NOT IN THE SEED", createdAt: NOW },
  });
  await db.bankTenant.update({ where: { id: tenant }, data: { clockOffsetSeconds: 86_400 } });
  t.app.ensureTenant.forget(tenant);
}

describe("POST /v1/sandbox/reset", { timeout: 30_000 }, () => {
  it("restores the seed exactly after changes: same ids, balances, transactions and counts", async () => {
    const before = await snapshot("app_reset");
    const counts = {
      customers: await t.app.db.bankCustomer.count({ where: { tenantId: "app_reset" } }),
      accounts: before.accounts.length,
      transactions: Object.values(before.transactions).reduce((n, rows) => n + rows.length, 0),
    };
    await scribble("app_reset");
    expect(await snapshot("app_reset")).not.toEqual(before);

    const reply = await reset("app_reset");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...counts, custom_customers: 0, now: NOW.toISOString() });
    expect(counts).toMatchObject({ customers: 6, accounts: 18 });
    expect(await snapshot("app_reset")).toEqual(before);
    const tenant = await t.app.db.bankTenant.findUniqueOrThrow({ where: { id: "app_reset" } });
    expect(tenant.clockOffsetSeconds).toBe(0);
    expect(await t.app.db.bankTransaction.count({ where: { id: "txn_scribbled_app_reset" } })).toBe(0);
  });

  it("forgets the remembered tenant, so the next call sees the reset clock", async () => {
    await bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant: "app_clockreset" });
    await t.app.db.bankTenant.update({ where: { id: "app_clockreset" }, data: { clockOffsetSeconds: 3_600 } });
    t.app.ensureTenant.forget("app_clockreset");
    const account = (await bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant: "app_clockreset" })).body.data[0].id;
    const ahead = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${account}/balances`, { tenant: "app_clockreset" });
    expect(ahead.body.as_of).toBe(new Date(NOW.getTime() + 3_600_000).toISOString());
    await reset("app_clockreset");
    const after = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${account}/balances`, { tenant: "app_clockreset" });
    expect(after.body.as_of).toBe(NOW.toISOString());
  });

  it("seeds a tenant on its first call, so resetting a new sandbox just works", async () => {
    const reply = await reset("app_fresh");
    expect(reply.status).toBe(200);
    expect(reply.body.accounts).toBe(18);
    expect(await t.app.db.bankTenant.count({ where: { id: "app_fresh" } })).toBe(1);
  });

  it("resets one tenant only: B keeps its changes, and A's ids stay 404 for B", async () => {
    await snapshot("app_iso_a");
    await snapshot("app_iso_b");
    await scribble("app_iso_b");
    const bBefore = await snapshot("app_iso_b");
    expect((await reset("app_iso_a")).status).toBe(200);
    expect(await snapshot("app_iso_b")).toEqual(bBefore);
    expect(await t.app.db.bankTransaction.count({ where: { id: "txn_scribbled_app_iso_b" } })).toBe(1);

    const aAccounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_iso_a" })).body.data as { id: string }[];
    expect(aAccounts).toHaveLength(18);
    for (const { id } of aAccounts.slice(0, 3)) {
      expectProblemShape(
        await bank.get("/v1/accounts/{account_id}", `/v1/accounts/${id}`, { tenant: "app_iso_b" }),
        404,
        "resource_not_found",
      );
    }
  });

  it("changes nothing under a simulated failure, and ignores insufficient_funds (it moves no money)", async () => {
    await scribble("app_reset");
    expectProblemShape(await reset("app_reset", { "sandbox-scenario": "bank_unavailable" }), 502, "bank_unavailable");
    expect(await t.app.db.bankTransaction.count({ where: { id: "txn_scribbled_app_reset" } })).toBe(1);
    expect((await reset("app_reset", { "sandbox-scenario": "insufficient_funds" })).status).toBe(200);
    expect(await t.app.db.bankTransaction.count({ where: { id: "txn_scribbled_app_reset" } })).toBe(0);
  });

  it("refuses a call without the internal secret (403) and without a tenant (400)", async () => {
    expectProblemShape(
      await bank.request({ method: "POST", url: RESET, template: RESET, tenant: null, headers: { "x-tenant-id": "app_reset" } }),
      403,
      "internal_auth_failed",
    );
    const noTenant = await bank.request({
      method: "POST",
      url: RESET,
      template: RESET,
      tenant: null,
      headers: { "x-internal-secret": (await import("./helpers")).TEST_SECRET },
    });
    expectProblemShape(noTenant, 400, "validation_failed");
  });
});
