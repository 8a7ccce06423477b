import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem, loadContract } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";

/**
 * Deposit products, investments, travel insurance and card rewards through the real gateway:
 * a developer browses the catalogues, opens a funded bond, buys and cancels a policy, redeems
 * reward points, and never reaches another app's resources. Every response is checked
 * against the contract.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
let key: string;
let otherKey: string;

beforeAll(async () => {
  const [a, b] = await Promise.all([PortalClient.newDeveloper(portalUrl, "Gwen"), PortalClient.newDeveloper(portalUrl, "Hal")]);
  [key, otherKey] = await Promise.all([
    a.client.createApp("Products app").then((app) => app.secret),
    b.client.createApp("Other products app").then((app) => app.secret),
  ]);
});

function post(path: string, body: unknown, apiKey = key, idempotencyKey: string | null = randomUUID()) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return sandbox(portalUrl, apiKey, path, { method: "POST", headers, body: JSON.stringify(body) });
}

async function valid(response: Response, method: string, template: string) {
  const body = await response.json();
  contract.expectValid(method, template, response, body);
  return body;
}

type Account = { id: string; customer_id: string; type: string; identifiers: { account_number?: string; masked_pan?: string } };

async function accounts(apiKey = key): Promise<Account[]> {
  return (await valid(await sandbox(portalUrl, apiKey, "/v1/accounts?limit=100"), "get", "/v1/accounts")).data;
}

const gbp = (amount: string) => ({ amount, currency: "GBP" });

describe("deposit products through the gateway", () => {
  it("lists and reads products, and opens a fixed-term bond funded from the current account", async () => {
    const list = await valid(await sandbox(portalUrl, key, "/v1/products?type=fixed_term"), "get", "/v1/products");
    expect(list.data.map((p: { id: string }) => p.id)).toEqual(["fixed_term_1y", "fixed_term_2y"]);
    const product = await valid(await sandbox(portalUrl, key, "/v1/products/fixed_term_1y"), "get", "/v1/products/{product_id}");
    expect(product.aer).toBe("4.50");
    await expectProblem(await sandbox(portalUrl, key, "/v1/products/nope"), 404, "resource_not_found");

    const current = (await accounts()).find((a) => a.identifiers.account_number === "41825937")!;
    const opened = await post("/v1/accounts", {
      customer_id: current.customer_id,
      product_id: "fixed_term_1y",
      initial_deposit: gbp("1500.00"),
      funding_account_id: current.id,
    });
    expect(opened.status).toBe(201);
    const bond = await valid(opened, "post", "/v1/accounts");
    expect(bond).toMatchObject({
      type: "fixed_term",
      product_id: "fixed_term_1y",
      matures_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const out = await post("/v1/payments", {
      debtor_account_id: bond.id,
      amount: gbp("1.00"),
      creditor: { type: "account", account_id: current.id },
    });
    await expectProblem(out, 422, "early_withdrawal_not_allowed");
    // Another app cannot fund from this app's account.
    const theirs = (await accounts(otherKey)).find((a) => a.identifiers.account_number === "41825937")!;
    await expectProblem(
      await post(
        "/v1/accounts",
        { customer_id: theirs.customer_id, product_id: "fixed_term_1y", initial_deposit: gbp("1500.00"), funding_account_id: current.id },
        otherKey,
      ),
      404,
      "resource_not_found",
    );
  });
});

describe("investments through the gateway", () => {
  it("lists funds, reads one and recommends a projected portfolio (riskProfile alias too)", async () => {
    const funds = await valid(await sandbox(portalUrl, key, "/v1/investments/funds?risk_level=1"), "get", "/v1/investments/funds");
    expect(funds.data.map((f: { id: string }) => f.id)).toEqual(["fund_sterling_liquidity"]);
    const fund = await valid(
      await sandbox(portalUrl, key, "/v1/investments/funds/fund_emerging_markets"),
      "get",
      "/v1/investments/funds/{fund_id}",
    );
    expect(fund.risk_level).toBe(6);
    const recommendation = await valid(
      await sandbox(portalUrl, key, "/v1/investments/recommendations?riskProfile=balanced&amount=25000&horizon_years=15"),
      "get",
      "/v1/investments/recommendations",
    );
    expect(recommendation.holdings.reduce((sum: number, h: { weight_percent: number }) => sum + h.weight_percent, 0)).toBe(100);
    expect(recommendation.projection.horizon_years).toBe(15);
    const bad = await expectProblem(
      await sandbox(portalUrl, key, "/v1/investments/recommendations?risk_profile=yolo"),
      400,
      "validation_failed",
    );
    expect(bad.errors?.[0].pointer).toBe("/query/risk_profile");
  });
});

describe("travel insurance through the gateway", () => {
  it("quotes, buys from an account, lists, reads and cancels a policy with a refund", async () => {
    const current = (await accounts()).find((a) => a.identifiers.account_number === "41825937")!;
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 36 * 86_400_000).toISOString().slice(0, 10);
    const quoted = await post(
      "/v1/insurance/quotes",
      {
        customer_id: current.customer_id,
        trip_type: "single_trip",
        destination: "worldwide",
        start_date: start,
        end_date: end,
        travellers: [{ age: 52 }],
        cover_level: "essential",
      },
      key,
      null,
    );
    expect(quoted.status).toBe(201);
    const quote = await valid(quoted, "post", "/v1/insurance/quotes");
    expect(
      (await valid(await sandbox(portalUrl, key, `/v1/insurance/quotes/${quote.id}`), "get", "/v1/insurance/quotes/{quote_id}")).status,
    ).toBe("open");
    await expectProblem(await sandbox(portalUrl, otherKey, `/v1/insurance/quotes/${quote.id}`), 404, "resource_not_found");

    const bought = await post("/v1/insurance/policies", { quote_id: quote.id, account_id: current.id });
    expect(bought.status).toBe(201);
    const policy = await valid(bought, "post", "/v1/insurance/policies");
    expect(policy.premium).toEqual(quote.premium.total);
    await expectProblem(await post("/v1/insurance/policies", { quote_id: quote.id, account_id: current.id }), 422, "insurance_quote_used");
    const list = await valid(
      await sandbox(portalUrl, key, `/v1/insurance/policies?customer_id=${current.customer_id}`),
      "get",
      "/v1/insurance/policies",
    );
    expect(list.data.map((p: { id: string }) => p.id)).toContain(policy.id);
    await valid(await sandbox(portalUrl, key, `/v1/insurance/policies/${policy.id}`), "get", "/v1/insurance/policies/{policy_id}");
    await expectProblem(await sandbox(portalUrl, otherKey, `/v1/insurance/policies/${policy.id}`), 404, "resource_not_found");

    const cancelled = await valid(
      await post(`/v1/insurance/policies/${policy.id}/cancel`, {}),
      "post",
      "/v1/insurance/policies/{policy_id}/cancel",
    );
    expect(cancelled).toMatchObject({ status: "cancelled", refund: policy.premium });
    const declined = await post(
      "/v1/insurance/quotes",
      {
        customer_id: current.customer_id,
        trip_type: "single_trip",
        destination: "europe",
        start_date: start,
        end_date: end,
        travellers: [{ age: 85 }],
        cover_level: "essential",
      },
      key,
      null,
    );
    await expectProblem(declined, 422, "insurance_declined");
  });
});

describe("card rewards through the gateway", () => {
  it("shows a card's points and redeems some as cashback", async () => {
    const card = (await accounts()).find((a) => a.identifiers.masked_pan?.endsWith("4821"))!;
    const rewards = await valid(
      await sandbox(portalUrl, key, `/v1/accounts/${card.id}/rewards`),
      "get",
      "/v1/accounts/{account_id}/rewards",
    );
    expect(rewards.points_balance).toBeGreaterThanOrEqual(500);
    const redeemed = await post(`/v1/accounts/${card.id}/rewards/redemptions`, { points: 500 });
    expect(redeemed.status).toBe(201);
    expect((await valid(redeemed, "post", "/v1/accounts/{account_id}/rewards/redemptions")).cashback).toEqual(gbp("2.50"));
    await expectProblem(await sandbox(portalUrl, otherKey, `/v1/accounts/${card.id}/rewards`), 404, "resource_not_found");
    const current = (await accounts()).find((a) => a.type === "current")!;
    await expectProblem(await sandbox(portalUrl, key, `/v1/accounts/${current.id}/rewards`), 422, "account_not_eligible");
  });

  it("has exercised every products, investments, insurance and rewards operation", () => {
    const mine = contract.validator.unexercised().filter((operation) => /\/v1\/(products|investments|insurance)|\/rewards/.test(operation));
    expect(mine).toEqual([]);
  });
});
