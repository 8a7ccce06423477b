import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { grossRateFromAer, rateToBasisPoints } from "../src/domain/products/interest-maths";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const LIST = "/v1/products";
const ONE = "/v1/products/{product_id}";
const OPEN = "/v1/accounts";
const PAY = "/v1/payments";
const ADVANCE = "/v1/sandbox/clock/advance";

type Account = {
  id: string;
  customer_id: string;
  type: string;
  name: string;
  identifiers: Record<string, string>;
  interest_rate: string | null;
  product_id: string | null;
  matures_on: string | null;
};

const post = (template: string, url: string, body: unknown, tenant: string, key: string | null = randomUUID()) =>
  bank.request({
    method: "POST",
    url,
    template,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
  });

async function accountByNumber(tenant: string, accountNumber: string): Promise<Account> {
  const reply = await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant });
  return reply.body.data.find((a: Account) => a.identifiers.account_number === accountNumber);
}
const balance = async (tenant: string, accountId: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${accountId}/balances`, { tenant })).body.booked.amount as string;
const lines = async (tenant: string, accountId: string) =>
  (await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${accountId}/transactions?limit=100`, { tenant })).body.data as {
    description: string;
    amount: { amount: string };
    category: string;
  }[];
const events = (tenant: string, type: string) =>
  t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type }, orderBy: { createdAt: "asc" } });
const gbp = (amount: string) => ({ amount, currency: "GBP" });
/** good_credit: current 41825937 (£3,842.17, £1,500 overdraft), savings 41825945. thin_file: current 52907314 (£2,150). */
const GOOD_CURRENT = "41825937";
const THIN_CURRENT = "52907314";

describe("GET /v1/products", () => {
  it("lists the deposit catalogue with AER, gross rate, limits and access rules", async () => {
    const reply = await bank.get(LIST, LIST);
    expect(reply.status).toBe(200);
    expect(reply.body.next_cursor).toBeNull();
    expect(reply.body.data.map((p: { id: string }) => p.id)).toEqual([
      "current_account",
      "easy_access_saver",
      "currency_saver",
      "notice_saver_95",
      "fixed_term_1y",
      "fixed_term_2y",
    ]);
    const bond = reply.body.data.find((p: { id: string }) => p.id === "fixed_term_1y");
    expect(bond).toMatchObject({
      type: "fixed_term",
      aer: "4.50",
      gross_rate: "4.50",
      interest_paid: "at_maturity",
      term_months: 12,
      min_deposit: gbp("1000.00"),
      max_deposit: gbp("250000.00"),
      access: "at_maturity",
      accepts_further_deposits: false,
    });
    const saver = reply.body.data.find((p: { id: string }) => p.id === "easy_access_saver");
    // Monthly interest compounds: the gross rate is below the AER.
    expect(saver).toMatchObject({ aer: "4.10", gross_rate: "4.02", interest_paid: "monthly", access: "instant" });
    expect(reply.body.data.find((p: { id: string }) => p.id === "fixed_term_2y")).toMatchObject({ aer: "4.30", gross_rate: "4.39" });
  });

  it("filters by type", async () => {
    const reply = await bank.get(LIST, `${LIST}?type=fixed_term`);
    expect(reply.body.data.map((p: { id: string }) => p.id)).toEqual(["fixed_term_1y", "fixed_term_2y"]);
    expect((await bank.get(LIST, `${LIST}?type=savings`)).body.data).toHaveLength(3);
  });

  it("refuses an unknown type or parameter with 400 and a pointer", async () => {
    const bad = await bank.get(LIST, `${LIST}?type=mortgage`);
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors[0].pointer).toBe("/query/type");
    expectProblemShape(await bank.get(LIST, `${LIST}?limit=5`), 400, "validation_failed");
  });
});

describe("GET /v1/products/{product_id}", () => {
  it("returns one product", async () => {
    const reply = await bank.get(ONE, "/v1/products/notice_saver_95");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: "notice_saver_95",
      type: "savings",
      early_access_charge_days: 95,
      access: "instant_with_penalty",
      min_deposit: gbp("1000.00"),
    });
  });

  it("404s an unknown product and 400s a malformed id", async () => {
    expectProblemShape(await bank.get(ONE, "/v1/products/gold_bond"), 404, "resource_not_found");
    const bad = await bank.get(ONE, "/v1/products/Gold-Bond");
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors[0].pointer).toBe("/params/product_id");
  });
});

describe("POST /v1/accounts with product_id", () => {
  it("opens an easy-access saver with the product's rate and name; `type` still works", async () => {
    const tenant = "app_products_open";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    const saver = await post(OPEN, OPEN, { customer_id: current.customer_id, product_id: "easy_access_saver" }, tenant);
    expect(saver.status).toBe(201);
    expect(saver.body).toMatchObject({
      type: "savings",
      name: "Easy Access Saver",
      product_id: "easy_access_saver",
      interest_rate: "4.10",
      matures_on: null,
    });
    const plain = await post(OPEN, OPEN, { customer_id: current.customer_id, type: "current", currency: "EUR" }, tenant);
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ type: "current", product_id: "current_account", interest_rate: null, currency: "EUR" });
    // Savings in euros or dollars are a Currency Saver, without interest (the ledger's interest account is in sterling).
    const euros = await post(OPEN, OPEN, { customer_id: current.customer_id, type: "savings", currency: "EUR" }, tenant);
    expect(euros.body).toMatchObject({
      type: "savings",
      product_id: "currency_saver",
      name: "Currency Saver",
      interest_rate: null,
      currency: "EUR",
    });
  });

  it("opens a 1-year bond funded from the customer's current account in one transaction", async () => {
    const tenant = "app_products_bond";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    const before = await balance(tenant, current.id);
    const reply = await post(
      OPEN,
      OPEN,
      { customer_id: current.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("2500.00"), funding_account_id: current.id },
      tenant,
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      type: "fixed_term",
      name: "1 Year Fixed Rate Bond",
      product_id: "fixed_term_1y",
      interest_rate: "4.50",
      matures_on: "2027-11-21",
    });
    expect(await balance(tenant, reply.body.id)).toBe("2500.00");
    expect(Number(await balance(tenant, current.id))).toBeCloseTo(Number(before) - 2500, 2);
    expect((await lines(tenant, reply.body.id)).map((l) => l.description)).toEqual(["Opening deposit"]);
    expect((await lines(tenant, current.id))[0]).toMatchObject({
      description: "Transfer to 1 Year Fixed Rate Bond",
      amount: { amount: "-2500.00" },
    });
    expect((await events(tenant, "account.opened")).map((e) => JSON.parse(e.payload).object.id)).toEqual([reply.body.id]);
    expect(await events(tenant, "transaction.booked")).toHaveLength(2);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it.each([
    [{}, "/body/product_id"],
    [{ product_id: "gold_bond" }, "/body/product_id"],
    [{ product_id: "fixed_term_1y", type: "savings" }, "/body/type"],
    [{ product_id: "fixed_term_1y", currency: "EUR" }, "/body/currency"],
    [{ product_id: "easy_access_saver", currency: "USD" }, "/body/currency"],
    [{ product_id: "fixed_term_1y" }, "/body/initial_deposit"],
    [{ product_id: "fixed_term_1y", initial_deposit: gbp("1000.00") }, "/body/funding_account_id"],
    [{ product_id: "fixed_term_1y", initial_deposit: gbp("1000.001"), funding_account_id: "acc_x" }, "/body/initial_deposit/amount"],
    [{ product_id: "easy_access_saver", funding_account_id: "acc_x" }, "/body/initial_deposit"],
  ])("refuses %j with 400 at %s", async (extra, pointer) => {
    const tenant = "app_products_bad";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    const reply = await post(OPEN, OPEN, { customer_id: current.customer_id, ...extra }, tenant);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("refuses deposits outside the product's limits, funding from another customer, and insufficient funds, leaving nothing behind", async () => {
    const tenant = "app_products_refusals";
    const good = await accountByNumber(tenant, GOOD_CURRENT);
    const thin = await accountByNumber(tenant, THIN_CURRENT);
    const accountsBefore = await t.app.db.bankAccount.count({ where: { tenantId: tenant } });
    const small = await post(
      OPEN,
      OPEN,
      { customer_id: good.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("999.99"), funding_account_id: good.id },
      tenant,
    );
    expectProblemShape(small, 422, "deposit_not_accepted");
    expect(small.body.errors[0].pointer).toBe("/body/initial_deposit/amount");
    expectProblemShape(
      await post(
        OPEN,
        OPEN,
        { customer_id: good.customer_id, product_id: "fixed_term_2y", initial_deposit: gbp("250000.01"), funding_account_id: good.id },
        tenant,
      ),
      422,
      "deposit_not_accepted",
    );
    const other = await post(
      OPEN,
      OPEN,
      { customer_id: good.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("1000.00"), funding_account_id: thin.id },
      tenant,
    );
    expectProblemShape(other, 422, "account_not_eligible");
    const poor = await post(
      OPEN,
      OPEN,
      { customer_id: thin.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("5000.00"), funding_account_id: thin.id },
      tenant,
    );
    expectProblemShape(poor, 422, "insufficient_funds");
    expect(poor.body.errors[0].pointer).toBe("/body/funding_account_id");
    const mismatch = await post(
      OPEN,
      OPEN,
      {
        customer_id: good.customer_id,
        product_id: "currency_saver",
        currency: "EUR",
        initial_deposit: gbp("10.00"),
        funding_account_id: good.id,
      },
      tenant,
    );
    expectProblemShape(mismatch, 422, "currency_mismatch");
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant } })).toBe(accountsBefore);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("treats another app's funding account as unknown (404)", async () => {
    const theirs = await accountByNumber("app_products_other", GOOD_CURRENT);
    const mine = await accountByNumber("app_products_mine", GOOD_CURRENT);
    const reply = await post(
      OPEN,
      OPEN,
      { customer_id: mine.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("1000.00"), funding_account_id: theirs.id },
      "app_products_mine",
    );
    expectProblemShape(reply, 404, "resource_not_found");
    expect(reply.body.errors[0].pointer).toBe("/body/funding_account_id");
  });
});

describe("access rules", () => {
  it("refuses withdrawals from a bond before maturity and further deposits into it", async () => {
    const tenant = "app_products_locked";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    const bond = (
      await post(
        OPEN,
        OPEN,
        { customer_id: current.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("1000.00"), funding_account_id: current.id },
        tenant,
      )
    ).body;
    const out = await post(
      PAY,
      PAY,
      { debtor_account_id: bond.id, amount: gbp("10.00"), creditor: { type: "account", account_id: current.id } },
      tenant,
    );
    expectProblemShape(out, 422, "early_withdrawal_not_allowed");
    expect(out.body.errors[0].pointer).toBe("/body/debtor_account_id");
    const into = await post(
      PAY,
      PAY,
      { debtor_account_id: current.id, amount: gbp("10.00"), creditor: { type: "account", account_id: bond.id } },
      tenant,
    );
    expectProblemShape(into, 422, "deposit_not_accepted");
    const simulated = await post(
      "/v1/sandbox/transactions",
      "/v1/sandbox/transactions",
      { account_id: bond.id, amount: gbp("10.00"), counterparty_name: "ACME" },
      tenant,
      null,
    );
    expectProblemShape(simulated, 422, "deposit_not_accepted");
    expect(simulated.body.errors[0].pointer).toBe("/body/account_id");
    expect(await balance(tenant, bond.id)).toBe("1000.00");
  });

  it("charges a notice saver 95 days' interest on an amount withdrawn", async () => {
    const tenant = "app_products_notice";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    const saver = (
      await post(
        OPEN,
        OPEN,
        {
          customer_id: current.customer_id,
          product_id: "notice_saver_95",
          initial_deposit: gbp("2000.00"),
          funding_account_id: current.id,
        },
        tenant,
      )
    ).body;
    const paid = await post(
      PAY,
      PAY,
      { debtor_account_id: saver.id, amount: gbp("1000.00"), creditor: { type: "account", account_id: current.id } },
      tenant,
    );
    expect(paid.status).toBe(201);
    const gross = rateToBasisPoints(grossRateFromAer("4.60", { paymentsPerYear: 12 }));
    const charge = Math.floor((100_000 * gross * 95) / (10_000 * 365));
    expect((await lines(tenant, saver.id)).find((l) => l.category === "fees")).toMatchObject({
      description: "Early access charge (95 days' interest on 1000.00)",
      amount: { amount: (-charge / 100).toFixed(2) },
    });
    expect(await balance(tenant, saver.id)).toBe(((100_000 - charge) / 100).toFixed(2));
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });
});

describe("interest as the clock moves", { timeout: 60_000 }, () => {
  it("pays the seeded savers monthly from the seed date, on their end-of-day balances", async () => {
    const tenant = "app_products_interest";
    const savings = await accountByNumber(tenant, "41825945");
    const start = BigInt(Math.round(Number(await balance(tenant, savings.id)) * 100));
    const advanced = await post(ADVANCE, ADVANCE, { until: "2026-12-01" }, tenant, null);
    expect(advanced.status).toBe(200);
    expect(advanced.body.effects.interest_payments).toBe(6);
    // 21–30 November: 10 days at the gross rate of 4.10% AER paid monthly.
    const expected = (start * BigInt(rateToBasisPoints(grossRateFromAer("4.10", { paymentsPerYear: 12 }))) * 10n) / 3_650_000n;
    const line = (await lines(tenant, savings.id))[0];
    expect(line).toMatchObject({
      description: "Interest paid",
      category: "interest",
      amount: { amount: (Number(expected) / 100).toFixed(2) },
    });
    const paid = (await events(tenant, "account.interest_paid")).map((e) => JSON.parse(e.payload).object);
    expect(paid).toHaveLength(6);
    expect(paid.find((p) => p.account_id === savings.id)).toMatchObject({
      period_start: "2026-11-21",
      period_end: "2026-11-30",
      aer: "4.10",
      amount: { amount: (Number(expected) / 100).toFixed(2) },
    });
    // Nothing more is due until 1 January.
    expect((await post(ADVANCE, ADVANCE, { days: 30 }, tenant, null)).body.effects.interest_payments).toBe(0);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("pays a bond's interest for the whole term at maturity, after which it can be withdrawn", async () => {
    const tenant = "app_products_maturity";
    const current = await accountByNumber(tenant, "74129538"); // small_business: £24,318.55
    const bond = (
      await post(
        OPEN,
        OPEN,
        { customer_id: current.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("10000.00"), funding_account_id: current.id },
        tenant,
      )
    ).body;
    for (let i = 0; i < 4; i++) expect((await post(ADVANCE, ADVANCE, { days: 90 }, tenant, null)).status).toBe(200);
    expect(await balance(tenant, bond.id)).toBe("10000.00");
    await post(ADVANCE, ADVANCE, { until: "2027-11-21T10:30:00Z" }, tenant, null);
    // 365 days × £10,000 × 4.50% / 365 = £450.00
    expect(await balance(tenant, bond.id)).toBe("10450.00");
    const paid = (await events(tenant, "account.interest_paid"))
      .map((e) => JSON.parse(e.payload).object)
      .filter((p) => p.account_id === bond.id);
    expect(paid).toEqual([expect.objectContaining({ amount: gbp("450.00"), period_start: "2026-11-21", period_end: "2027-11-20" })]);
    const out = await post(
      PAY,
      PAY,
      { debtor_account_id: bond.id, amount: gbp("10450.00"), creditor: { type: "account", account_id: current.id } },
      tenant,
    );
    expect(out.status).toBe(201);
    // No interest after maturity.
    expect((await post(ADVANCE, ADVANCE, { days: 40 }, tenant, null)).body.effects.interest_payments).toBe(6);
    expect(await balance(tenant, bond.id)).toBe("0.00");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("is cleared by a reset, with bonds, policies and redemptions: the seed's savers accrue from the new seed date", async () => {
    const tenant = "app_products_reset";
    const current = await accountByNumber(tenant, GOOD_CURRENT);
    expect(
      (
        await post(
          OPEN,
          OPEN,
          {
            customer_id: current.customer_id,
            product_id: "fixed_term_2y",
            initial_deposit: gbp("1000.00"),
            funding_account_id: current.id,
          },
          tenant,
        )
      ).status,
    ).toBe(201);
    const quote = await post(
      "/v1/insurance/quotes",
      "/v1/insurance/quotes",
      {
        customer_id: current.customer_id,
        trip_type: "single_trip",
        destination: "europe",
        start_date: "2026-12-20",
        end_date: "2026-12-22",
        travellers: [{ age: 30 }],
        cover_level: "essential",
      },
      tenant,
      null,
    );
    expect(
      (await post("/v1/insurance/policies", "/v1/insurance/policies", { quote_id: quote.body.id, account_id: current.id }, tenant)).status,
    ).toBe(201);
    const card = (await bank.get("/v1/accounts", "/v1/accounts?type=credit_card&limit=1", { tenant })).body.data[0];
    expect(
      (await post("/v1/accounts/{account_id}/rewards/redemptions", `/v1/accounts/${card.id}/rewards/redemptions`, { points: 500 }, tenant))
        .status,
    ).toBe(201);
    await post(ADVANCE, ADVANCE, { until: "2026-12-01" }, tenant, null);
    expect((await post("/v1/sandbox/reset", "/v1/sandbox/reset", {}, tenant, null)).status).toBe(200);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant, interestPaidTo: { not: null } } })).toBe(0);
    expect(await events(tenant, "account.interest_paid")).toHaveLength(0);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant, productId: { not: null } } })).toBe(0);
    expect(await t.app.db.bankInsuranceQuote.count({ where: { tenantId: tenant } })).toBe(0);
    expect(await t.app.db.bankInsurancePolicy.count({ where: { tenantId: tenant } })).toBe(0);
    expect(await t.app.db.bankRewardRedemption.count({ where: { tenantId: tenant } })).toBe(0);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });
});
