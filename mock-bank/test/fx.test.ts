import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { convert, quoteFee, quoteRate } from "../src/domain/fx/create-fx-quote";
import { settleDuePayments } from "../src/domain/payments/settle-due-payments";
import { bankClient, buildTestApp, expectProblemShape, type Reply, type TestApp } from "./helpers";

const START = new Date("2026-11-21T10:30:00.000Z");
let clock = START;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const QUOTES = "/v1/fx/quotes";
let keys = 0;

function quote(body: object, options: { tenant?: string; key?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(options.key ? { "idempotency-key": options.key } : {}),
  };
  return bank.request({ method: "POST", url: QUOTES, template: QUOTES, tenant: options.tenant, headers, payload: JSON.stringify(body) });
}
function pay(body: object, tenant: string): Promise<Reply> {
  return bank.request({
    method: "POST",
    url: "/v1/payments",
    template: "/v1/payments",
    tenant,
    headers: { "content-type": "application/json", "idempotency-key": `fx-${++keys}` },
    payload: JSON.stringify(body),
  });
}
async function currentAccount(tenant: string): Promise<string> {
  const list = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as {
    id: string;
    identifiers: Record<string, string>;
  }[];
  return list.find((a) => a.identifiers.account_number === "41825937")!.id;
}
const booked = async (tenant: string, id: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount as string;
const DE_IBAN = "DE89370400440532013000";

describe("FX arithmetic", () => {
  it("uses integer minor units: rate after the spread, conversion across exponents rounded down, fee with a minimum", () => {
    expect(quoteRate("GBP", "EUR")).toBe(1_159_175n); // 1.165 × 0.995
    expect(convert(100_00n, "GBP", "EUR", 1_159_175n)).toBe(115_91n);
    expect(convert(100_00n, "GBP", "JPY", quoteRate("GBP", "JPY"))).toBe(19_054n); // JPY has no minor unit
    expect(quoteFee(100_00n, "GBP")).toBe(2_00n);
    expect(quoteFee(2_000_00n, "GBP")).toBe(5_00n);
  });
});

describe("POST /v1/fx/quotes", () => {
  it("quotes rate, buy amount, fee and a 60-second expiry on the sandbox clock", async () => {
    const reply = await quote({ sell: { amount: "100.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant: "app_fx" });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^fxq_[0-9A-Za-z]{22}$/),
      sell: { amount: "100.00", currency: "GBP" },
      buy: { amount: "115.91", currency: "EUR" },
      rate: "1.159175",
      fee: { amount: "2.00", currency: "GBP" },
      expires_at: new Date(START.getTime() + 60_000).toISOString(),
      created_at: START.toISOString(),
    });
  });

  it("is not a money movement: Sandbox-Scenario insufficient_funds still quotes", async () => {
    const reply = await bank.request({
      method: "POST",
      url: QUOTES,
      template: QUOTES,
      tenant: "app_fx",
      headers: { "content-type": "application/json", "sandbox-scenario": "insufficient_funds" },
      payload: JSON.stringify({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }),
    });
    expect(reply.status).toBe(201);
  });

  it("returns the same quote for a retry with the same Idempotency-Key", async () => {
    const body = { sell: { amount: "50.00", currency: "GBP" }, buy_currency: "USD" };
    const first = await quote(body, { tenant: "app_fx", key: "q-1" });
    const again = await quote(body, { tenant: "app_fx", key: "q-1" });
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expectProblemShape(await quote({ ...body, buy_currency: "EUR" }, { tenant: "app_fx", key: "q-1" }), 422, "idempotency_key_reused");
  });

  it.each([
    ["the same currency twice", { sell: { amount: "10.00", currency: "GBP" }, buy_currency: "GBP" }, "/body/buy_currency"],
    ["an unquoted currency", { sell: { amount: "10.00", currency: "GBP" }, buy_currency: "XYZ" }, "/body/buy_currency"],
    ["an unquoted sell currency", { sell: { amount: "10.00", currency: "XYZ" }, buy_currency: "EUR" }, "/body/sell/currency"],
    ["a zero amount", { sell: { amount: "0", currency: "GBP" }, buy_currency: "EUR" }, "/body/sell/amount"],
    ["too many decimals", { sell: { amount: "1.234", currency: "GBP" }, buy_currency: "EUR" }, "/body/sell/amount"],
    ["a missing buy currency", { sell: { amount: "1.00", currency: "GBP" } }, "/body/buy_currency"],
  ])("refuses %s with 400 validation_failed", async (_name, body, pointer) => {
    const reply = await quote(body, { tenant: "app_fx" });
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});

describe("international payments", () => {
  it("debits the quote's amount plus its fee, stays pending, then settles: the beneficiary gets the quoted amount", async () => {
    const tenant = "app_fx_pay";
    const from = await currentAccount(tenant);
    const q = (await quote({ sell: { amount: "200.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant })).body;
    const reply = await pay(
      {
        debtor_account_id: from,
        scheme: "international",
        quote_id: q.id,
        creditor: { type: "iban", name: "Hans Muster", iban: DE_IBAN },
        reference: "Invoice 7",
      },
      tenant,
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: "pending",
      scheme: "international",
      amount: { amount: "200.00", currency: "GBP" },
      fx: { quote_id: q.id, rate: q.rate, credit_amount: q.buy, fee: { amount: "2.00", currency: "GBP" } },
      creditor: { type: "iban", iban: DE_IBAN, name: "Hans Muster" },
    });
    expect(await booked(tenant, from)).toBe("3640.17"); // 3,842.17 − 200.00 − 2.00
    const settled = await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(START.getTime() + 25 * 3_600_000) });
    expect(settled.completed).toEqual([reply.body.id]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("refuses an expired quote, a used quote, another tenant's quote, and mismatched beneficiaries", async () => {
    const tenant = "app_fx_refuse";
    const from = await currentAccount(tenant);
    const body = (quoteId: string, iban = DE_IBAN) => ({
      debtor_account_id: from,
      scheme: "international",
      quote_id: quoteId,
      creditor: { type: "iban", name: "X", iban },
    });

    const stale = (await quote({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant })).body;
    clock = new Date(START.getTime() + 61_000);
    try {
      expectProblemShape(await pay(body(stale.id), tenant), 422, "quote_expired");
    } finally {
      clock = START;
    }

    const once = (await quote({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant })).body;
    expect((await pay(body(once.id), tenant)).status).toBe(201);
    expectProblemShape(await pay(body(once.id), tenant), 422, "quote_expired");

    const foreign = (await quote({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant: "app_fx_other" })).body;
    expectProblemShape(await pay(body(foreign.id), tenant), 404, "resource_not_found");

    const fresh = (await quote({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant })).body;
    expectProblemShape(await pay(body(fresh.id, "GB29NWBK60161331926819"), tenant), 422, "invalid_beneficiary");
    const eurSeller = (await quote({ sell: { amount: "10.00", currency: "EUR" }, buy_currency: "USD" }, { tenant })).body;
    expectProblemShape(await pay(body(eurSeller.id), tenant), 422, "currency_mismatch");
    const big = (await quote({ sell: { amount: "30000.00", currency: "GBP" }, buy_currency: "EUR" }, { tenant })).body;
    expectProblemShape(await pay(body(big.id), tenant), 422, "limit_exceeded");
    const missing = await pay(
      {
        debtor_account_id: from,
        scheme: "international",
        creditor: { type: "iban", name: "X", iban: DE_IBAN },
        amount: { amount: "1.00", currency: "GBP" },
      },
      tenant,
    );
    expectProblemShape(missing, 400, "validation_failed");
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/amount", "/body/quote_id"]);
    // A refused quote is still unused: it pays once it is valid.
    expect((await pay(body(fresh.id), tenant)).status).toBe(201);
  });
});

describe("contract coverage", () => {
  it("exercised every /v1/fx operation", () => {
    expect(bank.contract.unexercised().filter((operation) => operation.includes(" /v1/fx"))).toEqual([]);
  });
});
