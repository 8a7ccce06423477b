import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BankApp } from "../src/app";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { parseBankEnv } from "../src/env";
import { bankClient, PORTAL_URL, TEST_SECRET } from "./helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "./postgres";

// A restore deletes and inserts a whole tenant in one interactive transaction, in foreign-key order: the same on PostgreSQL.
const NOW = new Date("2026-11-21T10:30:00.000Z");
const reachable = await postgresReachable();
if (!reachable) console.warn(`\n!! SKIPPED: snapshots on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}.\n`);

describe.skipIf(!reachable)("snapshots on PostgreSQL", { timeout: 120_000 }, () => {
  let app: BankApp;
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let bank: Awaited<ReturnType<typeof bankClient>>;
  beforeAll(async () => {
    database = await createPostgresTestDatabase({ poolSize: 4 });
    const env = parseBankEnv({ BANK_DATABASE_URL: database.url, BANK_INTERNAL_SECRET: TEST_SECRET, PORTAL_URL, LOG_LEVEL: "info" });
    app = await buildApp({ env, logger: false, db: database.db, now: () => NOW });
    bank = await bankClient(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const post = (url: string, template: string, tenant: string, body?: unknown) =>
    bank.request({
      method: "POST",
      url,
      template,
      tenant,
      ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
  const balances = async (tenant: string) => {
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string }[];
    const answers = [];
    for (const { id } of accounts)
      answers.push((await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body);
    return answers;
  };

  it("restores a snapshot exactly and imports into another tenant; restore time measured", async () => {
    const tenant = "app_pg_snap";
    const before = await balances(tenant);
    expect((await post("/v1/sandbox/snapshots", "/v1/sandbox/snapshots", tenant, { name: "base" })).status).toBe(201);
    const account = (before[0] as { account_id: string }).account_id;
    const income = { account_id: account, amount: { amount: "12.00", currency: "GBP" }, counterparty_name: "Acme" };
    expect((await post("/v1/sandbox/transactions", "/v1/sandbox/transactions", tenant, income)).status).toBe(201);
    expect(await balances(tenant)).not.toEqual(before);

    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const restored = await post("/v1/sandbox/snapshots/base/restore", "/v1/sandbox/snapshots/{snapshot}/restore", tenant);
      times.push(performance.now() - started);
      expect(restored.status).toBe(200);
    }
    console.log(`[snapshots] PostgreSQL restore of a seeded tenant: median ${Math.round(times.sort((a, b) => a - b)[2]!)} ms of 5`);
    expect(await balances(tenant)).toEqual(before);
    expect(await checkLedgerInvariants({ db: app.db, tenantId: tenant })).toEqual([]);

    const file = (await bank.get("/v1/sandbox/export", "/v1/sandbox/export", { tenant })).body;
    const imported = await post("/v1/sandbox/import", "/v1/sandbox/import", "app_pg_copy", file);
    expect(imported.status).toBe(200);
    expect(imported.body.ids_remapped).toBe(true);
    expect(await checkLedgerInvariants({ db: app.db, tenantId: "app_pg_copy" })).toEqual([]);
    expect((await balances("app_pg_copy")).length).toBe(before.length);
  });
});
