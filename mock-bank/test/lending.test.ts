import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { systemAccountId } from "../src/domain/ledger/system-accounts";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";
import { gbp, lendingApi, newKey } from "./lending-helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
let api: ReturnType<typeof lendingApi>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
  api = lendingApi(bank);
});
afterAll(() => t.close());

const APPLICATION = "/v1/loans/applications/{application_id}";
const events = async (tenant: string) =>
  (await t.app.db.bankEvent.findMany({ where: { tenantId: tenant }, orderBy: { createdAt: "asc" } })).map((e) => ({
    type: e.type,
    object: JSON.parse(e.payload).object,
  }));
const sound = async (tenant: string) => expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);

async function approvedLoan(tenant: string, amount = "10000.00", term = 36) {
  const me = await api.persona(tenant, "good_credit");
  const application = await api.apply({ customer_id: me.customerId, amount: gbp(amount), term_months: term }, { tenant });
  expect(application.body.decision).toBe("approved");
  const loan = await api.accept(application.body.offers[0].id, { disbursement_account_id: me.current.id }, { tenant });
  expect(loan.status).toBe(201);
  return { me, application: application.body, loan: loan.body };
}

describe("POST /v1/loans/applications", { timeout: 30_000 }, () => {
  it("approves good_credit as asked, with alternatives, an assessment, a location and loan.decided", async () => {
    const tenant = "app_lend_apply";
    const me = await api.persona(tenant, "good_credit");
    const reply = await api.apply(
      { customer_id: me.customerId, amount: gbp("10000.00"), term_months: 36, purpose: "home_improvement" },
      { tenant },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      customer_id: me.customerId,
      product: "personal_loan",
      amount: gbp("10000.00"),
      term_months: 36,
      purpose: "home_improvement",
      decision: "approved",
      reasons: [],
      assessment: { credit_score: 812, score_band: "excellent", gross_monthly_income: gbp("6000.00"), housing_costs: gbp("1245.00") },
      created_at: NOW.toISOString(),
    });
    expect(reply.body.id).toMatch(/^lap_[0-9A-Za-z]{22}$/);
    expect(reply.headers.location).toBe(`/v1/loans/applications/${reply.body.id}`);
    const offers = reply.body.offers as {
      id: string;
      amount: { amount: string };
      term_months: number;
      apr: string;
      monthly_payment: { amount: string };
      total_repayable: { amount: string };
      total_interest: { amount: string };
      status: string;
      expires_at: string;
      loan_id: null;
    }[];
    expect(offers.map((o) => [o.amount.amount, o.term_months, o.apr, o.monthly_payment.amount, o.status])).toEqual([
      ["10000.00", 36, "6.40", "305.22", "available"],
      ["10000.00", 48, "6.40", "235.86", "available"],
      ["10000.00", 24, "6.40", "444.20", "available"],
    ]);
    expect(offers[0]).toMatchObject({
      expires_at: "2026-12-21T10:30:00.000Z",
      loan_id: null,
      total_interest: { amount: (Number(offers[0].total_repayable.amount) - 10000).toFixed(2) },
    });
    expect((await bank.get(APPLICATION, `/v1/loans/applications/${reply.body.id}`, { tenant })).body).toEqual(reply.body);
    const written = await events(tenant);
    expect(written.map((e) => e.type)).toEqual(["loan.decided"]);
    expect(written[0].object).toEqual(reply.body);
  });

  it.each([
    ["good_credit", "approved", [], "10000.00"],
    ["small_business", "approved", [], "10000.00"],
    ["overdrawn", "approved", ["amount_above_band_limit"], "4800.00"],
    ["thin_file", "declined", ["credit_score_too_low"], null],
    ["student", "declined", ["debt_to_income_too_high"], null],
    ["frozen_account", "declined", ["account_restricted"], null],
  ])("decides %s (£10,000 over 36 months): %s %j", async (persona, decision, codes, first) => {
    const tenant = "app_lend_personas";
    const me = await api.persona(tenant, persona);
    const reply = await api.apply({ customer_id: me.customerId, amount: gbp("10000.00"), term_months: 36 }, { tenant });
    expect(reply.status).toBe(201);
    expect(reply.body.decision).toBe(decision);
    expect(reply.body.reasons.map((r: { code: string }) => r.code)).toEqual(codes);
    expect(reply.body.offers[0]?.amount.amount ?? null).toBe(first);
  });

  it("declines onboarded customers without a credit file, and those whose KYC is not approved", async () => {
    const tenant = "app_lend_onboarded";
    const person = (familyName: string) => ({
      given_name: "Ada",
      family_name: familyName,
      date_of_birth: "1990-01-01",
      email: "ada@example.com",
      address: { line1: "1 Road", postcode: "N1 1AA", country: "GB" },
    });
    const fresh = await api.post("/v1/customers", "/v1/customers", person("Lovelace"), { tenant });
    const review = await api.post("/v1/customers", "/v1/customers", person("Review"), { tenant });
    const a = await api.apply({ customer_id: fresh.body.id, amount: gbp("2000.00"), term_months: 12 }, { tenant });
    expect(a.body).toMatchObject({ decision: "declined", offers: [], assessment: { credit_score: 0, score_band: null } });
    expect(a.body.reasons.map((r: { code: string }) => r.code)).toEqual(["no_credit_file", "unaffordable"]);
    const b = await api.apply({ customer_id: review.body.id, amount: gbp("2000.00"), term_months: 12 }, { tenant });
    expect(b.body.reasons.map((r: { code: string }) => r.code)[0]).toBe("kyc_not_approved");
  });

  it("answers bad bodies with a pointer per field, and an unknown customer with 404", async () => {
    const tenant = "app_lend_bad";
    const me = await api.persona(tenant, "good_credit");
    const bad = await api.apply(
      { customer_id: me.customerId, amount: { amount: "10.5.0", currency: "EUR" }, term_months: 6, purpose: "yacht", extra: true },
      { tenant },
    );
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(["/body/amount/amount", "/body/amount/currency", "/body/term_months", "/body/purpose"]),
    );
    for (const amount of ["999.99", "25000.01"]) {
      const range = await api.apply({ customer_id: me.customerId, amount: gbp(amount), term_months: 24 }, { tenant });
      expectProblemShape(range, 400, "validation_failed");
      expect(range.body.errors).toEqual([{ pointer: "/body/amount/amount", detail: "must be between 1000.00 and 25000.00" }]);
    }
    const unknown = await api.apply({ customer_id: "cus_0000000000000000000000", amount: gbp("5000.00"), term_months: 24 }, { tenant });
    expectProblemShape(unknown, 404, "resource_not_found");
    expect(await t.app.db.bankLoanApplication.count({ where: { tenantId: tenant } })).toBe(0);
  });

  it("requires an Idempotency-Key, replays a retry, refuses a reused key, and is not refused by insufficient_funds", async () => {
    const tenant = "app_lend_idem";
    const me = await api.persona(tenant, "good_credit");
    const body = { customer_id: me.customerId, amount: gbp("5000.00"), term_months: 24 };
    expectProblemShape(await api.apply(body, { tenant, key: null }), 400, "idempotency_key_required");
    const key = newKey();
    const first = await api.apply(body, { tenant, key, headers: { "sandbox-scenario": "insufficient_funds" } });
    expect(first.status).toBe(201);
    const again = await api.apply(body, { tenant, key });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expectProblemShape(await api.apply({ ...body, term_months: 36 }, { tenant, key }), 422, "idempotency_key_reused");
    expect(await t.app.db.bankLoanApplication.count({ where: { tenantId: tenant } })).toBe(1);
  });

  it("answers 404 to another tenant for an application, exactly like an unknown id", async () => {
    const mine = await api.apply(
      { customer_id: (await api.persona("app_lend_a", "good_credit")).customerId, amount: gbp("5000.00"), term_months: 24 },
      { tenant: "app_lend_a" },
    );
    const foreign = await bank.get(APPLICATION, `/v1/loans/applications/${mine.body.id}`, { tenant: "app_lend_b" });
    const unknown = await bank.get(APPLICATION, "/v1/loans/applications/lap_0000000000000000000000", { tenant: "app_lend_b" });
    expectProblemShape(foreign, 404, "resource_not_found");
    expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
    // Applying for another tenant's customer is a 404 too.
    expectProblemShape(
      await api.apply({ customer_id: mine.body.customer_id, amount: gbp("5000.00"), term_months: 24 }, { tenant: "app_lend_b" }),
      404,
      "resource_not_found",
    );
  });
});

describe("POST /v1/loans/offers/{offer_id}/accept", { timeout: 30_000 }, () => {
  it("opens the loan account, disburses in one posting, writes the schedule and events, and withdraws the other offers", async () => {
    const tenant = "app_lend_accept";
    const me = await api.persona(tenant, "good_credit");
    const before = await api.booked(tenant, me.current.id);
    const application = (await api.apply({ customer_id: me.customerId, amount: gbp("10000.00"), term_months: 36 }, { tenant })).body;
    const reply = await api.accept(application.offers[0].id, { disbursement_account_id: me.current.id }, { tenant });
    expect(reply.status).toBe(201);
    const loan = reply.body;
    expect(loan).toMatchObject({
      kind: "personal_loan",
      customer_id: me.customerId,
      status: "active",
      repayment_account_id: me.current.id,
      offer_id: application.offers[0].id,
      principal: gbp("10000.00"),
      apr: "6.40",
      instalment_count: 36,
      frequency: "monthly",
      instalment_amount: gbp("305.22"),
      outstanding_balance: gbp("10000.00"),
      amount_paid: gbp("0.00"),
      total_repayable: application.offers[0].total_repayable,
      merchant_name: null,
      created_at: NOW.toISOString(),
      paid_off_at: null,
    });
    expect(loan.id).toMatch(/^loan_[0-9A-Za-z]{22}$/);
    expect(reply.headers.location).toBe(`/v1/loans/${loan.id}`);
    expect(loan.schedule).toHaveLength(36);
    expect(loan.schedule[0]).toMatchObject({
      sequence: 1,
      due_at: "2026-12-21T10:30:00.000Z",
      amount: gbp("305.22"),
      interest: gbp("51.83"),
      status: "scheduled",
      paid_at: null,
      failed_attempts: 0,
    });
    expect(loan.schedule[35].due_at).toBe("2029-11-21T10:30:00.000Z");
    const principal = loan.schedule.reduce(
      (sum: number, line: { principal: { amount: string } }) => sum + Math.round(Number(line.principal.amount) * 100),
      0,
    );
    expect(principal).toBe(1_000_000);
    expect(loan.next_instalment).toEqual(loan.schedule[0]);

    expect(await api.booked(tenant, me.current.id)).toBe(before + 1_000_000);
    expect(await api.booked(tenant, loan.account_id)).toBe(-1_000_000);
    const loanAccount = await bank.get("/v1/accounts/{account_id}", `/v1/accounts/${loan.account_id}`, { tenant });
    expect(loanAccount.body).toMatchObject({
      type: "loan",
      customer_id: me.customerId,
      name: "Personal Loan",
      identifiers: { sort_code: "990030" },
    });
    const postings = await t.app.db.bankPosting.findMany({ where: { tenantId: tenant, reference: loan.id } });
    expect(postings.map((p) => p.kind)).toEqual(["disbursement"]);

    const after = (await bank.get(APPLICATION, `/v1/loans/applications/${application.id}`, { tenant })).body;
    expect(after.offers.map((o: { status: string; loan_id: string | null }) => [o.status, o.loan_id])).toEqual([
      ["accepted", loan.id],
      ["withdrawn", null],
      ["withdrawn", null],
    ]);
    const written = (await events(tenant)).map((e) => e.type);
    expect(written).toEqual(["loan.decided", "loan.disbursed", "transaction.booked", "transaction.booked"]);
    expect((await api.getLoan(tenant, loan.id)).body).toEqual(loan);
    await sound(tenant);
  });

  it("opens one loan per application: a second accept, of the same or another offer, is a 409; the same key replays", async () => {
    const tenant = "app_lend_twice";
    const me = await api.persona(tenant, "good_credit");
    const application = (await api.apply({ customer_id: me.customerId, amount: gbp("3000.00"), term_months: 24 }, { tenant })).body;
    const key = newKey();
    const first = await api.accept(application.offers[0].id, { disbursement_account_id: me.current.id }, { tenant, key });
    const replay = await api.accept(application.offers[0].id, { disbursement_account_id: me.current.id }, { tenant, key });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(first.body);
    expectProblemShape(
      await api.accept(application.offers[0].id, { disbursement_account_id: me.current.id }, { tenant }),
      409,
      "offer_already_accepted",
    );
    expectProblemShape(
      await api.accept(application.offers[1].id, { disbursement_account_id: me.current.id }, { tenant }),
      409,
      "offer_already_accepted",
    );
    const offerIds = (application.offers as { id: string }[]).map((offer) => offer.id);
    const concurrent = await Promise.all(
      [...offerIds, ...offerIds].map((id) => api.accept(id, { disbursement_account_id: me.current.id }, { tenant })),
    );
    expect(concurrent.every((r) => r.status === 409)).toBe(true);
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(1);
    await sound(tenant);
  });

  it("lets exactly one of many concurrent accepts of an application's offers through", async () => {
    const tenant = "app_lend_race";
    const me = await api.persona(tenant, "good_credit");
    const application = (await api.apply({ customer_id: me.customerId, amount: gbp("3000.00"), term_months: 24 }, { tenant })).body;
    const offerIds = (application.offers as { id: string }[]).map((offer) => offer.id);
    const replies = await Promise.all(
      [...offerIds, ...offerIds, ...offerIds].map((id) => api.accept(id, { disbursement_account_id: me.current.id }, { tenant })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 201)) expectProblemShape(reply, 409, "offer_already_accepted");
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(1);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant, type: "loan" } })).toBe(1);
    await sound(tenant);
  });

  it("refuses an expired offer, an ineligible or unknown account, and another tenant's offer", async () => {
    const tenant = "app_lend_refuse";
    const me = await api.persona(tenant, "good_credit");
    const other = await api.persona(tenant, "small_business");
    const application = (await api.apply({ customer_id: me.customerId, amount: gbp("3000.00"), term_months: 24 }, { tenant })).body;
    const offer = application.offers[0].id;
    const savings = await api.accept(offer, { disbursement_account_id: me.savings.id }, { tenant });
    expectProblemShape(savings, 422, "account_not_eligible");
    expect(savings.body.errors).toEqual([{ pointer: "/body/disbursement_account_id", detail: "must be a current account" }]);
    expectProblemShape(await api.accept(offer, { disbursement_account_id: me.card.id }, { tenant }), 422, "account_not_eligible");
    expectProblemShape(await api.accept(offer, { disbursement_account_id: other.current.id }, { tenant }), 422, "account_not_eligible");
    expectProblemShape(
      await api.accept(offer, { disbursement_account_id: "acc_0000000000000000000000" }, { tenant }),
      404,
      "resource_not_found",
    );
    expectProblemShape(await api.accept(offer, {}, { tenant }), 400, "validation_failed");
    expectProblemShape(
      await api.accept(offer, { disbursement_account_id: me.current.id }, { tenant, key: null }),
      400,
      "idempotency_key_required",
    );
    expectProblemShape(
      await api.accept(offer, { disbursement_account_id: me.current.id }, { tenant: "app_lend_refuse_other" }),
      404,
      "resource_not_found",
    );
    expectProblemShape(
      await api.accept("lof_0000000000000000000000", { disbursement_account_id: me.current.id }, { tenant }),
      404,
      "resource_not_found",
    );

    expect((await api.advance(tenant, 30)).status).toBe(200);
    expectProblemShape(await api.accept(offer, { disbursement_account_id: me.current.id }, { tenant }), 422, "offer_expired");
    const expired = (await bank.get(APPLICATION, `/v1/loans/applications/${application.id}`, { tenant })).body;
    expect(expired.offers.every((o: { status: string }) => o.status === "expired")).toBe(true);
    expect(await t.app.db.bankLoan.count({ where: { tenantId: tenant } })).toBe(0);
    await sound(tenant);
  });

  it("keeps loan accounts out of payments: no payment from or to them, no simulated credit", async () => {
    const tenant = "app_lend_nopay";
    const { me, loan } = await approvedLoan(tenant, "2000.00", 12);
    const from = await api.post(
      "/v1/payments",
      "/v1/payments",
      { debtor_account_id: loan.account_id, amount: gbp("10.00"), creditor: { type: "account", account_id: me.savings.id } },
      { tenant },
    );
    expectProblemShape(from, 400, "validation_failed");
    const to = await api.post(
      "/v1/payments",
      "/v1/payments",
      { debtor_account_id: me.current.id, amount: gbp("10.00"), creditor: { type: "account", account_id: loan.account_id } },
      { tenant },
    );
    expectProblemShape(to, 422, "invalid_beneficiary");
    const simulated = await api.post(
      "/v1/sandbox/transactions",
      "/v1/sandbox/transactions",
      { account_id: loan.account_id, amount: gbp("10.00"), counterparty_name: "Someone" },
      { tenant, key: null },
    );
    expectProblemShape(simulated, 400, "validation_failed");
    await sound(tenant);
  });
});

describe("instalments as the clock moves", { timeout: 60_000 }, () => {
  it("collects a due instalment: principal to the loan account, interest to interest income, events", async () => {
    const tenant = "app_lend_collect";
    const { me, loan, application } = await approvedLoan(tenant);
    const moved = await api.advance(tenant, 30);
    expect(moved.body.effects).toMatchObject({ loan_instalments_paid: 1, loan_instalments_missed: 0 });
    const now = (await api.getLoan(tenant, loan.id)).body;
    expect(now.schedule[0]).toMatchObject({ status: "paid", paid_at: loan.schedule[0].due_at });
    expect(now.outstanding_balance).toEqual(gbp((10000 - Number(loan.schedule[0].principal.amount)).toFixed(2)));
    expect(now.amount_paid).toEqual(gbp("305.22"));
    expect(now.next_instalment.sequence).toBe(2);
    const repayment = await t.app.db.bankPosting.findFirstOrThrow({
      where: { tenantId: tenant, reference: loan.id, kind: "repayment" },
      include: { entries: true },
    });
    expect(repayment.postedAt.toISOString()).toBe(loan.schedule[0].due_at);
    const legs = Object.fromEntries(repayment.entries.map((entry) => [entry.accountId, entry.amount]));
    expect(legs).toEqual({
      [me.current.id]: -30_522n,
      [loan.account_id]: 30_522n - 5_183n,
      [systemAccountId(tenant, "interestIncome")]: 5_183n,
    });
    const lines = await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${me.current.id}/transactions?limit=100`, {
      tenant,
    });
    expect(
      lines.body.data
        .filter((line: { description: string }) => line.description === "LOAN REPAYMENT 1/36")
        .map((line: { amount: unknown; category: string }) => [line.amount, line.category]),
    ).toEqual([[gbp("-305.22"), "loan_repayment"]]);
    const income = await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenant, "interestIncome") } });
    expect(income.bookedBalance).toBe(5_183n);
    const types = (await events(tenant)).map((e) => e.type);
    expect(types.filter((type) => type === "loan.instalment_paid")).toHaveLength(1);
    expect((await api.advance(tenant, 1)).body.effects.loan_instalments_paid).toBe(0);
    // A new application counts the loan's instalment once: from the loan, not again from its statement line.
    const debtBefore = Number(application.assessment.existing_monthly_debt.amount);
    const next = await api.apply({ customer_id: me.customerId, amount: gbp("1000.00"), term_months: 12 }, { tenant });
    expect(Number(next.body.assessment.existing_monthly_debt.amount)).toBeCloseTo(debtBefore + 305.22, 2);
    await sound(tenant);
  });

  it("misses an instalment the account cannot pay (in arrears, event), retries it on the next move, and recovers", async () => {
    const tenant = "app_lend_arrears";
    const { me, loan } = await approvedLoan(tenant, "5000.00", 12);
    // Empty the current account down to its overdraft limit.
    const balances = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${me.current.id}/balances`, { tenant });
    const drain = await api.post(
      "/v1/payments",
      "/v1/payments",
      {
        debtor_account_id: me.current.id,
        amount: gbp(balances.body.available.amount),
        creditor: { type: "account", account_id: me.savings.id },
      },
      { tenant },
    );
    expect(drain.status).toBe(201);
    const missed = await api.advance(tenant, 31);
    expect(missed.body.effects).toMatchObject({ loan_instalments_paid: 0, loan_instalments_missed: 1 });
    const inArrears = (await api.getLoan(tenant, loan.id)).body;
    expect(inArrears.status).toBe("in_arrears");
    expect(inArrears.schedule[0]).toMatchObject({ status: "missed", failed_attempts: 1, paid_at: null });
    const missedEvent = (await events(tenant)).find((e) => e.type === "loan.instalment_missed")!;
    expect(missedEvent.object).toMatchObject({
      loan_id: loan.id,
      kind: "personal_loan",
      reason: "insufficient_funds",
      instalment: { sequence: 1, status: "missed" },
    });
    // A customer in arrears is declined new credit; our own instalments count once (from the loan, not its statement lines).
    const again = await api.apply({ customer_id: me.customerId, amount: gbp("1000.00"), term_months: 12 }, { tenant });
    expect(again.body.reasons.map((r: { code: string }) => r.code)).toContain("existing_arrears");

    expect((await api.advance(tenant, 1)).body.effects.loan_instalments_missed).toBe(1);
    expect((await api.getLoan(tenant, loan.id)).body.schedule[0].failed_attempts).toBe(2);
    await api.post(
      "/v1/sandbox/transactions",
      "/v1/sandbox/transactions",
      { account_id: me.current.id, amount: gbp("2000.00"), counterparty_name: "ACME ANALYTICS LTD", description: "SALARY" },
      { tenant, key: null },
    );
    const recovered = await api.advance(tenant, 1);
    expect(recovered.body.effects).toMatchObject({ loan_instalments_paid: 1, loan_instalments_missed: 0 });
    const after = (await api.getLoan(tenant, loan.id)).body;
    expect(after.status).toBe("active");
    // A retried instalment is booked when it was collected, not when it was due.
    expect(after.schedule[0].paid_at).not.toBe(after.schedule[0].due_at);
    await sound(tenant);
  });

  it("pays the loan off after the last instalment: zero owed, loan.paid_off", async () => {
    const tenant = "app_lend_payoff";
    const { loan } = await approvedLoan(tenant, "1000.00", 12);
    let paid = 0;
    for (let i = 0; i < 5; i++) paid += (await api.advance(tenant, 90)).body.effects.loan_instalments_paid;
    expect(paid).toBe(12);
    const done = (await api.getLoan(tenant, loan.id)).body;
    expect(done).toMatchObject({
      status: "paid_off",
      outstanding_balance: gbp("0.00"),
      next_instalment: null,
      paid_off_at: loan.schedule[11].due_at,
      amount_paid: loan.total_repayable,
    });
    expect(await api.booked(tenant, loan.account_id)).toBe(0);
    const types = (await events(tenant)).map((e) => e.type);
    expect(types.filter((type) => type === "loan.paid_off")).toHaveLength(1);
    const income = await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenant, "interestIncome") } });
    expect(income.bookedBalance).toBe(BigInt(Math.round((Number(loan.total_repayable.amount) - 1000) * 100)));
    await sound(tenant);
  });

  it("is cleared by a sandbox reset", async () => {
    const tenant = "app_lend_reset";
    await approvedLoan(tenant, "2000.00", 12);
    expect((await api.post("/v1/sandbox/reset", "/v1/sandbox/reset", {}, { tenant, key: null })).status).toBe(200);
    for (const model of [t.app.db.bankLoan, t.app.db.bankLoanApplication] as unknown as { count(args: object): Promise<number> }[])
      expect(await model.count({ where: { tenantId: tenant } })).toBe(0);
    expect((await bank.get("/v1/loans", "/v1/loans", { tenant })).body.data).toEqual([]);
    await sound(tenant);
  });
});

describe("POST /v1/loans/{loan_id}/repayments", { timeout: 60_000 }, () => {
  const repay = (tenant: string, loanId: string, body: Record<string, unknown>, key?: string | null) =>
    api.post(`/v1/loans/${loanId}/repayments`, "/v1/loans/{loan_id}/repayments", body, { tenant, key });
  const pence = (money: { amount: string }) => Math.round(Number(money.amount) * 100);

  it("takes an overpayment off the principal and re-amortises the rest over the same months", async () => {
    const tenant = "app_lend_overpay";
    const { me, loan } = await approvedLoan(tenant);
    const before = await api.booked(tenant, me.current.id);
    const reply = await repay(tenant, loan.id, { amount: gbp("2000.00") });
    expect(reply.status).toBe(200);
    const after = reply.body;
    expect(after).toMatchObject({ status: "active", outstanding_balance: gbp("8000.00"), instalment_count: 36 });
    expect(pence(after.instalment_amount)).toBeLessThan(pence(loan.instalment_amount));
    expect(after.schedule.reduce((sum: number, line: { principal: { amount: string } }) => sum + pence(line.principal), 0)).toBe(800_000);
    expect(await api.booked(tenant, me.current.id)).toBe(before - 200_000);
    expect(await api.booked(tenant, loan.account_id)).toBe(-800_000);
    const types = (await events(tenant)).map((e) => e.type);
    expect(types).toContain("loan.overpayment_received");
    // The clock collects the new, smaller instalment.
    expect((await api.advance(tenant, 31)).body.effects.loan_instalments_paid).toBe(1);
    const repayment = await t.app.db.bankPosting.findMany({
      where: { tenantId: tenant, reference: loan.id, kind: "repayment" },
      include: { entries: true },
      orderBy: { postedAt: "asc" },
    });
    expect(repayment.at(-1)!.entries.find((entry) => entry.accountId === me.current.id)!.amount).toBe(
      -BigInt(pence(after.instalment_amount)),
    );
    await sound(tenant);
  });

  it("settles in full with accrued interest, replacing the unpaid instalments by one settlement instalment", async () => {
    const tenant = "app_lend_settle";
    const { loan } = await approvedLoan(tenant, "6000.00", 24);
    await api.advance(tenant, 45);
    const owed = pence((await api.getLoan(tenant, loan.id)).body.outstanding_balance);
    const reply = await repay(tenant, loan.id, {});
    expect(reply.status).toBe(200);
    const done = reply.body;
    expect(done).toMatchObject({ status: "paid_off", outstanding_balance: gbp("0.00"), instalment_count: 2, next_instalment: null });
    const settlement = done.schedule[1];
    expect(settlement).toMatchObject({ sequence: 2, status: "paid", principal: gbp((owed / 100).toFixed(2)) });
    // About 15 days of interest at 6.4 % APR on what was owed.
    const expected = owed * (Math.pow(1.064, 15 / 365.25) - 1);
    expect(Math.abs(pence(settlement.interest) - expected)).toBeLessThan(expected * 0.05 + 2);
    expect(await api.booked(tenant, loan.account_id)).toBe(0);
    expect((await events(tenant)).filter((e) => e.type === "loan.paid_off")).toHaveLength(1);
    expectProblemShape(await repay(tenant, loan.id, {}), 409, "conflict");
    expect((await api.advance(tenant, 31)).body.effects.loan_instalments_paid).toBe(0);
    await sound(tenant);
  });

  it("settles a BNPL plan early, interest-free", async () => {
    const tenant = "app_lend_bnpl_settle";
    const me = await api.persona(tenant, "good_credit");
    const plan = (
      await api.createPlan({ account_id: me.current.id, merchant_name: "Shop", purchase_amount: gbp("200.00"), instalments: 4 }, { tenant })
    ).body;
    const done = (await repay(tenant, plan.id, {})).body;
    expect(done).toMatchObject({ status: "paid_off", amount_paid: gbp("200.00"), instalment_count: 2 });
    expect(done.schedule[1]).toMatchObject({ amount: gbp("150.00"), interest: gbp("0.00") });
    await sound(tenant);
  });

  it("refuses too much, overpaying in arrears, an account that cannot pay, and other tenants' loans", async () => {
    const tenant = "app_lend_repay_bad";
    const { me, loan } = await approvedLoan(tenant, "5000.00", 12);
    const tooMuch = await repay(tenant, loan.id, { amount: gbp("6000.00") });
    expectProblemShape(tooMuch, 400, "validation_failed");
    expect(tooMuch.body.errors[0].pointer).toBe("/body/amount/amount");
    expectProblemShape(await repay(tenant, loan.id, { amount: gbp("0.50") }), 400, "validation_failed");
    expectProblemShape(await repay(tenant, loan.id, { amount: { amount: "10.00", currency: "EUR" } }), 400, "validation_failed");
    expectProblemShape(await repay(tenant, loan.id, {}, null), 400, "idempotency_key_required");
    expectProblemShape(await repay("app_lend_repay_other", loan.id, {}), 404, "resource_not_found");
    expectProblemShape(await repay(tenant, "loan_0000000000000000000000", {}), 404, "resource_not_found");

    const available = (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${me.current.id}/balances`, { tenant })).body
      .available.amount;
    await api.post(
      "/v1/payments",
      "/v1/payments",
      { debtor_account_id: me.current.id, amount: gbp(available), creditor: { type: "account", account_id: me.savings.id } },
      { tenant },
    );
    expectProblemShape(await repay(tenant, loan.id, {}), 422, "insufficient_funds");
    expect((await api.advance(tenant, 31)).body.effects.loan_instalments_missed).toBe(1);
    expectProblemShape(await repay(tenant, loan.id, { amount: gbp("100.00") }), 409, "conflict");
    const unchanged = (await api.getLoan(tenant, loan.id)).body;
    expect(unchanged).toMatchObject({ status: "in_arrears", outstanding_balance: gbp("5000.00"), instalment_count: 12 });
    await sound(tenant);
  });
});

describe("GET /v1/loans and /v1/loans/{loan_id}", { timeout: 30_000 }, () => {
  it("lists newest first with filters and cursor paging; 404s other tenants' loans", async () => {
    const tenant = "app_lend_list";
    const first = await approvedLoan(tenant, "2000.00", 12);
    const second = await approvedLoan(tenant, "3000.00", 24);
    const all = await bank.get("/v1/loans", "/v1/loans", { tenant });
    expect(all.body.data.map((l: { id: string }) => l.id).sort()).toEqual([first.loan.id, second.loan.id].sort());
    const page1 = await bank.get("/v1/loans", "/v1/loans?limit=1", { tenant });
    expect(page1.body.data).toHaveLength(1);
    const page2 = await bank.get("/v1/loans", `/v1/loans?limit=1&cursor=${page1.body.next_cursor}`, { tenant });
    expect(page2.body.next_cursor).toBeNull();
    expect([page1.body.data[0].id, page2.body.data[0].id].sort()).toEqual(all.body.data.map((l: { id: string }) => l.id).sort());
    expect((await bank.get("/v1/loans", "/v1/loans?kind=bnpl", { tenant })).body.data).toEqual([]);
    expect((await bank.get("/v1/loans", "/v1/loans?status=active&kind=personal_loan", { tenant })).body.data).toHaveLength(2);
    expect((await bank.get("/v1/loans", `/v1/loans?customer_id=${first.me.customerId}`, { tenant })).body.data).toHaveLength(2);
    expect((await bank.get("/v1/loans", "/v1/loans?status=paid_off", { tenant })).body.data).toEqual([]);
    expectProblemShape(await bank.get("/v1/loans", "/v1/loans?status=closed", { tenant }), 400, "validation_failed");
    expectProblemShape(
      await bank.get("/v1/loans", `/v1/loans?limit=1&kind=bnpl&cursor=${page1.body.next_cursor}`, { tenant }),
      400,
      "validation_failed",
    );
    expectProblemShape(
      await bank.get("/v1/loans", `/v1/loans?limit=1&cursor=${page1.body.next_cursor}`, { tenant: "app_lend_list_other" }),
      400,
      "validation_failed",
    );
    expect((await bank.get("/v1/loans", "/v1/loans", { tenant: "app_lend_list_other" })).body.data).toEqual([]);

    const foreign = await bank.get("/v1/loans/{loan_id}", `/v1/loans/${first.loan.id}`, { tenant: "app_lend_list_other" });
    const unknown = await bank.get("/v1/loans/{loan_id}", "/v1/loans/loan_0000000000000000000000", { tenant: "app_lend_list_other" });
    expectProblemShape(foreign, 404, "resource_not_found");
    expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
    expectProblemShape(await bank.get("/v1/loans/{loan_id}", "/v1/loans/bad-id!", { tenant }), 400, "validation_failed");
    await sound(tenant);
  });
});
