import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BankApp } from "../src/app";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { parseBankEnv } from "../src/env";
import { bankClient, PORTAL_URL, TEST_SECRET } from "./helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "./postgres";

// Reset, clock and simulated income run interactive transactions: the same checks on PostgreSQL.
const NOW = new Date("2026-11-21T10:30:00.000Z");
const reachable = await postgresReachable();
if (!reachable) console.warn(`\n!! SKIPPED: sandbox controls on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}.\n`);

describe.skipIf(!reachable)("sandbox controls on PostgreSQL", () => {
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

  const post = (url: string, tenant: string, body?: unknown) =>
    bank.request({
      method: "POST",
      url,
      template: url,
      tenant,
      ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
  const balances = async (tenant: string) => {
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string }[];
    return Promise.all(
      accounts.map(async ({ id }) => [
        id,
        (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount,
      ]),
    );
  };

  it("credits, advances the clock with a sound ledger, and resets to the same ids and balances", async () => {
    const tenant = "app_pg_sandbox";
    const seeded = await balances(tenant);
    const credit = await post("/v1/sandbox/transactions", tenant, {
      account_id: seeded[1][0],
      amount: { amount: "12.34", currency: "GBP" },
      counterparty_name: "PG TEST",
    });
    expect(credit.status).toBe(201);
    const advanced = await post("/v1/sandbox/clock/advance", tenant, { days: 3 });
    expect(advanced.status).toBe(200);
    expect(advanced.body.effects.transactions_booked).toBeGreaterThan(0);
    expect(await checkLedgerInvariants({ db: database.db, tenantId: tenant })).toEqual([]);
    expect(await balances(tenant)).not.toEqual(seeded);

    const reset = await post("/v1/sandbox/reset", tenant);
    expect(reset.status).toBe(200);
    expect(await balances(tenant)).toEqual(seeded);
    expect((await bank.get("/v1/sandbox/clock", "/v1/sandbox/clock", { tenant })).body).toMatchObject({
      now: NOW.toISOString(),
      offset_seconds: 0,
    });
    expect(await checkLedgerInvariants({ db: database.db, tenantId: tenant })).toEqual([]);
  }, 60_000);
});
