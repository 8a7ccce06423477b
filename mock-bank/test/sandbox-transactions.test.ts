import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const SIMULATE = "/v1/sandbox/transactions";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

type Account = { id: string; type: string; status: string; identifiers: { account_number?: string } };

async function accounts(tenant: string): Promise<Account[]> {
  return (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data;
}

const simulate = (tenant: string, body: unknown, headers: Record<string, string> = {}) =>
  bank.request({
    method: "POST",
    url: SIMULATE,
    template: SIMULATE,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

const booked = async (tenant: string, id: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount as string;

describe("POST /v1/sandbox/transactions", { timeout: 30_000 }, () => {
  it("credits the account at once on the sandbox's clock: 201 transaction, balance up, in the list, ledger sound", async () => {
    const tenant = "app_income";
    const current = (await accounts(tenant)).find((a) => a.identifiers.account_number === "41825937")!;
    await bank.request({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      template: "/v1/sandbox/clock/advance",
      tenant,
      payload: '{"days":2}',
      headers: { "content-type": "application/json" },
    });
    const before = await booked(tenant, current.id);
    const reply = await simulate(tenant, {
      account_id: current.id,
      amount: { amount: "250.5", currency: "GBP" },
      counterparty_name: "ACME ANALYTICS LTD",
      description: "BONUS",
      category: "salary",
    });
    expect(reply.status).toBe(201);
    const at = new Date(NOW.getTime() + 2 * 86_400_000).toISOString();
    expect(reply.body).toMatchObject({
      account_id: current.id,
      amount: { amount: "250.50", currency: "GBP" },
      status: "booked",
      description: "ACME ANALYTICS LTD BONUS",
      merchant: null,
      category: "salary",
      channel: "faster_payment",
      transacted_at: at,
      booked_at: at,
    });
    expect(reply.body.id).toMatch(/^txn_/);
    expect(Number(await booked(tenant, current.id))).toBeCloseTo(Number(before) + 250.5, 2);
    const list = await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${current.id}/transactions?limit=1`, { tenant });
    expect(list.body.data[0]).toEqual(reply.body);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "transaction.booked" } });
    expect(events.map((event) => JSON.parse(event.payload).object).filter((object) => object.id === reply.body.id)).toEqual([reply.body]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("defaults the category, and credits savings and card accounts too", async () => {
    const others = (await accounts("app_income")).filter((a) => a.type !== "current" && a.status === "active");
    expect(new Set(others.map((a) => a.type))).toEqual(new Set(["savings", "credit_card"]));
    for (const account of [others.find((a) => a.type === "savings")!, others.find((a) => a.type === "credit_card")!]) {
      const reply = await simulate("app_income", {
        account_id: account.id,
        amount: { amount: "10.00", currency: "GBP" },
        counterparty_name: "J SMITH",
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ description: "J SMITH", category: "incoming_payment" });
    }
  });

  it("refuses a frozen account (422 account_frozen) and another currency (422 currency_mismatch)", async () => {
    const frozen = (await accounts("app_income")).find((a) => a.status === "frozen")!;
    expectProblemShape(
      await simulate("app_income", { account_id: frozen.id, amount: { amount: "1.00", currency: "GBP" }, counterparty_name: "X" }),
      422,
      "account_frozen",
    );
    const active = (await accounts("app_income")).find((a) => a.status === "active")!;
    const euros = await simulate("app_income", {
      account_id: active.id,
      amount: { amount: "1.00", currency: "EUR" },
      counterparty_name: "X",
    });
    expectProblemShape(euros, 422, "currency_mismatch");
    expect(euros.body.errors).toEqual([{ pointer: "/body/amount/currency", detail: expect.any(String) }]);
  });

  it("answers 404 for an unknown account and for another tenant's account", async () => {
    const mine = (await accounts("app_income"))[0];
    expectProblemShape(
      await simulate("app_other", { account_id: mine.id, amount: { amount: "1.00", currency: "GBP" }, counterparty_name: "X" }),
      404,
      "resource_not_found",
    );
    expectProblemShape(
      await simulate("app_income", {
        account_id: "acc_0000000000000000000000",
        amount: { amount: "1.00", currency: "GBP" },
        counterparty_name: "X",
      }),
      404,
      "resource_not_found",
    );
  });

  it.each([
    ["a negative amount", { amount: { amount: "-5.00", currency: "GBP" } }, "/body/amount/amount"],
    ["a zero amount", { amount: { amount: "0.00", currency: "GBP" } }, "/body/amount/amount"],
    ["three decimals", { amount: { amount: "1.005", currency: "GBP" } }, "/body/amount/amount"],
    ["exponent notation", { amount: { amount: "1e3", currency: "GBP" } }, "/body/amount/amount"],
    ["more than a million", { amount: { amount: "1000000.01", currency: "GBP" } }, "/body/amount/amount"],
    ["an amount as a number", { amount: { amount: 5, currency: "GBP" } }, "/body/amount/amount"],
    ["a lowercase currency", { amount: { amount: "5.00", currency: "gbp" } }, "/body/amount/currency"],
    ["an empty counterparty", { counterparty_name: "  " }, "/body/counterparty_name"],
    ["a long description", { description: "x".repeat(71) }, "/body/description"],
    ["a category with spaces", { category: "big money" }, "/body/category"],
    ["an unknown field", { memo: "hi" }, "/body/memo"],
  ])("refuses %s with 400 and a pointer", async (_name, change, pointer) => {
    const account = (await accounts("app_income")).find((a) => a.type === "savings")!;
    const body = { account_id: account.id, amount: { amount: "5.00", currency: "GBP" }, counterparty_name: "J SMITH", ...change };
    const reply = await simulate("app_income", body);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("is not a money-moving call for insufficient_funds, but honours failures", async () => {
    const account = (await accounts("app_income")).find((a) => a.type === "savings")!;
    const body = { account_id: account.id, amount: { amount: "1.00", currency: "GBP" }, counterparty_name: "X" };
    expect((await simulate("app_income", body, { "sandbox-scenario": "insufficient_funds" })).status).toBe(201);
    expectProblemShape(await simulate("app_income", body, { "sandbox-scenario": "internal_error" }), 500, "internal_error");
  });

  it("is undone by a reset", async () => {
    const account = (await accounts("app_undo")).find((a) => a.type === "savings")!;
    const before = await booked("app_undo", account.id);
    const { body } = await simulate("app_undo", {
      account_id: account.id,
      amount: { amount: "99.00", currency: "GBP" },
      counterparty_name: "X",
    });
    await bank.request({ method: "POST", url: "/v1/sandbox/reset", template: "/v1/sandbox/reset", tenant: "app_undo" });
    expect(await booked("app_undo", account.id)).toBe(before);
    expect(await t.app.db.bankTransaction.count({ where: { id: body.id } })).toBe(0);
  });

  it("refuses a call without the internal secret", async () => {
    const reply = await bank.request({
      method: "POST",
      url: SIMULATE,
      template: SIMULATE,
      tenant: null,
      headers: { "x-tenant-id": "app_income", "content-type": "application/json" },
      payload: "{}",
    });
    expectProblemShape(reply, 403, "internal_auth_failed");
  });
});
