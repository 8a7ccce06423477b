import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { CustomCustomerDocument } from "../src/schemas/sandbox-customers";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY_MS = 86_400_000;
const SETTINGS = "/v1/sandbox/settings";
const CLOCK = "/v1/sandbox/clock";
const ADVANCE = "/v1/sandbox/clock/advance";
let realNow = NOW;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

// Building the app (migrations, the OpenAPI validator) can pass the default 10 s on a busy machine.
beforeAll(async () => {
  t = await buildTestApp({ now: () => realNow });
  bank = await bankClient(t.app);
}, 60_000);
afterAll(() => t.close());

const json = { "content-type": "application/json" };
const settings = (tenant: string) => bank.get(SETTINGS, SETTINGS, { tenant });
const patch = (tenant: string, body: unknown) =>
  bank.request({ method: "PATCH", url: SETTINGS, template: SETTINGS, tenant, payload: JSON.stringify(body), headers: json });
const advance = (tenant: string, days: number) =>
  bank.request({ method: "POST", url: ADVANCE, template: ADVANCE, tenant, payload: JSON.stringify({ days }), headers: json });

/** Everything live activity wrote, without ids: statement lines (by account name) and events, in order. */
async function story(tenant: string) {
  // What the clock and live activity changed: new lines, and seeded pending ones that booked since.
  const lines = await t.app.db.bankTransaction.findMany({
    where: { tenantId: tenant, OR: [{ createdAt: { gt: NOW } }, { bookedAt: { gt: NOW } }] },
    select: {
      account: { select: { name: true, customer: { select: { persona: true } } } },
      amount: true,
      status: true,
      description: true,
      merchantName: true,
      category: true,
      channel: true,
      transactedAt: true,
      bookedAt: true,
    },
  });
  const events = await t.app.db.bankEvent.findMany({
    where: { tenantId: tenant },
    select: { type: true, createdAt: true, payload: true },
    orderBy: [{ createdAt: "asc" }, { type: "asc" }],
  });
  // Ids differ between tenants by design: drop every `id` and `…_id` member.
  const withoutIds = (payload: string) =>
    (JSON.parse(payload, (key: string, value: unknown) => (key === "id" || key.endsWith("_id") ? undefined : value)) as { object: unknown })
      .object;
  return {
    lines: lines
      .map((line) => ({ ...line, amount: String(line.amount) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    events: events
      .map((event) => ({ type: event.type, at: event.createdAt.toISOString(), object: withoutIds(event.payload) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

describe("GET/PATCH /v1/sandbox/settings", () => {
  it("starts off at real time, changes either field, and shows in the clock", async () => {
    const tenant = "app_live_settings";
    expect((await settings(tenant)).body).toEqual({ live_activity: false, clock_rate: 1, now: NOW.toISOString(), offset_seconds: 0 });
    const on = await patch(tenant, { live_activity: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ live_activity: true, clock_rate: 1, now: NOW.toISOString(), offset_seconds: 0 });
    expect((await patch(tenant, { clock_rate: 24 })).body.clock_rate).toBe(24);
    expect((await bank.get(CLOCK, CLOCK, { tenant })).body).toEqual({
      now: NOW.toISOString(),
      offset_seconds: 0,
      clock_rate: 24,
      live_activity: true,
    });
  });

  it.each([
    ["a rate of 0", { clock_rate: 0 }, "/body/clock_rate"],
    ["a rate of 5000", { clock_rate: 5000 }, "/body/clock_rate"],
    ["a fractional rate", { clock_rate: 1.5 }, "/body/clock_rate"],
    ["a rate as a string", { clock_rate: "24" }, "/body/clock_rate"],
    ["live activity as a string", { live_activity: "yes" }, "/body/live_activity"],
    ["an unknown field", { live_activity: true, speed: 2 }, "/body/speed"],
    ["an empty body", {}, "/body"],
  ])("refuses %s with 400 and a pointer", async (_name, body, pointer) => {
    const reply = await patch("app_live_invalid", body);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect((await settings("app_live_invalid")).body).toMatchObject({ live_activity: false, clock_rate: 1 });
  });

  it("changes only the caller's sandbox", async () => {
    await patch("app_live_mine", { live_activity: true, clock_rate: 1440 });
    expect((await settings("app_live_other")).body).toEqual({
      live_activity: false,
      clock_rate: 1,
      now: NOW.toISOString(),
      offset_seconds: 0,
    });
    expect((await settings("app_live_mine")).body).toMatchObject({ live_activity: true, clock_rate: 1440 });
  });

  it("survive a reset, which brings the clock back to real time", async () => {
    const tenant = "app_live_reset";
    await patch(tenant, { live_activity: true, clock_rate: 60 });
    await advance(tenant, 3);
    const reset = await bank.request({ method: "POST", url: "/v1/sandbox/reset", template: "/v1/sandbox/reset", tenant });
    expect(reset.status).toBe(200);
    expect((await settings(tenant)).body).toEqual({ live_activity: true, clock_rate: 60, now: NOW.toISOString(), offset_seconds: 0 });
  });
});

describe("live activity through clock/advance", { timeout: 120_000 }, () => {
  const days = 30;
  const tenants = ["app_live_a", "app_live_b"];

  beforeAll(async () => {
    for (const tenant of tenants) {
      await patch(tenant, { live_activity: true });
      const reply = await advance(tenant, days);
      expect(reply.status).toBe(200);
      expect(reply.body.effects.activity_booked).toBeGreaterThan(100);
    }
  }, 120_000);

  it("books the personas' everyday life, continuing their seeded history", async () => {
    const { lines } = await story("app_live_a");
    const salary = lines.find((line) => line.description === "ACME ANALYTICS LTD SALARY");
    // Amelia's salary comes on phase 4 of each seeded month: 30 − 4 days after the seed.
    expect(salary).toMatchObject({ amount: "418733", status: "booked", channel: "faster_payment" });
    expect(salary!.transactedAt.toISOString()).toBe(new Date(Date.parse("2026-11-21") + 26 * DAY_MS + 6 * 3_600_000).toISOString());
    expect(lines.find((line) => line.description === "NATIONWIDE BS MORTGAGE")).toMatchObject({
      amount: "-124500",
      channel: "direct_debit",
      merchantName: "Nationwide Building Society",
    });
    expect(lines.some((line) => line.description === "Transfer to Easy Access Saver" && line.channel === "standing_order")).toBe(true);
    const cards = lines.filter((line) => line.channel === "card");
    expect(cards.length).toBeGreaterThan(100);
    // Card payments older than two days are booked by the clock; the last days' are still pending.
    const endOfToday = Date.parse("2026-11-21") + (days + 1) * DAY_MS;
    for (const card of cards) {
      const old = card.transactedAt.getTime() < endOfToday - 3 * DAY_MS;
      expect(card.status).toBe(old ? "booked" : "pending");
    }
    // Marcus's frozen current account stays quiet; his card still moves.
    expect(lines.filter((line) => line.account.customer?.persona === "frozen_account" && line.account.name === "Current Account")).toEqual(
      [],
    );
    expect(lines.some((line) => line.account.customer?.persona === "frozen_account")).toBe(true);
  });

  it("emits transaction.booked for every booked line, at its time", async () => {
    const { lines, events } = await story("app_live_a");
    const made = (at: string | Date) => new Date(at) > NOW;
    const booked = events.filter(
      (event) => event.type === "transaction.booked" && made((event.object as { transacted_at: string }).transacted_at),
    );
    const bookedLines = lines.filter((line) => line.status === "booked" && made(line.transactedAt));
    expect(booked.length).toBe(bookedLines.length);
    expect(booked.map((event) => (event.object as { description: string }).description).sort()).toEqual(
      bookedLines.map((line) => line.description).sort(),
    );
    // Each line's event is recorded when it books: at once for live bookings, at the clock's move for card payments.
    for (const event of booked)
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(Date.parse((event.object as { transacted_at: string }).transacted_at));
  });

  it("tells the same story in two sandboxes: same amounts, texts, times and events, different ids", async () => {
    const [a, b] = await Promise.all(tenants.map(story));
    expect(b).toEqual(a);
    const ids = await Promise.all(
      tenants.map(async (tenant) =>
        (await t.app.db.bankTransaction.findMany({ where: { tenantId: tenant, createdAt: { gt: NOW } }, select: { id: true } })).map(
          (row) => row.id,
        ),
      ),
    );
    expect(ids[0].some((id) => ids[1].includes(id))).toBe(false);
  });

  it("keeps every ledger invariant", async () => {
    for (const tenant of tenants) expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("books nothing when it is off", async () => {
    const reply = await advance("app_live_off", 10);
    expect(reply.body.effects.activity_booked).toBe(0);
    // Only what the clock does anyway: seeded card payments book, savings interest is paid.
    expect((await story("app_live_off")).lines.filter((line) => line.channel !== "card" && line.channel !== "interest")).toEqual([]);
  });
});

describe("live activity for custom customers", { timeout: 120_000 }, () => {
  it("continues a generated history: salary, rent and subscriptions on their day of the month, card spending", async () => {
    const tenant = "app_live_custom";
    // The documented example: a GBP current account with a generator (salary on the 25th, rent on
    // the 1st, Spotify on the 9th, groceries and eating out by card) and a EUR account with explicit lines.
    const document = (CustomCustomerDocument.meta() as { examples: unknown[] }).examples[0];
    const created = await bank.request({
      method: "POST",
      url: "/v1/sandbox/customers",
      template: "/v1/sandbox/customers",
      tenant,
      payload: JSON.stringify(document),
      headers: { ...json, "idempotency-key": "live-custom-gig-worker" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await patch(tenant, { live_activity: true });
    expect((await advance(tenant, 20)).status).toBe(200);
    const mine = (await story(tenant)).lines.filter((line) => line.account.customer?.persona === null);
    const at = (description: string) =>
      mine.filter((line) => line.description === description).map((line) => line.transactedAt.toISOString());
    expect(at("DELIVERCO LTD")).toEqual(["2026-11-25T06:00:00.000Z"]);
    expect(at("FOXTONS LETTINGS")).toEqual(["2026-12-01T07:00:00.000Z"]);
    expect(at("SPOTIFY")).toEqual(["2026-12-09T08:00:00.000Z"]);
    expect(mine.filter((line) => line.category === "groceries").length).toBeGreaterThan(0);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });
});

describe("the live-activity ticker", { timeout: 120_000 }, () => {
  it("books the days real time brought at the clock's rate, once, matching what clock/advance books", async () => {
    realNow = NOW;
    const [ticked, advanced] = ["app_live_tick", "app_live_tick_advance"];
    for (const tenant of [ticked, advanced]) await patch(tenant, { live_activity: true });
    await patch(ticked, { clock_rate: 1440 });
    try {
      // Ten real minutes at 1440 sandbox days per real day: ten sandbox days.
      realNow = new Date(NOW.getTime() + 10 * 60_000);
      expect((await bank.get(CLOCK, CLOCK, { tenant: ticked })).body).toMatchObject({ offset_seconds: 10 * 86_400 - 600 });
      const first = await t.app.liveActivity.tick();
      expect(first.lines).toBeGreaterThan(30);
      const second = await t.app.liveActivity.tick();
      expect(second.lines).toBe(0);

      const reply = await bank.request({
        method: "POST",
        url: ADVANCE,
        template: ADVANCE,
        tenant: advanced,
        payload: JSON.stringify({ until: new Date(NOW.getTime() + 10 * DAY_MS).toISOString() }),
        headers: json,
      });
      expect(reply.status).toBe(200);
      const [a, b] = await Promise.all([story(ticked), story(advanced)]);
      expect(a.lines).toEqual(b.lines);
      // The clock's own steps (card payments booking, interest) record their events at the
      // instant they run: midnight for the ticker, the advance's end for clock/advance.
      const withoutTime = (events: typeof a.events) =>
        events.map(({ type, object }) => JSON.stringify({ type, object })).sort((x, y) => x.localeCompare(y));
      expect(withoutTime(a.events)).toEqual(withoutTime(b.events));
      expect(await checkLedgerInvariants({ db: t.app.db, tenantId: ticked })).toEqual([]);
    } finally {
      realNow = NOW;
    }
  });
});
