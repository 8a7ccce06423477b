import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BankApp } from "../src/app";
import { EVENT_TYPES } from "../src/domain/events/record-event";
import { parseBankEnv } from "../src/env";
import { bankClient, buildTestApp, expectProblemShape, PORTAL_URL, TEST_SECRET, type TestApp } from "./helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "./postgres";

let now = new Date("2026-11-21T10:30:00.000Z");
const FIRE = "/v1/sandbox/webhooks/fire";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => now });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const fire = (tenant: string, body: unknown, headers: Record<string, string> = {}) =>
  bank.request({
    method: "POST",
    url: FIRE,
    template: FIRE,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

const internal = (app: BankApp, method: "GET" | "POST", url: string, body?: unknown, secret = TEST_SECRET) =>
  app.inject({
    method,
    url,
    headers: { "x-internal-secret": secret, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

async function drain(app: BankApp) {
  const claimed = (await internal(app, "POST", "/internal/events/claim", { limit: 500 })).json().data as { id: string }[];
  if (claimed.length) await internal(app, "POST", "/internal/events/ack", { ids: claimed.map((e) => e.id) });
}

describe("POST /v1/sandbox/webhooks/fire", () => {
  it("records an event of any catalogued type for the tenant, on its clock, with the object sent", async () => {
    const reply = await fire("app_fire", { type: "kyc.decided", object: { id: "cus_x", kyc: { status: "approved" } } });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: "kyc.decided",
      created_at: now.toISOString(),
      object: { id: "cus_x", kyc: { status: "approved" } },
      replayed_from: null,
    });
    const row = await t.app.db.bankEvent.findUniqueOrThrow({ where: { id: reply.body.id } });
    expect(row).toMatchObject({ tenantId: "app_fire", type: "kyc.decided", deliveredAt: null });
  });

  it("without an object, replays the tenant's latest real event of that type, else a minimal marker", async () => {
    const tenant = "app_fire_replay";
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string; currency: string }[];
    const credit = await bank.request({
      method: "POST",
      url: "/v1/sandbox/transactions",
      template: "/v1/sandbox/transactions",
      tenant,
      payload: JSON.stringify({
        account_id: accounts[0].id,
        amount: { amount: "10.00", currency: accounts[0].currency },
        counterparty_name: "ACME",
      }),
      headers: { "content-type": "application/json" },
    });
    expect(credit.status).toBe(201);
    const replay = await fire(tenant, { type: "transaction.booked" });
    expect(replay.body.object).toEqual(credit.body);
    expect(replay.body.replayed_from).toMatch(/^evt_/);
    const real = replay.body.replayed_from;
    // A fired event is never the one replayed: not a fired replay, not a fired event with an object of your own.
    expect((await fire(tenant, { type: "transaction.booked" })).body).toMatchObject({ object: credit.body, replayed_from: real });
    await fire(tenant, { type: "transaction.booked", object: { id: "txn_mine", mine: true } });
    expect((await fire(tenant, { type: "transaction.booked" })).body).toMatchObject({ object: credit.body, replayed_from: real });
    const marker = await fire(tenant, { type: "loan.paid_off" });
    expect(marker.body).toMatchObject({ object: { id: null, sandbox_test: true }, replayed_from: null });
    expect((await fire(tenant, { type: "loan.paid_off" })).body).toMatchObject({
      object: { id: null, sandbox_test: true },
      replayed_from: null,
    });
    // Another tenant's events are never replayed.
    expect((await fire("app_fire_other", { type: "transaction.booked" })).body.replayed_from).toBeNull();
  });

  it("accepts every type of the catalogue and refuses others with a JSON pointer", async () => {
    for (const type of EVENT_TYPES) expect((await fire("app_fire_all", { type })).status).toBe(201);
    for (const body of [
      { type: "payment.exploded" },
      {},
      { type: "payment.completed", object: [1] },
      { type: "payment.completed", extra: 1 },
    ]) {
      const reply = await fire("app_fire_bad", body);
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors[0].pointer).toMatch(/^\/body/);
    }
    expect(await t.app.db.bankEvent.count({ where: { tenantId: "app_fire_bad" } })).toBe(0);
  });

  it("is not stopped by Sandbox-Scenario: insufficient_funds (it moves no money)", async () => {
    expect((await fire("app_fire_scenario", { type: "payment.completed" }, { "sandbox-scenario": "insufficient_funds" })).status).toBe(201);
  });
});

describe("internal outbox hand-over (/internal/events/*)", () => {
  it("lists the event type catalogue, derived from EVENT_TYPES", async () => {
    const reply = await internal(t.app, "GET", "/internal/events/types");
    expect(reply.json().data.map((info: { type: string }) => info.type)).toEqual([...EVENT_TYPES]);
    expect(reply.json().data.every((info: { description: string }) => info.description.length > 10)).toBe(true);
  });

  it("claims undelivered events under a lease, hides them from other claims, and forgets acknowledged ones", async () => {
    await drain(t.app);
    const a = (await fire("app_claim", { type: "payment.completed" })).body.id;
    const b = (await fire("app_claim", { type: "payment.failed" })).body.id;
    const first = (await internal(t.app, "POST", "/internal/events/claim", { limit: 10, lease_seconds: 30 })).json().data;
    expect(first.map((e: { id: string }) => e.id).sort()).toEqual([a, b].sort());
    expect(first[0]).toMatchObject({ tenant_id: "app_claim", created_at: now.toISOString() });
    // Claimed: a second caller gets nothing until the lease lapses.
    expect((await internal(t.app, "POST", "/internal/events/claim", {})).json().data).toEqual([]);
    expect((await internal(t.app, "POST", "/internal/events/ack", { ids: [a] })).json()).toEqual({ acknowledged: 1 });
    expect((await internal(t.app, "POST", "/internal/events/ack", { ids: [a, "evt_unknown"] })).json()).toEqual({ acknowledged: 0 });
    now = new Date(now.getTime() + 31_000);
    // The caller died before acknowledging b: b comes back; a, acknowledged, never does.
    expect((await internal(t.app, "POST", "/internal/events/claim", {})).json().data.map((e: { id: string }) => e.id)).toEqual([b]);
  });

  it("needs the internal secret and validates bodies", async () => {
    for (const [method, url] of [
      ["GET", "/internal/events/types"],
      ["POST", "/internal/events/claim"],
      ["POST", "/internal/events/ack"],
    ] as const) {
      expect((await internal(t.app, method, url, method === "POST" ? {} : undefined, "wrong-secret")).statusCode).toBe(403);
    }
    expect((await internal(t.app, "POST", "/internal/events/claim", { limit: 0 })).statusCode).toBe(400);
    expect((await internal(t.app, "POST", "/internal/events/ack", { ids: [] })).statusCode).toBe(400);
    expect((await internal(t.app, "POST", "/internal/events/ack", { ids: ["x'; DROP"] })).statusCode).toBe(400);
  });
});

const reachable = await postgresReachable();
if (!reachable) console.warn(`\n!! SKIPPED: outbox claims on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}.\n`);

describe.skipIf(!reachable)("outbox claims on PostgreSQL (FOR UPDATE SKIP LOCKED)", () => {
  let app: BankApp;
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    database = await createPostgresTestDatabase({ poolSize: 8 });
    const env = parseBankEnv({ BANK_DATABASE_URL: database.url, BANK_INTERNAL_SECRET: TEST_SECRET, PORTAL_URL, LOG_LEVEL: "info" });
    app = await buildApp({ env, logger: false, db: database.db, now: () => new Date() });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("lets concurrent claimers share the outbox: every event claimed exactly once", async () => {
    const created = new Date();
    await database.db.bankTenant.create({ data: { id: "app_pg_claims", seedVersion: 1, seededAt: created } });
    await database.db.bankEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: `evt_pg_${String(i).padStart(3, "0")}`,
        tenantId: "app_pg_claims",
        type: "payment.completed",
        payload: '{"object":{}}',
        createdAt: created,
      })),
    });
    const batches = await Promise.all(Array.from({ length: 6 }, () => internal(app, "POST", "/internal/events/claim", { limit: 15 })));
    const ids = batches.flatMap((reply) => reply.json().data.map((e: { id: string }) => e.id));
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
  });
});
