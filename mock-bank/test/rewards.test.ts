import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const REWARDS = "/v1/accounts/{account_id}/rewards";
const REDEEM = "/v1/accounts/{account_id}/rewards/redemptions";

type Account = { id: string; type: string; identifiers: Record<string, string> };
type Txn = { amount: { amount: string }; status: string; channel: string; merchant: { category_code: string } | null };

const accounts = async (tenant: string): Promise<Account[]> =>
  (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data;
const card = async (tenant: string, last4 = "4821") => (await accounts(tenant)).find((a) => a.identifiers.masked_pan?.endsWith(last4))!;
const rewards = (tenant: string, id: string) => bank.get(REWARDS, `/v1/accounts/${id}/rewards`, { tenant });
const redeem = (tenant: string, id: string, body: unknown, key: string | null = randomUUID()) =>
  bank.request({
    method: "POST",
    url: `/v1/accounts/${id}/rewards/redemptions`,
    template: REDEEM,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
  });
const booked = async (tenant: string, id: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount as string;

async function statement(tenant: string, id: string): Promise<Txn[]> {
  const rows: Txn[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Txn[]; next_cursor: string | null } } = await bank.get(
      "/v1/accounts/{account_id}/transactions",
      `/v1/accounts/${id}/transactions?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      { tenant },
    );
    rows.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return rows;
}

/** The scheme's rule, restated independently of the implementation. */
function expectedPoints(rows: Txn[], status: string): number {
  const supermarkets = ["5411", "5422", "5441", "5451", "5462", "5499"];
  return rows
    .filter((r) => r.channel === "card" && r.status === status)
    .reduce((sum, r) => {
      const pence = Math.round(Number(r.amount.amount) * 100);
      const points = Math.floor(Math.abs(pence) / 100) * (r.merchant && supermarkets.includes(r.merchant.category_code) ? 2 : 1);
      return sum + (pence < 0 ? points : -points);
    }, 0);
}

describe("GET /v1/accounts/{account_id}/rewards", () => {
  it("derives points from the card's booked purchases and refunds, with pending ones apart", async () => {
    const tenant = "app_rewards_get";
    const platinum = await card(tenant);
    const reply = await rewards(tenant, platinum.id);
    expect(reply.status).toBe(200);
    const rows = await statement(tenant, platinum.id);
    expect(reply.body.points_earned).toBe(expectedPoints(rows, "booked"));
    expect(reply.body.points_pending).toBe(expectedPoints(rows, "pending"));
    expect(reply.body.points_earned).toBeGreaterThan(1000);
    expect(reply.body).toMatchObject({
      account_id: platinum.id,
      points_redeemed: 0,
      points_balance: reply.body.points_earned,
      as_of: NOW.toISOString(),
    });
    expect(reply.body.value.amount).toBe(((Math.floor(reply.body.points_balance / 500) * 250) / 100).toFixed(2));
    expect(reply.body.redemption).toEqual({
      minimum_points: 500,
      points_multiple: 500,
      cashback_per_multiple: { amount: "2.50", currency: "GBP" },
    });
  });

  it("moves pending points to earned as the clock books card payments", async () => {
    const tenant = "app_rewards_clock";
    const platinum = await card(tenant);
    const before = (await rewards(tenant, platinum.id)).body;
    await bank.request({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      template: "/v1/sandbox/clock/advance",
      tenant,
      payload: JSON.stringify({ days: 5 }),
      headers: { "content-type": "application/json" },
    });
    const after = (await rewards(tenant, platinum.id)).body;
    expect(after.points_pending).toBe(0);
    expect(after.points_earned).toBe(before.points_earned + before.points_pending);
  });

  it("refuses accounts that are not cards (422) and other apps' or unknown accounts (404)", async () => {
    const tenant = "app_rewards_refuse";
    const current = (await accounts(tenant)).find((a) => a.type === "current")!;
    const notCard = await rewards(tenant, current.id);
    expectProblemShape(notCard, 422, "account_not_eligible");
    expect(notCard.body.errors[0].pointer).toBe("/params/account_id");
    const theirs = await card("app_rewards_other");
    expectProblemShape(await rewards(tenant, theirs.id), 404, "resource_not_found");
    expectProblemShape(await rewards(tenant, "acc_0000000000000000000000"), 404, "resource_not_found");
    expectProblemShape(await rewards(tenant, "acc-bad!"), 400, "validation_failed");
  });
});

describe("POST /v1/accounts/{account_id}/rewards/redemptions", () => {
  it("credits cashback from the rewards account, records the event and lowers the balance; replays by key", async () => {
    const tenant = "app_rewards_redeem";
    const platinum = await card(tenant);
    const before = (await rewards(tenant, platinum.id)).body;
    const balanceBefore = await booked(tenant, platinum.id);
    const key = randomUUID();
    const reply = await redeem(tenant, platinum.id, { points: 1000 }, key);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      account_id: platinum.id,
      points: 1000,
      cashback: { amount: "5.00", currency: "GBP" },
      created_at: NOW.toISOString(),
    });
    expect(reply.body.id).toMatch(/^rdm_/);
    expect(Math.round(Number(await booked(tenant, platinum.id)) * 100)).toBe(Math.round(Number(balanceBefore) * 100) + 500);
    const after = (await rewards(tenant, platinum.id)).body;
    expect(after).toMatchObject({ points_redeemed: 1000, points_balance: before.points_balance - 1000 });
    const line = (await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${platinum.id}/transactions?limit=1`, { tenant }))
      .body.data[0];
    expect(line).toMatchObject({ description: "REWARDS CASHBACK 1000 POINTS", category: "rewards", amount: { amount: "5.00" } });
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "rewards.redeemed" } });
    expect(events.map((e) => JSON.parse(e.payload).object)).toEqual([reply.body]);

    const replay = await redeem(tenant, platinum.id, { points: 1000 }, key);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(reply.body);
    expectProblemShape(await redeem(tenant, platinum.id, { points: 1500 }, key), 422, "idempotency_key_reused");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("spends each point once under concurrent redemptions", async () => {
    const tenant = "app_rewards_race";
    const platinum = await card(tenant);
    const all = Math.floor((await rewards(tenant, platinum.id)).body.points_balance / 500) * 500;
    const replies = await Promise.all(Array.from({ length: 4 }, () => redeem(tenant, platinum.id, { points: all })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((r) => r.status !== 201)) expectProblemShape(r, 422, "insufficient_points");
    expect((await rewards(tenant, platinum.id)).body.points_balance).toBeLessThan(500);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it.each([[{ points: 499 }], [{ points: 750 }], [{ points: "500" }], [{}], [{ points: 500, to: "acc_x" }]])(
    "refuses %j with 400 and a /body pointer",
    async (body) => {
      const tenant = "app_rewards_bad";
      const reply = await redeem(tenant, (await card(tenant)).id, body);
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors[0].pointer).toMatch(/^\/body/);
    },
  );

  it("refuses more points than the balance, non-card accounts, other apps' cards and a missing key", async () => {
    const tenant = "app_rewards_refuse2";
    const builder = await card(tenant, "7730");
    const balance = (await rewards(tenant, builder.id)).body.points_balance;
    const tooMany = await redeem(tenant, builder.id, { points: (Math.floor(balance / 500) + 1) * 500 });
    expectProblemShape(tooMany, 422, "insufficient_points");
    expect(tooMany.body.errors[0].pointer).toBe("/body/points");
    const savings = (await accounts(tenant)).find((a) => a.type === "savings")!;
    expectProblemShape(await redeem(tenant, savings.id, { points: 500 }), 422, "account_not_eligible");
    expectProblemShape(await redeem(tenant, (await card("app_rewards_other2")).id, { points: 500 }), 404, "resource_not_found");
    expectProblemShape(await redeem(tenant, builder.id, { points: 500 }, null), 400, "idempotency_key_required");
    expect(await t.app.db.bankRewardRedemption.count({ where: { tenantId: tenant } })).toBe(0);
  });
});
