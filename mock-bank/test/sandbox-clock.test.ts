import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY_MS = 86_400_000;
const CLOCK = "/v1/sandbox/clock";
const ADVANCE = "/v1/sandbox/clock/advance";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const clock = (tenant: string) => bank.get(CLOCK, CLOCK, { tenant });
const advance = (tenant: string, body: unknown) =>
  bank.request({
    method: "POST",
    url: ADVANCE,
    template: ADVANCE,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

type Txn = { id: string; account_id: string; amount: { amount: string }; status: string; transacted_at: string; booked_at: string | null };

async function allTransactions(tenant: string): Promise<Txn[]> {
  const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string }[];
  const rows: Txn[] = [];
  for (const { id } of accounts) {
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${id}/transactions?${query}`, { tenant });
      rows.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
  }
  return rows;
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

describe("GET /v1/sandbox/clock", () => {
  it("is real time with no offset on a new sandbox", async () => {
    const reply = await clock("app_clock_new");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ now: NOW.toISOString(), offset_seconds: 0, clock_rate: 1, live_activity: false });
  });
});

describe("POST /v1/sandbox/clock/advance", { timeout: 30_000 }, () => {
  it("moves now and books the pending card payments the clock leaves behind, by the seed's rule", async () => {
    const tenant = "app_clock";
    const before = await allTransactions(tenant);
    const pending = before.filter((tx) => tx.status === "pending");
    expect(pending.length).toBeGreaterThan(0);
    // After one day, payments made before yesterday (the new "two days ago") book.
    const dueAfterOneDay = pending.filter((tx) => Date.parse(tx.transacted_at) < startOfDay(NOW.getTime()) - DAY_MS);
    expect(dueAfterOneDay.length).toBeGreaterThan(0);
    expect(dueAfterOneDay.length).toBeLessThan(pending.length);

    const sample = dueAfterOneDay[0];
    const balanceBefore = (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${sample.account_id}/balances`, { tenant }))
      .body;

    const one = await advance(tenant, { days: 1 });
    expect(one.status).toBe(200);
    const oneDayLater = new Date(NOW.getTime() + DAY_MS).toISOString();
    expect(one.body).toEqual({
      now: oneDayLater,
      advanced_by_seconds: 86_400,
      effects: {
        activity_booked: 0,
        transactions_booked: dueAfterOneDay.length,
        interest_payments: 0,
        payments_settled: 0,
        payments_failed: 0,
        loan_instalments_paid: 0,
        loan_instalments_missed: 0,
      },
    });
    expect((await clock(tenant)).body).toEqual({ now: oneDayLater, offset_seconds: 86_400, clock_rate: 1, live_activity: false });

    const after = new Map((await allTransactions(tenant)).map((tx) => [tx.id, tx]));
    // Each books at the midnight ending the second day after it was made: a moment the advance crossed.
    const bookingMoment = (tx: Txn) => new Date(startOfDay(Date.parse(tx.transacted_at)) + 3 * DAY_MS).toISOString();
    for (const tx of dueAfterOneDay) {
      expect(after.get(tx.id)).toMatchObject({ status: "booked", booked_at: bookingMoment(tx) });
      expect(Date.parse(bookingMoment(tx))).toBeGreaterThan(NOW.getTime());
      expect(Date.parse(bookingMoment(tx))).toBeLessThanOrEqual(Date.parse(oneDayLater));
    }
    expect([...after.values()].filter((tx) => tx.status === "pending")).toHaveLength(pending.length - dueAfterOneDay.length);

    const balanceAfter = (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${sample.account_id}/balances`, { tenant }))
      .body;
    const movedHere = dueAfterOneDay
      .filter((tx) => tx.account_id === sample.account_id)
      .reduce((sum, tx) => sum + Math.round(Number(tx.amount.amount) * 100), 0);
    expect(Math.round(Number(balanceAfter.booked.amount) * 100)).toBe(Math.round(Number(balanceBefore.booked.amount) * 100) + movedHere);
    expect(balanceAfter.as_of).toBe(oneDayLater);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "transaction.booked" } });
    expect(events.map((event) => JSON.parse(event.payload).object.id).sort()).toEqual(dueAfterOneDay.map((tx) => tx.id).sort());
    // The event's timestamp is the moment of booking on the sandbox clock, not the end of the advance.
    for (const event of events) {
      const object = JSON.parse(event.payload).object as Txn;
      expect(event.createdAt.toISOString()).toBe(object.booked_at);
    }
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);

    const two = await advance(tenant, { days: 2 });
    expect(two.body.effects.transactions_booked).toBe(pending.length - dueAfterOneDay.length);
    expect((await allTransactions(tenant)).filter((tx) => tx.status === "pending")).toEqual([]);
    expect((await advance(tenant, { days: 1 })).body.effects.transactions_booked).toBe(0);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
    expect((await clock(tenant)).body.offset_seconds).toBe(4 * 86_400);
  });

  it("settles standard payments whose settlement time it passes, after booking card payments", async () => {
    const tenant = "app_clock_pay";
    const list = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as {
      id: string;
      identifiers: { account_number?: string };
    }[];
    const from = list.find((a) => a.identifiers.account_number === "41825937")!;
    const to = list.find((a) => a.identifiers.account_number === "41825945")!;
    const created = await bank.request({
      method: "POST",
      url: "/v1/payments",
      template: "/v1/payments",
      tenant,
      headers: { "content-type": "application/json", "idempotency-key": "clock-standard-1" },
      payload: JSON.stringify({
        debtor_account_id: from.id,
        amount: { amount: "40.00", currency: "GBP" },
        creditor: { type: "account", account_id: to.id },
        scheme: "standard",
      }),
    });
    expect(created.body.status).toBe("pending");
    expect((await advance(tenant, { until: "2026-11-22T10:00:00Z" })).body.effects.payments_settled).toBe(0);
    const settled = await advance(tenant, { days: 1 });
    expect(settled.body.effects).toMatchObject({ payments_settled: 1, payments_failed: 0 });
    const payment = await bank.get("/v1/payments/{payment_id}", `/v1/payments/${created.body.id}`, { tenant });
    expect(payment.body.status).toBe("completed");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("moves to a date (keeping the time of day) or to a timestamp", async () => {
    const byDate = await advance("app_until", { until: "2026-11-30" });
    expect(byDate.body).toMatchObject({ now: "2026-11-30T10:30:00.000Z", advanced_by_seconds: 9 * 86_400 });
    const byTimestamp = await advance("app_until", { until: "2026-12-01T09:00:00Z" });
    expect(byTimestamp.body).toMatchObject({ now: "2026-12-01T09:00:00.000Z", advanced_by_seconds: 22.5 * 3_600 });
    expect((await clock("app_until")).body).toMatchObject({ now: "2026-12-01T09:00:00.000Z", offset_seconds: 9 * 86_400 + 22.5 * 3_600 });
  });

  it("moves only the caller's clock", async () => {
    await advance("app_mover", { days: 5 });
    expect((await clock("app_mover")).body.offset_seconds).toBe(5 * 86_400);
    expect((await clock("app_bystander")).body.offset_seconds).toBe(0);
  });

  it("goes back to real time on reset", async () => {
    await advance("app_rewind", { days: 3 });
    await bank.request({ method: "POST", url: "/v1/sandbox/reset", template: "/v1/sandbox/reset", tenant: "app_rewind" });
    expect((await clock("app_rewind")).body).toMatchObject({ now: NOW.toISOString(), offset_seconds: 0 });
    expect((await allTransactions("app_rewind")).some((tx) => tx.status === "pending")).toBe(true);
  });

  it.each([
    ["neither field", {}, "/body"],
    ["both fields", { days: 1, until: "2026-12-01" }, "/body/until"],
    ["zero days", { days: 0 }, "/body/days"],
    ["more than 90 days", { days: 91 }, "/body/days"],
    ["a fraction of a day", { days: 1.5 }, "/body/days"],
    ["days as a string", { days: "7" }, "/body/days"],
    ["a date that is not a date", { until: "next tuesday" }, "/body/until"],
    ["a date in the past", { until: "2026-11-20" }, "/body/until"],
    ["today's date", { until: "2026-11-21" }, "/body/until"],
    ["a timestamp more than 90 days ahead", { until: "2027-03-01T00:00:00Z" }, "/body/until"],
    ["an unknown field", { days: 1, weeks: 1 }, "/body/weeks"],
  ])("refuses %s with 400 and a pointer", async (_name, body, pointer) => {
    const reply = await advance("app_bad_clock", body);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect((await clock("app_bad_clock")).body.offset_seconds).toBe(0);
  });

  it("refuses to run more than ten years ahead (409), leaving the clock where it was", async () => {
    await clock("app_far");
    await t.app.db.bankTenant.update({ where: { id: "app_far" }, data: { clockOffsetSeconds: 10 * 365 * 86_400 - 86_400 } });
    t.app.ensureTenant.forget("app_far");
    expectProblemShape(await advance("app_far", { days: 2 }), 409, "conflict");
    expect((await clock("app_far")).body.offset_seconds).toBe(10 * 365 * 86_400 - 86_400);
  });

  it("refuses calls without the internal secret", async () => {
    for (const [method, url] of [
      ["GET", CLOCK],
      ["POST", ADVANCE],
    ]) {
      const reply = await bank.request({
        method,
        url,
        template: url,
        tenant: null,
        headers: { "x-tenant-id": "app_clock_auth", "content-type": "application/json" },
        payload: method === "POST" ? '{"days":1}' : undefined,
      });
      expectProblemShape(reply, 403, "internal_auth_failed");
    }
    expect(await t.app.db.bankTenant.count({ where: { id: "app_clock_auth" } })).toBe(0);
    // The same calls with the secret go through.
    expect((await clock("app_clock_auth")).status).toBe(200);
    expect((await advance("app_clock_auth", { days: 1 })).status).toBe(200);
  });
});
