import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BankApp } from "../src/app";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { parseBankEnv } from "../src/env";
import { mulberry32 } from "../src/seed/prng";
import { buildTestApp, gatewayHeaders, PORTAL_URL, TEST_SECRET, type TestApp } from "./helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "./postgres";

/**
 * Concurrency: 1,000 transfers fired at once over four hot accounts (every one through the
 * HTTP route: idempotency, ledger, events), then money is conserved, no account is below
 * its floor, every ledger invariant holds and every acknowledged payment exists exactly
 * once. And 50 concurrent requests with one Idempotency-Key make exactly one payment.
 * SQLite always; PostgreSQL when a server is reachable (a loud skip otherwise).
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const TRANSFERS = 1_000;
// good_credit current + savings, small_business current, student current (overdrawn, 2,000 overdraft)
const HOT = ["41825937", "41825945", "74129538", "85230619"];

type Figures = { transfers: number; acknowledged: number; declined: number; ms: number };

async function hotAccounts(app: BankApp, tenant: string) {
  const reply = await app.inject({ url: "/v1/accounts?limit=100", headers: gatewayHeaders(tenant) });
  const accounts = reply.json().data as { id: string; identifiers: Record<string, string> }[];
  return HOT.map((number) => accounts.find((a) => a.identifiers.account_number === number)!.id);
}

const post = (app: BankApp, tenant: string, key: string, body: object) =>
  app.inject({
    method: "POST",
    url: "/v1/payments",
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json", "idempotency-key": key },
    payload: JSON.stringify(body),
  });

async function burst(app: BankApp, db: PrismaClient, tenant: string): Promise<Figures> {
  const hot = await hotAccounts(app, tenant);
  const totalBefore = await db.bankAccount.aggregate({ where: { tenantId: tenant, id: { in: hot } }, _sum: { bookedBalance: true } });
  const random = mulberry32(20261121);
  const requests = Array.from({ length: TRANSFERS }, (_, i) => {
    const from = Math.floor(random() * hot.length);
    const to = (from + 1 + Math.floor(random() * (hot.length - 1))) % hot.length;
    // Up to 3,000.00: big enough that the hot accounts keep running into their floors.
    const pence = 1 + Math.floor(random() * 300_000);
    const amount = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
    return {
      key: `burst-${i}`,
      body: { debtor_account_id: hot[from], amount: { amount, currency: "GBP" }, creditor: { type: "account", account_id: hot[to] } },
    };
  });

  const started = Date.now();
  const replies = await Promise.all(requests.map((r) => post(app, tenant, r.key, r.body)));
  const ms = Date.now() - started;

  const statuses = new Map<number, number>();
  for (const reply of replies) statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
  const acknowledged = replies.filter((r) => r.statusCode === 201).map((r) => r.json().id as string);
  const declined = replies.filter((r) => r.statusCode === 422);
  expect(declined.every((r) => r.json().code === "insufficient_funds" || r.json().code === "limit_exceeded")).toBe(true);
  expect(acknowledged.length + declined.length, JSON.stringify(Object.fromEntries(statuses))).toBe(TRANSFERS);
  expect(acknowledged.length).toBeGreaterThan(TRANSFERS / 10);
  expect(declined.length).toBeGreaterThan(0);

  // Each acknowledged payment exists exactly once; nothing else was written.
  const stored = await db.bankPayment.findMany({ where: { tenantId: tenant }, select: { id: true, status: true } });
  expect(stored.length).toBe(acknowledged.length);
  expect(new Set(stored.map((p) => p.id))).toEqual(new Set(acknowledged));
  expect(stored.every((p) => p.status === "completed")).toBe(true);
  expect(await db.bankPosting.count({ where: { tenantId: tenant, kind: "payment" } })).toBe(acknowledged.length);

  // Money is conserved across the hot accounts; no floor is broken; every invariant holds.
  const totalAfter = await db.bankAccount.aggregate({ where: { tenantId: tenant, id: { in: hot } }, _sum: { bookedBalance: true } });
  expect(totalAfter._sum.bookedBalance).toBe(totalBefore._sum.bookedBalance);
  expect(await checkLedgerInvariants({ db, tenantId: tenant })).toEqual([]);
  return { transfers: TRANSFERS, acknowledged: acknowledged.length, declined: declined.length, ms };
}

async function oneKeyFifty(app: BankApp, db: PrismaClient, tenant: string) {
  const [from, to] = await hotAccounts(app, tenant);
  const before = await db.bankPayment.count({ where: { tenantId: tenant } });
  const body = { debtor_account_id: from, amount: { amount: "12.34", currency: "GBP" }, creditor: { type: "account", account_id: to } };
  const replies = await Promise.all(Array.from({ length: 50 }, () => post(app, tenant, "one-key-for-fifty", body)));
  const created = replies.filter((r) => r.statusCode === 201);
  const busy = replies.filter((r) => r.statusCode === 409);
  expect(created.length + busy.length).toBe(50);
  expect(created.length).toBeGreaterThanOrEqual(1);
  expect(new Set(created.map((r) => r.body)).size).toBe(1);
  expect(created.filter((r) => r.headers["idempotent-replayed"] !== "true")).toHaveLength(1);
  expect(busy.every((r) => r.json().code === "idempotency_key_in_flight")).toBe(true);
  expect(await db.bankPayment.count({ where: { tenantId: tenant } })).toBe(before + 1);
  // Once settled, the key replays for everyone.
  const later = await post(app, tenant, "one-key-for-fifty", body);
  expect(later.body).toBe(created[0].body);
}

describe("concurrency on SQLite", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ now: () => NOW });
  });
  afterAll(() => t.close());

  it(`${TRANSFERS} concurrent transfers over ${HOT.length} hot accounts: conserved, never below a floor, each acknowledged payment exactly once`, async () => {
    const figures = await burst(t.app, t.app.db, "app_burst");
    console.info(
      `[concurrency] SQLite: ${figures.transfers} transfers, ${figures.acknowledged} acknowledged, ${figures.declined} declined, ${figures.ms} ms`,
    );
  }, 120_000);

  it("50 concurrent requests with one Idempotency-Key create exactly one payment", async () => {
    await oneKeyFifty(t.app, t.app.db, "app_one_key");
  }, 30_000);
});

const reachable = await postgresReachable();
if (!reachable) {
  console.warn(
    `\n!! SKIPPED: mock-bank concurrency tests on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}. Set TEST_DATABASE_URL to run them.\n`,
  );
}

describe.skipIf(!reachable)("concurrency on PostgreSQL", () => {
  let app: BankApp;
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    database = await createPostgresTestDatabase({ poolSize: 10 });
    const env = parseBankEnv({ BANK_DATABASE_URL: database.url, BANK_INTERNAL_SECRET: TEST_SECRET, PORTAL_URL, LOG_LEVEL: "info" });
    app = await buildApp({ env, logger: false, db: database.db, now: () => NOW });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it(`${TRANSFERS} concurrent transfers over ${HOT.length} hot accounts: conserved, never below a floor, each acknowledged payment exactly once`, async () => {
    const figures = await burst(app, database.db, "app_burst");
    console.info(
      `[concurrency] PostgreSQL: ${figures.transfers} transfers, ${figures.acknowledged} acknowledged, ${figures.declined} declined, ${figures.ms} ms`,
    );
  }, 120_000);

  it("50 concurrent requests with one Idempotency-Key create exactly one payment", async () => {
    await oneKeyFifty(app, database.db, "app_one_key");
  }, 30_000);
});
