import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardsAvailable } from "../../tests/support/standards-contract";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import {
  accountsOf,
  advanceClock,
  authorise,
  domesticConsent,
  expectObError,
  internationalConsent,
  paymentOf,
  pisClient,
  sandboxNow,
} from "./open-banking-pis-fixture";

/**
 * UK Open Banking 4.0 international payments, priced with the sandbox's FX quotes. Every answer is
 * checked against the official document.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const CURRENT = "41825937";
let t: TestApp;
let pis: ReturnType<typeof pisClient>;

beforeAll(async () => {
  if (!standardsAvailable()) return;
  t = await buildTestApp({ now: () => NOW });
  pis = pisClient(t.app);
});
afterAll(() => t?.close());

const movedBy = async (paymentId: string, accountId: string) => {
  const entries = await t.app.db.bankEntry.findMany({ where: { accountId, posting: { reference: paymentId } } });
  return entries.reduce((sum, entry) => sum + entry.amount, 0n);
};

async function authorised(tenant: string, body: ReturnType<typeof internationalConsent>) {
  const staged = await pis.post("/international-payment-consents", body, { tenant });
  expect(staged.status, JSON.stringify(staged.body)).toBe(201);
  const debtor = (await accountsOf(t.app, tenant))(CURRENT);
  const consentId = staged.body.Data.ConsentId as string;
  const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
  return { staged, consentId, token, debtor };
}

describe.runIf(standardsAvailable())("UK PIS international payments", () => {
  it("prices the consent with a firm FX quote, confirms funds, pays its sell amount and fee, and settles a day later", async () => {
    const tenant = "app_ukpis_intl";
    const body = internationalConsent({ amount: "100.00", currency: "GBP" });
    const { staged, consentId, token, debtor } = await authorised(tenant, body);
    const rate = staged.body.Data.ExchangeRateInformation;
    expect(rate).toMatchObject({
      UnitCurrency: "GBP",
      RateType: "Actual",
      ExchangeRate: 1.159175,
      ExpirationDateTime: staged.body.Data.CutOffDateTime,
    });
    expect(rate.ContractIdentification).toMatch(/^fxq_/);
    expect(staged.body.Data.Charges).toEqual([
      { ChargeBearer: "BorneByDebtor", Type: "UK.OpenBank.FXFee", Amount: { Amount: "2.00", Currency: "GBP" } },
    ]);
    const quote = await t.app.db.bankFxQuote.findUniqueOrThrow({ where: { id: rate.ContractIdentification } });
    expect(quote).toMatchObject({ sellAmount: 10000n, sellCurrency: "GBP", buyCurrency: "EUR", buyAmount: 11591n, usedAt: null });

    const funds = await pis.get(`/international-payment-consents/${consentId}/funds-confirmation`, { tenant, token });
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);

    const paid = await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({ Status: "ACSP", ExchangeRateInformation: rate, Charges: staged.body.Data.Charges });
    const id = paid.body.Data.InternationalPaymentId as string;
    expect(await movedBy(id, debtor.id)).toBe(-10200n);
    expect((await t.app.db.bankFxQuote.findUniqueOrThrow({ where: { id: quote.id } })).usedAt).not.toBeNull();

    const v1 = await t.app.inject({ url: `/v1/payments/${id}`, headers: gatewayHeaders(tenant) });
    expect(v1.json()).toMatchObject({
      scheme: "international",
      status: "pending",
      amount: { amount: "100.00", currency: "GBP" },
      fx: { quote_id: quote.id, credit_amount: { amount: "115.91", currency: "EUR" }, fee: { amount: "2.00", currency: "GBP" } },
      creditor: { type: "iban", iban: "DE89370400440532013000", name: "Hans Muster" },
    });

    await advanceClock(t.app, tenant, { days: 2 });
    expect((await pis.get(`/international-payments/${id}`, { tenant })).body.Data.Status).toBe("ACSC");
    const history = (await pis.get(`/international-payments/${id}/payment-details`, { tenant })).body.Data.PaymentStatus;
    expect(history.map((entry: { Status: string }) => entry.Status)).toEqual(["ACSP", "ACSC"]);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: { startsWith: "payment." } } });
    expect(
      events
        .filter((event) => event.payload.includes(id))
        .map((event) => event.type)
        .sort(),
    ).toEqual(["payment.completed", "payment.created"]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("buys an amount in CurrencyOfTransfer: the debit is priced to deliver at least it", async () => {
    const tenant = "app_ukpis_intl_buy";
    const body = internationalConsent({ amount: "250.00", currency: "EUR", currencyOfTransfer: "EUR" });
    const { consentId, token } = await authorised(tenant, body);
    const paid = await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token });
    const payment = await t.app.db.bankPayment.findUniqueOrThrow({ where: { id: paid.body.Data.InternationalPaymentId } });
    expect(payment.creditCurrency).toBe("EUR");
    expect(payment.creditAmount! >= 25000n && payment.creditAmount! <= 25001n).toBe(true);
    expect(payment.currency).toBe("GBP");
  });

  it("refuses initiations the sandbox cannot price or pay, with the standard's names", async () => {
    const tenant = "app_ukpis_intl_err";
    const cases: [ReturnType<typeof internationalConsent>, string, string][] = [
      [internationalConsent({ currencyOfTransfer: "XAU" }), "UK.OBIE.Unsupported.Currency", "Data.Initiation.CurrencyOfTransfer"],
      [internationalConsent({ currencyOfTransfer: "GBP" }), "UK.OBIE.Unsupported.Currency", "Data.Initiation.CurrencyOfTransfer"],
      [internationalConsent({ currency: "USD" }), "UK.OBIE.Unsupported.Currency", "Data.Initiation.InstructedAmount.Currency"],
      [
        internationalConsent({ creditor: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "UK" } }),
        "UK.OBIE.Unsupported.AccountIdentifier",
        "Data.Initiation.CreditorAccount.SchemeName",
      ],
      [
        internationalConsent({ creditor: { SchemeName: "UK.OBIE.IBAN", Identification: "GB96OBSX99001141825945", Name: "UK" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.CreditorAccount.Identification",
      ],
      [
        internationalConsent({ creditor: { SchemeName: "UK.OBIE.IBAN", Identification: "DE00370400440532013000", Name: "Bad" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.CreditorAccount.Identification",
      ],
      [
        internationalConsent({ rate: { UnitCurrency: "GBP", RateType: "Agreed", ExchangeRate: 1.2, ContractIdentification: "c-1" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.ExchangeRateInformation.RateType",
      ],
      [
        internationalConsent({ rate: { UnitCurrency: "GBP", RateType: "Actual", ExchangeRate: 1.2 } }),
        "UK.OBIE.Field.Unexpected",
        "Data.Initiation.ExchangeRateInformation.ExchangeRate",
      ],
      [internationalConsent({ chargeBearer: "Shared" }), "UK.OBIE.Field.Invalid", "Data.Initiation.ChargeBearer"],
      [internationalConsent({ amount: "30000.00" }), "UK.OBIE.Field.Invalid", "Data.Initiation.InstructedAmount.Amount"],
    ];
    for (const [body, name, path] of cases) {
      const refused = await pis.post("/international-payment-consents", body, { tenant });
      expectObError(refused, 400, name);
      expect(refused.body.Errors[0].Path).toBe(path);
    }
    const indicative = await pis.post(
      "/international-payment-consents",
      internationalConsent({ rate: { UnitCurrency: "GBP", RateType: "Indicative" } }),
      { tenant },
    );
    expect(indicative.status).toBe(201);
    expect(indicative.body.Data.ExchangeRateInformation.RateType).toBe("Indicative");
  });

  it("refuses to pay once the consent's cut-off (and its quote) has passed", async () => {
    const tenant = "app_ukpis_intl_late";
    const now = await sandboxNow(t.app, tenant);
    const body = internationalConsent({ completionDateTime: new Date(now.getTime() + 10 * 60_000).toISOString() });
    const { staged, consentId, token } = await authorised(tenant, body);
    expect(staged.body.Data.CutOffDateTime).toBe(new Date(now.getTime() + 10 * 60_000).toISOString());
    await advanceClock(t.app, tenant, { until: new Date(now.getTime() + 15 * 60_000).toISOString() });
    expectObError(
      await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(0);
  });

  it("keeps international and domestic consents apart, and a paid consent paid once", async () => {
    const tenant = "app_ukpis_intl_sec";
    const body = internationalConsent({ amount: "10.00" });
    const { consentId, token } = await authorised(tenant, body);
    expectObError(await pis.get(`/domestic-payment-consents/${consentId}`, { tenant }), 400, "UK.OBIE.Resource.NotFound");
    expectObError(
      await pis.post("/domestic-payments", paymentOf(consentId, domesticConsent()), { tenant, token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    const changed = structuredClone(body);
    changed.Data.Initiation.CurrencyOfTransfer = "USD";
    expectObError(
      await pis.post("/international-payments", paymentOf(consentId, changed), { tenant, token }),
      400,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    const key = "intl-once";
    const paid = await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token, key });
    expect(paid.status).toBe(201);
    const replay = await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token, key });
    expect(replay.raw).toBe(paid.raw);
    expectObError(
      await pis.post("/international-payments", paymentOf(consentId, body), { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    expectObError(
      await pis.get(`/international-payments/${paid.body.Data.InternationalPaymentId}`, { tenant: "app_ukpis_intl_x" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(1);
  });
});

describe.runIf(standardsAvailable())("UK PIS international scheduled payments", () => {
  const scheduledBody = (at: Date, overrides: Parameters<typeof internationalConsent>[0] = {}) => {
    const body = internationalConsent(overrides);
    return {
      Data: {
        Permission: "Create" as const,
        ...body.Data,
        Initiation: { ...body.Data.Initiation, RequestedExecutionDateTime: at.toISOString() },
      },
      Risk: body.Risk,
    };
  };

  it("prices at staging, waits for its date (PDNG), then pays the quote and settles a day later", async () => {
    const tenant = "app_ukpis_isched";
    const at = new Date((await sandboxNow(t.app, tenant)).getTime() + 3 * 86_400_000);
    const body = scheduledBody(at, { amount: "50.00" });
    const staged = await pis.post("/international-scheduled-payment-consents", body, { tenant });
    expect(staged.status, JSON.stringify(staged.body)).toBe(201);
    expect(staged.body.Data).toMatchObject({ Status: "AWAU", Permission: "Create", ExpectedExecutionDateTime: at.toISOString() });
    expect(staged.body.Data.ExchangeRateInformation.ContractIdentification).toMatch(/^fxq_/);
    const consentId = staged.body.Data.ConsentId;
    const debtor = (await accountsOf(t.app, tenant))(CURRENT);
    const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
    const funds = await pis.get(`/international-scheduled-payment-consents/${consentId}/funds-confirmation`, { tenant, token });
    expect(funds.body.Data.FundsAvailableResult.FundsAvailable).toBe(true);
    const paid = await pis.post("/international-scheduled-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({ Status: "PDNG", ExpectedExecutionDateTime: at.toISOString() });
    const id = paid.body.Data.InternationalScheduledPaymentId as string;
    expect(await movedBy(id, debtor.id)).toBe(0n);
    expect((await pis.get(`/international-scheduled-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("COND");

    await advanceClock(t.app, tenant, { days: 3 });
    const executed = await pis.get(`/international-scheduled-payments/${id}`, { tenant });
    expect(executed.body.Data.Status).toBe("ACSP");
    expect(await movedBy(id, debtor.id)).toBe(-(5000n + 200n));
    await advanceClock(t.app, tenant, { days: 2 });
    expect((await pis.get(`/international-scheduled-payments/${id}`, { tenant })).body.Data.Status).toBe("ACSC");
    const history = (await pis.get(`/international-scheduled-payments/${id}/payment-details`, { tenant })).body.Data.PaymentStatus;
    expect(history.map((entry: { Status: string }) => entry.Status)).toEqual(["PDNG", "ACSP", "ACSC"]);
    const v1 = await t.app.inject({ url: `/v1/payments/${id}`, headers: gatewayHeaders(tenant) });
    expect(v1.json()).toMatchObject({
      status: "completed",
      scheme: "international",
      fx: { quote_id: staged.body.Data.ExchangeRateInformation.ContractIdentification },
    });
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("refuses dates in the past, and keeps scheduled and immediate international consents apart", async () => {
    const tenant = "app_ukpis_isched_err";
    const now = await sandboxNow(t.app, tenant);
    expectObError(
      await pis.post("/international-scheduled-payment-consents", scheduledBody(new Date(now.getTime() - 1000)), { tenant }),
      400,
      "UK.OBIE.Field.InvalidDate",
    );
    const body = scheduledBody(new Date(now.getTime() + 86_400_000));
    const staged = await pis.post("/international-scheduled-payment-consents", body, { tenant });
    const consentId = staged.body.Data.ConsentId;
    expectObError(await pis.get(`/international-payment-consents/${consentId}`, { tenant }), 400, "UK.OBIE.Resource.NotFound");
    const token = await authorise(t.app, { tenant, consentId, accountId: (await accountsOf(t.app, tenant))(CURRENT).id });
    expectObError(
      await pis.post("/international-payments", paymentOf(consentId, internationalConsent()), { tenant, token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
  });
});

describe.runIf(standardsAvailable())("UK PIS: what is not offered", () => {
  it("answers the standing-order endpoints 404 with no body, as the profile asks of an endpoint not implemented", async () => {
    const tenant = "app_ukpis_none";
    for (const [method, path] of [
      ["POST", "/domestic-standing-order-consents"],
      ["GET", "/domestic-standing-order-consents/cns_x"],
      ["POST", "/domestic-standing-orders"],
      ["GET", "/domestic-standing-orders/x"],
      ["GET", "/domestic-standing-orders/x/payment-details"],
      ["POST", "/international-standing-order-consents"],
      ["GET", "/international-standing-order-consents/cns_x"],
      ["POST", "/international-standing-orders"],
      ["GET", "/international-standing-orders/x"],
      ["GET", "/international-standing-orders/x/payment-details"],
    ] as const) {
      const reply = await pis.call(method, path, { tenant, ...(method === "POST" ? { body: {} } : {}) });
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.raw).toBe("");
    }
  });
});
