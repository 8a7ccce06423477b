import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem, loadContract } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";

/**
 * Lending through the real gateway: a developer applies for a loan for two personas (one
 * approved as asked, one approved for less), accepts an offer, watches an instalment post as
 * the sandbox clock moves, and splits a purchase with buy-now-pay-later; another app sees
 * none of it. Every response is checked against the published contract.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
let key: string;
let otherKey: string;
const people: Record<string, { customerId: string; current: string }> = {};

type Json = Record<string, unknown>;

function post(path: string, body: unknown, apiKey = key, idempotencyKey: string | null = randomUUID()) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return sandbox(portalUrl, apiKey, path, { method: "POST", headers, body: JSON.stringify(body) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function valid(response: Response, method: string, template: string): Promise<any> {
  const body = await response.json();
  contract.expectValid(method, template, response, body);
  return body;
}

beforeAll(async () => {
  const [a, b] = await Promise.all([PortalClient.newDeveloper(portalUrl, "Lena"), PortalClient.newDeveloper(portalUrl, "Otto")]);
  [key, otherKey] = await Promise.all([
    a.client.createApp("Lending app").then((app) => app.secret),
    b.client.createApp("Other app").then((app) => app.secret),
  ]);
  const customers = await valid(await sandbox(portalUrl, key, "/v1/customers?limit=100"), "get", "/v1/customers");
  const accounts = await valid(await sandbox(portalUrl, key, "/v1/accounts?type=current&limit=100"), "get", "/v1/accounts");
  for (const persona of ["good_credit", "overdrawn"]) {
    const customer = customers.data.find((c: Json) => c.persona === persona);
    people[persona] = { customerId: customer.id, current: accounts.data.find((account: Json) => account.customer_id === customer.id).id };
  }
});

describe("personal loans through the gateway", () => {
  let loanId: string;

  it("decides applications from the persona's data: approved as asked, approved for less", async () => {
    const asked = await post("/v1/loans/applications", {
      customer_id: people.good_credit.customerId,
      amount: { amount: "3000.00", currency: "GBP" },
      term_months: 12,
    });
    expect(asked.status).toBe(201);
    const good = await valid(asked, "post", "/v1/loans/applications");
    expect(good).toMatchObject({ decision: "approved", reasons: [], assessment: { credit_score: 812, score_band: "excellent" } });
    expect(good.offers[0]).toMatchObject({
      amount: { amount: "3000.00", currency: "GBP" },
      term_months: 12,
      apr: "6.40",
      status: "available",
    });
    const fetched = await valid(
      await sandbox(portalUrl, key, `/v1/loans/applications/${good.id}`),
      "get",
      "/v1/loans/applications/{application_id}",
    );
    expect(fetched).toEqual(good);

    const less = await valid(
      await post("/v1/loans/applications", {
        customer_id: people.overdrawn.customerId,
        amount: { amount: "10000.00", currency: "GBP" },
        term_months: 36,
      }),
      "post",
      "/v1/loans/applications",
    );
    expect(less.decision).toBe("approved");
    expect(less.reasons.map((r: Json) => r.code)).toEqual(["amount_above_band_limit"]);
    expect(less.offers[0].amount.amount).toBe("4800.00");

    const loan = await valid(
      await post(`/v1/loans/offers/${good.offers[0].id}/accept`, { disbursement_account_id: people.good_credit.current }),
      "post",
      "/v1/loans/offers/{offer_id}/accept",
    );
    expect(loan).toMatchObject({
      kind: "personal_loan",
      status: "active",
      principal: { amount: "3000.00" },
      outstanding_balance: { amount: "3000.00" },
      instalment_count: 12,
    });
    expect(loan.schedule).toHaveLength(12);
    loanId = loan.id;
    await expectProblem(
      await post(`/v1/loans/offers/${good.offers[1].id}/accept`, { disbursement_account_id: people.good_credit.current }),
      409,
      "offer_already_accepted",
    );
  });

  it("collects the first instalment when the sandbox clock passes its due date", async () => {
    const moved = await valid(await post("/v1/sandbox/clock/advance", { days: 31 }, key, null), "post", "/v1/sandbox/clock/advance");
    expect(moved.effects).toMatchObject({ loan_instalments_paid: 1, loan_instalments_missed: 0 });
    const loan = await valid(await sandbox(portalUrl, key, `/v1/loans/${loanId}`), "get", "/v1/loans/{loan_id}");
    expect(loan.schedule[0].status).toBe("paid");
    expect(Number(loan.outstanding_balance.amount)).toBeLessThan(3000);
    const list = await valid(await sandbox(portalUrl, key, "/v1/loans?kind=personal_loan&limit=10"), "get", "/v1/loans");
    expect(list.data.map((l: Json) => l.id)).toEqual([loanId]);
  });

  it("takes an overpayment, then settles the loan early", async () => {
    const over = await valid(
      await post(`/v1/loans/${loanId}/repayments`, { amount: { amount: "500.00", currency: "GBP" } }),
      "post",
      "/v1/loans/{loan_id}/repayments",
    );
    expect(over.status).toBe("active");
    const settled = await valid(await post(`/v1/loans/${loanId}/repayments`, {}), "post", "/v1/loans/{loan_id}/repayments");
    expect(settled).toMatchObject({ status: "paid_off", outstanding_balance: { amount: "0.00" }, next_instalment: null });
    await expectProblem(await post(`/v1/loans/${loanId}/repayments`, {}), 409, "conflict");
  });

  it("refuses bad requests with problems and pointers", async () => {
    await expectProblem(
      await post(`/v1/loans/offers/lof_0000000000000000000000/accept`, { disbursement_account_id: people.good_credit.current }, key, null),
      400,
      "idempotency_key_required",
    );
    const problem = await expectProblem(
      await post("/v1/loans/applications", {
        customer_id: people.good_credit.customerId,
        amount: { amount: "50.00", currency: "GBP" },
        term_months: 99,
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors.map((e) => e.pointer)).toContain("/body/term_months");
  });
});

describe("buy-now-pay-later through the gateway", () => {
  it("creates a plan, collects the first instalment, lists and gets it; declines over the limit", async () => {
    const created = await post("/v1/bnpl/plans", {
      account_id: people.overdrawn.current,
      merchant_name: "Northwind Furniture",
      purchase_amount: { amount: "120.00", currency: "GBP" },
      instalments: 4,
    });
    expect(created.status).toBe(201);
    const plan = await valid(created, "post", "/v1/bnpl/plans");
    expect(plan).toMatchObject({
      kind: "bnpl",
      apr: "0.00",
      amount_paid: { amount: "30.00" },
      outstanding_balance: { amount: "90.00" },
      merchant_name: "Northwind Furniture",
    });
    const list = await valid(await sandbox(portalUrl, key, "/v1/bnpl/plans"), "get", "/v1/bnpl/plans");
    expect(list.data.map((p: Json) => p.id)).toEqual([plan.id]);
    expect((await valid(await sandbox(portalUrl, key, `/v1/bnpl/plans/${plan.id}`), "get", "/v1/bnpl/plans/{plan_id}")).id).toBe(plan.id);
    const declined = await expectProblem(
      await post("/v1/bnpl/plans", {
        account_id: people.overdrawn.current,
        merchant_name: "Big Telly Co",
        purchase_amount: { amount: "450.00", currency: "GBP" },
      }),
      422,
      "bnpl_declined",
    );
    expect(declined.detail).toMatch(/^over_plan_limit/);

    // Another app's sandbox has none of it.
    await expectProblem(await sandbox(portalUrl, otherKey, `/v1/bnpl/plans/${plan.id}`), 404, "resource_not_found");
    const theirs = await valid(await sandbox(portalUrl, otherKey, "/v1/loans"), "get", "/v1/loans");
    expect(theirs.data).toEqual([]);
  });

  it("has exercised every lending operation", () => {
    const mine = contract.validator
      .unexercised()
      .filter((operation) => operation.includes(" /v1/loans") || operation.includes(" /v1/bnpl"));
    expect(mine).toEqual([]);
  });
});
