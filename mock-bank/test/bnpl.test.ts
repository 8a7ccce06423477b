import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { systemAccountId } from "../src/domain/ledger/system-accounts";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";
import { gbp, lendingApi, newKey } from "./lending-helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY = 86_400_000;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
let api: ReturnType<typeof lendingApi>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
  api = lendingApi(bank);
});
afterAll(() => t.close());

const ONE = "/v1/bnpl/plans/{plan_id}";
const LIST = "/v1/bnpl/plans";
const sound = async (tenant: string) => expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
const eventTypes = async (tenant: string) =>
  (await t.app.db.bankEvent.findMany({ where: { tenantId: tenant }, orderBy: { createdAt: "asc" } })).map((e) => e.type);
const external = (tenant: string) =>
  t.app.db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenant, "external") } }).then((a) => a.bookedBalance);
const purchase = (accountId: string, amount: string, instalments = 4) => ({
  account_id: accountId,
  merchant_name: "Northwind Furniture",
  purchase_amount: gbp(amount),
  instalments,
  description: "Oak side table",
});

/** An approved customer of our own with a fresh current account holding `pounds` (no credit file). */
async function onboarded(tenant: string, pounds: string) {
  const customer = await api.post(
    "/v1/customers",
    "/v1/customers",
    {
      given_name: "Ada",
      family_name: "Lovelace",
      date_of_birth: "1990-01-01",
      email: "ada@example.com",
      address: { line1: "1 Road", postcode: "N1 1AA", country: "GB" },
    },
    { tenant },
  );
  const account = await api.post("/v1/accounts", "/v1/accounts", { customer_id: customer.body.id, type: "current" }, { tenant });
  if (pounds !== "0.00")
    await api.post(
      "/v1/sandbox/transactions",
      "/v1/sandbox/transactions",
      { account_id: account.body.id, amount: gbp(pounds), counterparty_name: "Payroll" },
      { tenant, key: null },
    );
  return account.body.id as string;
}

describe("POST /v1/bnpl/plans", { timeout: 30_000 }, () => {
  it("pays the merchant in full, collects the first instalment, writes a fortnightly schedule and events", async () => {
    const tenant = "app_bnpl_ok";
    const me = await api.persona(tenant, "good_credit");
    const before = await api.booked(tenant, me.current.id);
    const externalBefore = await external(tenant);
    const reply = await api.createPlan(purchase(me.current.id, "480.00"), { tenant });
    expect(reply.status).toBe(201);
    const plan = reply.body;
    expect(plan).toMatchObject({
      kind: "bnpl",
      customer_id: me.customerId,
      status: "active",
      repayment_account_id: me.current.id,
      offer_id: null,
      principal: gbp("480.00"),
      apr: "0.00",
      instalment_count: 4,
      frequency: "fortnightly",
      instalment_amount: gbp("120.00"),
      total_repayable: gbp("480.00"),
      outstanding_balance: gbp("360.00"),
      amount_paid: gbp("120.00"),
      merchant_name: "Northwind Furniture",
      description: "Oak side table",
      created_at: NOW.toISOString(),
      paid_off_at: null,
    });
    expect(reply.headers.location).toBe(`/v1/bnpl/plans/${plan.id}`);
    expect(
      plan.schedule.map((line: { due_at: string; status: string; interest: unknown }) => [line.due_at, line.status, line.interest]),
    ).toEqual([0, 1, 2, 3].map((k) => [new Date(NOW.getTime() + k * 14 * DAY).toISOString(), k === 0 ? "paid" : "scheduled", gbp("0.00")]));
    expect(plan.next_instalment.sequence).toBe(2);
    expect(await api.booked(tenant, me.current.id)).toBe(before - 12_000);
    expect(await api.booked(tenant, plan.account_id)).toBe(-36_000);
    expect((await external(tenant)) - externalBefore).toBe(48_000n);
    const postings = await t.app.db.bankPosting.findMany({ where: { tenantId: tenant, reference: plan.id }, orderBy: { kind: "asc" } });
    expect(postings.map((p) => p.kind)).toEqual(["disbursement", "repayment"]);
    expect(await eventTypes(tenant)).toEqual([
      "bnpl.plan_created",
      "loan.instalment_paid",
      "transaction.booked",
      "transaction.booked",
      "transaction.booked",
    ]);
    expect((await bank.get(ONE, `/v1/bnpl/plans/${plan.id}`, { tenant })).body).toEqual(plan);
    await sound(tenant);
  });

  it("splits to the penny, the last instalment taking the remainder", async () => {
    const tenant = "app_bnpl_split";
    const me = await api.persona(tenant, "good_credit");
    const plan = (await api.createPlan(purchase(me.current.id, "100.00", 3), { tenant })).body;
    expect(plan.schedule.map((line: { amount: { amount: string } }) => line.amount.amount)).toEqual(["33.33", "33.33", "33.34"]);
  });

  it("collects the later instalments as the clock moves, then marks the plan paid off", async () => {
    const tenant = "app_bnpl_clock";
    const me = await api.persona(tenant, "good_credit");
    const plan = (await api.createPlan(purchase(me.current.id, "90.00", 3), { tenant })).body;
    expect((await api.advance(tenant, 14)).body.effects).toMatchObject({ loan_instalments_paid: 1, loan_instalments_missed: 0 });
    expect((await bank.get(ONE, `/v1/bnpl/plans/${plan.id}`, { tenant })).body).toMatchObject({
      status: "active",
      outstanding_balance: gbp("30.00"),
    });
    expect((await api.advance(tenant, 14)).body.effects.loan_instalments_paid).toBe(1);
    const done = (await bank.get(ONE, `/v1/bnpl/plans/${plan.id}`, { tenant })).body;
    expect(done).toMatchObject({
      status: "paid_off",
      outstanding_balance: gbp("0.00"),
      amount_paid: gbp("90.00"),
      next_instalment: null,
      paid_off_at: plan.schedule[2].due_at,
    });
    expect((await eventTypes(tenant)).filter((type) => type === "loan.paid_off")).toHaveLength(1);
    // Interest-free: the bank earned nothing.
    expect((await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenant, "interestIncome") } })).bookedBalance).toBe(
      0n,
    );
    await sound(tenant);
  });

  it("declines with a clear code: over the score's limit (counting other plans), low score; and creates nothing", async () => {
    const tenant = "app_bnpl_decline";
    const student = await api.persona(tenant, "student");
    const over = await api.createPlan(purchase(student.current.id, "600.00"), { tenant });
    expectProblemShape(over, 422, "bnpl_declined");
    expect(over.body.detail).toMatch(/^over_plan_limit: /);
    expect(over.body.errors).toEqual([{ pointer: "/body/purchase_amount/amount", detail: "over_plan_limit" }]);
    expect((await api.createPlan(purchase(student.current.id, "400.00"), { tenant })).status).toBe(201);
    // £300 still owed on the first plan: £200 of the £500 limit left.
    const second = await api.createPlan(purchase(student.current.id, "250.00"), { tenant });
    expectProblemShape(second, 422, "bnpl_declined");
    expect(second.body.detail).toContain("at most £200.00");
    expect((await api.createPlan(purchase(student.current.id, "200.00"), { tenant })).status).toBe(201);

    await t.app.db.bankCustomer.updateMany({ where: { tenantId: tenant, persona: "thin_file" }, data: { creditScore: 420 } });
    const thin = await api.persona(tenant, "thin_file");
    const low = await api.createPlan(purchase(thin.current.id, "50.00"), { tenant });
    expectProblemShape(low, 422, "bnpl_declined");
    expect(low.body.detail).toMatch(/^credit_score_too_low: /);
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(2);
    await sound(tenant);
  });

  it("gives customers without a credit file a starter limit, and refuses a first instalment the account cannot pay", async () => {
    const tenant = "app_bnpl_onboarded";
    const funded = await onboarded(tenant, "100.00");
    expectProblemShape(await api.createPlan(purchase(funded, "300.00"), { tenant }), 422, "bnpl_declined");
    expect((await api.createPlan(purchase(funded, "240.00"), { tenant })).status).toBe(201);
    const empty = await onboarded(tenant, "0.00");
    const broke = await api.createPlan(purchase(empty, "120.00"), { tenant });
    expectProblemShape(broke, 422, "insufficient_funds");
    expect(broke.body.errors).toEqual([{ pointer: "/body/account_id", detail: "insufficient funds for the first instalment" }]);
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(1);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant, type: "loan" } })).toBe(1);
    await sound(tenant);
  });

  it("refuses other kinds of account, a frozen one, an unknown one, and bad bodies with pointers", async () => {
    const tenant = "app_bnpl_refuse";
    const me = await api.persona(tenant, "good_credit");
    const frozen = await api.persona(tenant, "frozen_account");
    expectProblemShape(await api.createPlan(purchase(me.savings.id, "100.00"), { tenant }), 422, "account_not_eligible");
    expectProblemShape(await api.createPlan(purchase(me.card.id, "100.00"), { tenant }), 422, "account_not_eligible");
    expectProblemShape(await api.createPlan(purchase(frozen.current.id, "100.00"), { tenant }), 422, "account_frozen");
    expectProblemShape(await api.createPlan(purchase("acc_0000000000000000000000", "100.00"), { tenant }), 404, "resource_not_found");
    const bad = await api.createPlan(
      { account_id: me.current.id, merchant_name: "", purchase_amount: { amount: "12.345", currency: "USD" }, instalments: 6 },
      { tenant },
    );
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining([
        "/body/merchant_name",
        "/body/purchase_amount/amount",
        "/body/purchase_amount/currency",
        "/body/instalments",
      ]),
    );
    for (const amount of ["29.99", "2000.01"])
      expectProblemShape(await api.createPlan(purchase(me.current.id, amount), { tenant }), 400, "validation_failed");
    expectProblemShape(await api.createPlan(purchase(me.current.id, "100.00"), { tenant, key: null }), 400, "idempotency_key_required");
    expectProblemShape(
      await api.createPlan(purchase(me.current.id, "100.00"), { tenant, headers: { "sandbox-scenario": "insufficient_funds" } }),
      422,
      "insufficient_funds",
    );
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(0);
    await sound(tenant);
  });

  it("replays a retry with the same key and refuses the key for another body", async () => {
    const tenant = "app_bnpl_idem";
    const me = await api.persona(tenant, "good_credit");
    const key = newKey();
    const first = await api.createPlan(purchase(me.current.id, "200.00"), { tenant, key });
    const again = await api.createPlan(purchase(me.current.id, "200.00"), { tenant, key });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expectProblemShape(await api.createPlan(purchase(me.current.id, "201.00"), { tenant, key }), 422, "idempotency_key_reused");
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(1);
    await sound(tenant);
  });
});

describe("GET /v1/bnpl/plans and /v1/bnpl/plans/{plan_id}", { timeout: 30_000 }, () => {
  it("lists only plans, pages, filters, and 404s personal loans and other tenants' plans", async () => {
    const tenant = "app_bnpl_list";
    const me = await api.persona(tenant, "good_credit");
    const a = (await api.createPlan(purchase(me.current.id, "60.00", 3), { tenant })).body;
    const b = (await api.createPlan(purchase(me.current.id, "80.00"), { tenant })).body;
    const application = (await api.apply({ customer_id: me.customerId, amount: gbp("2000.00"), term_months: 12 }, { tenant })).body;
    const loan = (await api.accept(application.offers[0].id, { disbursement_account_id: me.current.id }, { tenant })).body;

    const all = await bank.get(LIST, LIST, { tenant });
    expect(all.body.data.map((p: { id: string }) => p.id).sort()).toEqual([a.id, b.id].sort());
    const page1 = await bank.get(LIST, `${LIST}?limit=1`, { tenant });
    const page2 = await bank.get(LIST, `${LIST}?limit=1&cursor=${page1.body.next_cursor}`, { tenant });
    expect([page1.body.data[0].id, page2.body.data[0].id].sort()).toEqual([a.id, b.id].sort());
    expect(page2.body.next_cursor).toBeNull();
    expect((await bank.get(LIST, `${LIST}?customer_id=${me.customerId}&status=active`, { tenant })).body.data).toHaveLength(2);
    expect((await bank.get(LIST, `${LIST}?status=paid_off`, { tenant })).body.data).toEqual([]);
    expectProblemShape(await bank.get(LIST, `${LIST}?kind=bnpl`, { tenant }), 400, "validation_failed");
    expect((await bank.get("/v1/loans", "/v1/loans?kind=bnpl", { tenant })).body.data).toHaveLength(2);

    expectProblemShape(await bank.get(ONE, `/v1/bnpl/plans/${loan.id}`, { tenant }), 404, "resource_not_found");
    const foreign = await bank.get(ONE, `/v1/bnpl/plans/${a.id}`, { tenant: "app_bnpl_list_other" });
    const unknown = await bank.get(ONE, "/v1/bnpl/plans/loan_0000000000000000000000", { tenant: "app_bnpl_list_other" });
    expectProblemShape(foreign, 404, "resource_not_found");
    expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
    expect((await bank.get(LIST, LIST, { tenant: "app_bnpl_list_other" })).body.data).toEqual([]);
    await sound(tenant);
  });
});
