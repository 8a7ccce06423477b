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

const QUOTES = "/v1/insurance/quotes";
const QUOTE = "/v1/insurance/quotes/{quote_id}";
const POLICIES = "/v1/insurance/policies";
const POLICY = "/v1/insurance/policies/{policy_id}";
const CANCEL = "/v1/insurance/policies/{policy_id}/cancel";
const ADVANCE = "/v1/sandbox/clock/advance";

type Account = { id: string; customer_id: string; type: string; identifiers: Record<string, string> };

const post = (template: string, url: string, body: unknown, tenant: string, key: string | null = randomUUID()) =>
  bank.request({
    method: "POST",
    url,
    template,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
  });

async function accounts(tenant: string): Promise<Account[]> {
  return (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data;
}
const byNumber = async (tenant: string, number: string) => (await accounts(tenant)).find((a) => a.identifiers.account_number === number)!;
const byPan = async (tenant: string, last4: string) => (await accounts(tenant)).find((a) => a.identifiers.masked_pan?.endsWith(last4))!;
const booked = async (tenant: string, id: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount as string;
const cents = (amount: string) => Math.round(Number(amount) * 100);

/** good_credit: current 41825937, savings 41825945, card …4821. thin_file: card …7730 (£250 limit). frozen_account: current 96341702. */
const trip = (customerId: string, extra: Record<string, unknown> = {}) => ({
  customer_id: customerId,
  trip_type: "single_trip",
  destination: "europe",
  start_date: "2026-12-20",
  end_date: "2026-12-27",
  travellers: [{ age: 41 }, { age: 39 }, { age: 9 }],
  cover_level: "comprehensive",
  ...extra,
});

async function quoteFor(tenant: string, accountNumber = "41825937", extra: Record<string, unknown> = {}) {
  const account = await byNumber(tenant, accountNumber);
  const quote = await post(QUOTES, QUOTES, trip(account.customer_id, extra), tenant, null);
  expect(quote.status).toBe(201);
  return { account, quote: quote.body };
}

describe("POST /v1/insurance/quotes", () => {
  it("prices a family's single trip per traveller with IPT, cover limits and a 7-day expiry", async () => {
    const tenant = "app_ins_quote";
    const { account, quote } = await quoteFor(tenant);
    expect(quote).toMatchObject({
      customer_id: account.customer_id,
      product: "travel",
      status: "open",
      duration_days: 8,
      travellers: [
        { age: 41, age_band: "35-49", premium: { amount: "14.67", currency: "GBP" } },
        { age: 39, age_band: "35-49", premium: { amount: "14.67", currency: "GBP" } },
        { age: 9, age_band: "0-17", premium: { amount: "6.38", currency: "GBP" } },
      ],
      premium: { net: { amount: "35.72" }, insurance_premium_tax: { amount: "4.29" }, total: { amount: "40.01", currency: "GBP" } },
      cover: { medical_expenses: { amount: "10000000.00" }, excess: { amount: "50.00" } },
      expires_at: "2026-11-28T10:30:00.000Z",
      policy_id: null,
    });
    expect(quote.id).toMatch(/^inq_/);
  });

  it("runs annual multi-trip cover for a year and ends the quote's validity at the start date", async () => {
    const tenant = "app_ins_annual";
    const { quote } = await quoteFor(tenant, "41825937", {
      trip_type: "annual_multi_trip",
      destination: "worldwide",
      start_date: "2026-11-22",
      end_date: undefined,
      travellers: [{ age: 70 }],
      cover_level: "essential",
    });
    expect(quote).toMatchObject({
      end_date: "2027-11-21",
      duration_days: 365,
      premium: { total: { amount: "238.00" } },
      expires_at: "2026-11-23T00:00:00.000Z",
    });
  });

  it.each([
    [{ start_date: "2026-11-20" }, "/body/start_date"],
    [{ start_date: "2027-11-22", end_date: "2027-11-23" }, "/body/start_date"],
    [{ end_date: "2026-12-19" }, "/body/end_date"],
    [{ end_date: undefined }, "/body/end_date"],
    [{ trip_type: "annual_multi_trip" }, "/body/end_date"],
    [{ travellers: [] }, "/body/travellers"],
    [{ travellers: [{ age: 121 }] }, "/body/travellers/0/age"],
    [{ destination: "moon" }, "/body/destination"],
    [{ start_date: "20-12-2026" }, "/body/start_date"],
    [{ promo: "FREE" }, "/body/promo"],
  ])("refuses %j with 400 at %s", async (extra, pointer) => {
    const account = await byNumber("app_ins_bad", "41825937");
    const reply = await post(QUOTES, QUOTES, trip(account.customer_id, extra), "app_ins_bad", null);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("declines travellers over the maximum age and trips over 90 days, one error per reason", async () => {
    const account = await byNumber("app_ins_decline", "41825937");
    const old = await post(
      QUOTES,
      QUOTES,
      trip(account.customer_id, { travellers: [{ age: 45 }, { age: 80 }], end_date: "2027-03-20" }),
      "app_ins_decline",
      null,
    );
    expectProblemShape(old, 422, "insurance_declined");
    expect(old.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/body/end_date", "/body/travellers/1/age"]);
    const annual = await post(
      QUOTES,
      QUOTES,
      trip(account.customer_id, { trip_type: "annual_multi_trip", end_date: undefined, travellers: [{ age: 75 }] }),
      "app_ins_decline",
      null,
    );
    expectProblemShape(annual, 422, "insurance_declined");
    expect(await t.app.db.bankInsuranceQuote.count({ where: { tenantId: "app_ins_decline" } })).toBe(0);
  });

  it("404s an unknown or another app's customer and refuses a customer in KYC review", async () => {
    const theirs = await byNumber("app_ins_other", "41825937");
    const reply = await post(QUOTES, QUOTES, trip(theirs.customer_id), "app_ins_mine", null);
    expectProblemShape(reply, 404, "resource_not_found");
    expect(reply.body.errors[0].pointer).toBe("/body/customer_id");
    const person = {
      given_name: "Ada",
      family_name: "Review",
      date_of_birth: "1990-01-01",
      email: "ada@example.com",
      address: { line1: "1 High St", city: "London", postcode: "SW1A 1AA", country: "GB" },
    };
    const review = await post("/v1/customers", "/v1/customers", person, "app_ins_mine");
    expect(review.body.kyc.status).toBe("review");
    expectProblemShape(await post(QUOTES, QUOTES, trip(review.body.id), "app_ins_mine", null), 422, "kyc_not_approved");
  });
});

describe("GET /v1/insurance/quotes/{quote_id}", () => {
  it("returns the quote, expired once the sandbox clock passes expires_at, and 404s it for another app", async () => {
    const tenant = "app_ins_get";
    const { quote } = await quoteFor(tenant);
    expect((await bank.get(QUOTE, `${QUOTES}/${quote.id}`, { tenant })).body).toEqual(quote);
    expectProblemShape(await bank.get(QUOTE, `${QUOTES}/${quote.id}`, { tenant: "app_ins_stranger" }), 404, "resource_not_found");
    expectProblemShape(await bank.get(QUOTE, `${QUOTES}/inq_0000000000000000000000`, { tenant }), 404, "resource_not_found");
    await post(ADVANCE, ADVANCE, { days: 8 }, tenant, null);
    expect((await bank.get(QUOTE, `${QUOTES}/${quote.id}`, { tenant })).body.status).toBe("expired");
  });
});

describe("POST /v1/insurance/policies", () => {
  it("debits the premium, issues the policy and its event in one transaction, and replays with the same key", async () => {
    const tenant = "app_ins_buy";
    const { account, quote } = await quoteFor(tenant);
    const before = await booked(tenant, account.id);
    const key = randomUUID();
    const reply = await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant, key);
    expect(reply.status).toBe(201);
    expect(reply.headers.location).toBe(`/v1/insurance/policies/${reply.body.id}`);
    expect(reply.body).toMatchObject({
      quote_id: quote.id,
      account_id: account.id,
      status: "active",
      start_date: "2026-12-20",
      end_date: "2026-12-27",
      premium: { amount: "40.01" },
      refund: null,
      cooling_off_ends_at: "2026-12-05T10:30:00.000Z",
    });
    expect(reply.body.policy_number).toMatch(/^TRV-2026-\d{8}$/);
    expect(cents(await booked(tenant, account.id))).toBe(cents(before) - 4001);
    const line = (await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${account.id}/transactions?limit=1`, { tenant }))
      .body.data[0];
    expect(line).toMatchObject({
      description: `OPEN BANK TRAVEL INSURANCE ${reply.body.policy_number}`,
      category: "insurance",
      amount: { amount: "-40.01" },
    });
    const issued = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "insurance.policy_issued" } });
    expect(issued.map((e) => JSON.parse(e.payload).object)).toEqual([reply.body]);
    expect((await bank.get(QUOTE, `${QUOTES}/${quote.id}`, { tenant })).body).toMatchObject({
      status: "purchased",
      policy_id: reply.body.id,
    });

    const replay = await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant, key);
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(reply.body);
    expectProblemShape(await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant), 422, "insurance_quote_used");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("sells a quote once under concurrent purchases with different keys", async () => {
    const tenant = "app_ins_race";
    const { account, quote } = await quoteFor(tenant);
    const before = await booked(tenant, account.id);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant)),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((r) => r.status !== 201)) expectProblemShape(r, 422, "insurance_quote_used");
    expect(cents(await booked(tenant, account.id))).toBe(cents(before) - 4001);
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant, type: "insurance.policy_issued" } })).toBe(1);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("can be paid by credit card", async () => {
    const tenant = "app_ins_card";
    const { account, quote } = await quoteFor(tenant);
    const card = (await accounts(tenant)).find((a) => a.customer_id === account.customer_id && a.type === "credit_card")!;
    const reply = await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: card.id }, tenant);
    expect(reply.status).toBe(201);
    const line = (await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${card.id}/transactions?limit=1`, { tenant })).body
      .data[0];
    expect(line).toMatchObject({ channel: "card", amount: { amount: "-40.01" } });
  });

  it("refuses expired quotes, ineligible, frozen and underfunded accounts, leaving nothing behind", async () => {
    const tenant = "app_ins_refuse";
    const { account, quote } = await quoteFor(tenant);
    const savings = await byNumber(tenant, "41825945");
    const thin = await byNumber(tenant, "52907314");
    const refuse = async (body: unknown, status: number, code: string, pointer: string) => {
      const reply = await post(POLICIES, POLICIES, body, tenant);
      expectProblemShape(reply, status, code);
      expect(reply.body.errors[0].pointer).toBe(pointer);
    };
    await refuse({ quote_id: quote.id, account_id: savings.id }, 422, "account_not_eligible", "/body/account_id");
    await refuse({ quote_id: quote.id, account_id: thin.id }, 422, "account_not_eligible", "/body/account_id");
    await refuse({ quote_id: "inq_0000000000000000000000", account_id: account.id }, 404, "resource_not_found", "/body/quote_id");
    await refuse({ quote_id: quote.id, account_id: "acc_0000000000000000000000" }, 404, "resource_not_found", "/body/account_id");
    await refuse({ quote_id: quote.id }, 400, "validation_failed", "/body/account_id");

    const frozen = await quoteFor(tenant, "96341702");
    await refuse({ quote_id: frozen.quote.id, account_id: frozen.account.id }, 422, "account_frozen", "/body/account_id");

    const thinCard = await byPan(tenant, "7730");
    const pricey = await quoteFor(tenant, "52907314", {
      trip_type: "annual_multi_trip",
      destination: "worldwide",
      start_date: "2026-12-01",
      end_date: undefined,
      travellers: [{ age: 70 }, { age: 70 }],
      cover_level: "comprehensive",
    });
    await refuse({ quote_id: pricey.quote.id, account_id: thinCard.id }, 422, "insufficient_funds", "/body/account_id");

    await post(ADVANCE, ADVANCE, { days: 8 }, tenant, null);
    await refuse({ quote_id: quote.id, account_id: account.id }, 422, "insurance_quote_expired", "/body/quote_id");
    expect(await t.app.db.bankInsurancePolicy.count({ where: { tenantId: tenant } })).toBe(0);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("requires an Idempotency-Key and hides other apps' quotes", async () => {
    const { account, quote } = await quoteFor("app_ins_key");
    expectProblemShape(
      await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, "app_ins_key", null),
      400,
      "idempotency_key_required",
    );
    const mine = await byNumber("app_ins_key2", "41825937");
    expectProblemShape(
      await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: mine.id }, "app_ins_key2"),
      404,
      "resource_not_found",
    );
  });
});

describe("GET /v1/insurance/policies and /{policy_id}", () => {
  it("pages newest first, filters by customer, and shows expiry on the sandbox clock", async () => {
    const tenant = "app_ins_list";
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { account, quote } = await quoteFor(tenant);
      ids.push((await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant)).body.id);
    }
    const seen: string[] = [];
    let url = `${POLICIES}?limit=2`;
    for (;;) {
      const page = await bank.get(POLICIES, url, { tenant });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((p: { id: string }) => p.id));
      if (!page.body.next_cursor) break;
      url = `${POLICIES}?limit=2&cursor=${encodeURIComponent(page.body.next_cursor)}`;
    }
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(3);
    const thin = await byNumber(tenant, "52907314");
    expect((await bank.get(POLICIES, `${POLICIES}?customer_id=${thin.customer_id}`, { tenant })).body.data).toEqual([]);
    expect((await bank.get(POLICIES, POLICIES, { tenant: "app_ins_stranger2" })).body.data).toEqual([]);
    expectProblemShape(await bank.get(POLICIES, `${POLICIES}?limit=500`, { tenant }), 400, "validation_failed");
    expectProblemShape(await bank.get(POLICIES, `${POLICIES}?cursor=abc`, { tenant }), 400, "validation_failed");

    expect((await bank.get(POLICY, `${POLICIES}/${ids[0]}`, { tenant })).body.status).toBe("active");
    expectProblemShape(await bank.get(POLICY, `${POLICIES}/${ids[0]}`, { tenant: "app_ins_stranger2" }), 404, "resource_not_found");
    await post(ADVANCE, ADVANCE, { until: "2026-12-28" }, tenant, null);
    expect((await bank.get(POLICY, `${POLICIES}/${ids[0]}`, { tenant })).body.status).toBe("expired");
  });
});

describe("POST /v1/insurance/policies/{policy_id}/cancel", () => {
  it("refunds the whole premium within the cooling-off period, once", async () => {
    const tenant = "app_ins_cancel";
    const { account, quote } = await quoteFor(tenant);
    const before = await booked(tenant, account.id);
    const policy = (await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant)).body;
    const reply = await post(CANCEL, `${POLICIES}/${policy.id}/cancel`, {}, tenant);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: policy.id, status: "cancelled", refund: { amount: "40.01", currency: "GBP" } });
    expect(await booked(tenant, account.id)).toBe(before);
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant, type: "insurance.policy_cancelled" } })).toBe(1);
    expectProblemShape(await post(CANCEL, `${POLICIES}/${policy.id}/cancel`, {}, tenant), 422, "policy_not_cancellable");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("refuses after 14 days, for unknown or other apps' policies, and without a key", async () => {
    const tenant = "app_ins_cancel_late";
    const { account, quote } = await quoteFor(tenant, "41825937", { start_date: "2027-02-01", end_date: "2027-02-10" });
    const policy = (await post(POLICIES, POLICIES, { quote_id: quote.id, account_id: account.id }, tenant)).body;
    expectProblemShape(await post(CANCEL, `${POLICIES}/${policy.id}/cancel`, {}, tenant, null), 400, "idempotency_key_required");
    expectProblemShape(await post(CANCEL, `${POLICIES}/${policy.id}/cancel`, {}, "app_ins_stranger3"), 404, "resource_not_found");
    await post(ADVANCE, ADVANCE, { days: 15 }, tenant, null);
    const late = await post(CANCEL, `${POLICIES}/${policy.id}/cancel`, {}, tenant);
    expectProblemShape(late, 422, "policy_not_cancellable");
    expect(late.body.detail).toMatch(/cooling-off/);
  });
});
