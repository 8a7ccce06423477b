import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardsAvailable } from "../../tests/support/standards-contract";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import { authoriseStandardConsent } from "./oauth-fixture";
import {
  accountsOf,
  authorise,
  clientCredentials,
  domesticConsent,
  expectObError,
  paymentOf,
  pisClient,
  type ObReply,
} from "./open-banking-pis-fixture";

/**
 * UK Open Banking 4.0 Payment Initiation: domestic payments, in process. Every answer is checked
 * against the official document (uk-ob-payment-initiation-4.0.yaml) by the client.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let pis: ReturnType<typeof pisClient>;

beforeAll(async () => {
  if (!standardsAvailable()) return;
  t = await buildTestApp({ now: () => NOW });
  pis = pisClient(t.app);
});
afterAll(() => t?.close());

// good_credit: current 990011 41825937 (3,842.17, overdraft 1,500), savings 990011 41825945; frozen_account current 96341702.
const CURRENT = "41825937";
const SAVINGS = "41825945";
const FROZEN = "96341702";

const bookedPence = async (accountId: string) => (await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: accountId } })).bookedBalance;

/** Stages a consent as the app, authorises it for the debtor account, returns both sides. */
async function authorisedConsent(tenant: string, debtorNumber = CURRENT, body = domesticConsent()) {
  const staged = await pis.post("/domestic-payment-consents", body, { tenant });
  expect(staged.status, JSON.stringify(staged.body)).toBe(201);
  const accounts = await accountsOf(t.app, tenant);
  const token = await authorise(t.app, { tenant, consentId: staged.body.Data.ConsentId, accountId: accounts(debtorNumber).id });
  return { consentId: staged.body.Data.ConsentId as string, token, body, debtor: accounts(debtorNumber) };
}

describe.runIf(standardsAvailable())("UK PIS domestic payments: happy paths", () => {
  it("stages a consent (AWAU), reads it back, confirms funds, pays it (ACCC/ACSC), and the consent is consumed", async () => {
    const tenant = "app_ukpis_happy";
    const body = domesticConsent({ amount: "165.88" });
    const staged = await pis.post("/domestic-payment-consents", body, { tenant });
    expect(staged.status).toBe(201);
    expect(staged.headers["x-fapi-interaction-id"]).toBeTruthy();
    expect(staged.headers["x-jws-signature"]).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(staged.body.Data).toMatchObject({ Status: "AWAU", Initiation: body.Data.Initiation, CreationDateTime: NOW.toISOString() });
    expect(staged.body.Data.ConsentId).toMatch(/^cns_/);
    expect(staged.body.Risk).toEqual(body.Risk);
    expect(staged.body.Links.Self).toBe(
      `http://portal.test/open-banking/v4.0/pisp/domestic-payment-consents/${staged.body.Data.ConsentId}`,
    );
    const consentId = staged.body.Data.ConsentId;

    const read = await pis.get(`/domestic-payment-consents/${consentId}`, { tenant });
    expect(read.status).toBe(200);
    expect(read.body.Data.Status).toBe("AWAU");

    const accounts = await accountsOf(t.app, tenant);
    const debtor = accounts(CURRENT);
    const token = await authorise(t.app, { tenant, consentId, accountId: debtor.id });
    const authorised = await pis.get(`/domestic-payment-consents/${consentId}`, { tenant });
    expect(authorised.body.Data.Status).toBe("AUTH");
    expect(authorised.body.Data.Debtor).toEqual({
      SchemeName: "UK.OBIE.SortCodeAccountNumber",
      Identification: "99001141825937",
      Name: expect.any(String),
    });

    const funds = await pis.get(`/domestic-payment-consents/${consentId}/funds-confirmation`, { tenant, token });
    expect(funds.status, String(funds.headers["www-authenticate"])).toBe(200);
    expect(funds.body.Data.FundsAvailableResult).toEqual({ FundsAvailableDateTime: NOW.toISOString(), FundsAvailable: true });

    const before = await bookedPence(debtor.id);
    const paid = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({ ConsentId: consentId, Status: "ACSC", Initiation: body.Data.Initiation });
    expect(paid.body.Data.DomesticPaymentId).toMatch(/^pay_/);
    expect(await bookedPence(debtor.id)).toBe(before - 16588n);

    const consumed = await pis.get(`/domestic-payment-consents/${consentId}`, { tenant });
    expect(consumed.body.Data.Status).toBe("COND");

    const paymentId = paid.body.Data.DomesticPaymentId;
    const got = await pis.get(`/domestic-payments/${paymentId}`, { tenant });
    expect(got.status).toBe(200);
    expect(got.body.Data).toMatchObject({ DomesticPaymentId: paymentId, Status: "ACSC" });
    const details = await pis.get(`/domestic-payments/${paymentId}/payment-details`, { tenant });
    expect(details.status).toBe(200);
    expect(details.body.Data.PaymentStatus).toEqual([
      expect.objectContaining({
        PaymentTransactionId: paymentId,
        Status: "ACSC",
        StatusDetail: expect.objectContaining({ Status: "ACSC" }),
      }),
    ]);

    // The same money in /v1: one payment with this consent, its webhook events, a sound ledger.
    const v1 = await t.app.inject({ url: `/v1/payments/${paymentId}`, headers: gatewayHeaders(tenant) });
    expect(v1.json()).toMatchObject({ status: "completed", amount: { amount: "165.88", currency: "GBP" }, debtor_account_id: debtor.id });
    const row = await t.app.db.bankPayment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(row.consentId).toBe(consentId);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: { startsWith: "payment." } } });
    expect(events.filter((event) => event.payload.includes(paymentId)).map((event) => event.type)).toEqual(["payment.completed"]);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });
});

const advanceClock = async (tenant: string, by: { days: number } | { until: string }) => {
  const reply = await t.app.inject({
    method: "POST",
    url: "/v1/sandbox/clock/advance",
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
    payload: JSON.stringify(by),
  });
  expect(reply.statusCode, reply.body).toBe(200);
  return reply.json();
};

describe.runIf(standardsAvailable())("UK PIS domestic payments: more happy paths", () => {
  it("pays one of the tenant's own accounts by sort code: ACCC, both balances move", async () => {
    const tenant = "app_ukpis_internal";
    const body = domesticConsent({
      amount: "20.00",
      creditor: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: `990011${SAVINGS}`, Name: "My savings" },
    });
    const { consentId, token, debtor } = await authorisedConsent(tenant, CURRENT, body);
    const savings = (await accountsOf(t.app, tenant))(SAVINGS);
    const [from, to] = [await bookedPence(debtor.id), await bookedPence(savings.id)];
    const paid = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.body.Data.Status).toBe("ACCC");
    expect(await bookedPence(debtor.id)).toBe(from - 2000n);
    expect(await bookedPence(savings.id)).toBe(to + 2000n);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("settles a BACS payment a day later on the sandbox clock: ACSP, then ACSC, with its history", async () => {
    const tenant = "app_ukpis_bacs";
    const body = domesticConsent({ amount: "12.34", localInstrument: "UK.OBIE.BACS" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    const paid = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expect(paid.body.Data).toMatchObject({
      Status: "ACSP",
      ExpectedSettlementDateTime: new Date(NOW.getTime() + 86_400_000).toISOString(),
    });
    const id = paid.body.Data.DomesticPaymentId;
    await advanceClock(tenant, { days: 2 });
    expect((await pis.get(`/domestic-payments/${id}`, { tenant })).body.Data.Status).toBe("ACSC");
    const history = (await pis.get(`/domestic-payments/${id}/payment-details`, { tenant })).body.Data.PaymentStatus;
    expect(history.map((entry: { Status: string }) => entry.Status)).toEqual(["ACSP", "ACSC"]);
    expect(history[0].StatusDetail.LocalInstrument).toBe("UK.OBIE.BACS");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("names the debtor account on the consent (then its account at once) and returns the refund account when asked", async () => {
    const tenant = "app_ukpis_named";
    const body = domesticConsent({ debtor: { SchemeName: "UK.OBIE.IBAN", Identification: "GB96OBSX99001141825937" }, readRefund: true });
    const staged = await pis.post("/domestic-payment-consents", body, { tenant });
    expect(staged.status).toBe(201);
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: staged.body.Data.ConsentId } });
    const debtor = (await accountsOf(t.app, tenant))(CURRENT);
    expect(JSON.parse(row.accountIds)).toEqual([debtor.id]);
    expect(row).toMatchObject({
      standard: "uk_open_banking",
      kind: "domestic_payment",
      status: "awaiting_authorisation",
      source: "client",
      customerId: null,
    });
    const token = await authorise(t.app, { tenant, consentId: row.id, accountId: debtor.id });
    const paid = await pis.post("/domestic-payments", paymentOf(row.id, body), { tenant, token });
    expect(paid.status).toBe(201);
    expect(paid.body.Data.Refund).toEqual({
      Account: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001141825937", Name: expect.any(String) },
    });
    expect(paid.body.Data.Debtor.Identification).toBe("99001141825937");
  });

  it("takes the app's client-credentials token (scope payments) as well as its key", async () => {
    const tenant = "app_ukpis_cc";
    const token = await clientCredentials(t.app, tenant, "payments");
    const staged = await pis.post("/domestic-payment-consents", domesticConsent(), { tenant, token });
    expect(staged.status).toBe(201);
    expect((await pis.get(`/domestic-payment-consents/${staged.body.Data.ConsentId}`, { tenant, token })).status).toBe(200);
  });

  it("says FundsAvailable false beyond the available balance with the overdraft, and for a frozen account", async () => {
    const tenant = "app_ukpis_funds";
    // Available = booked, less pending card debits, plus the 1,500.00 overdraft (/v1's balances say how much).
    const current = (await accountsOf(t.app, tenant))(CURRENT);
    const balances = await t.app.inject({ url: `/v1/accounts/${current.id}/balances`, headers: gatewayHeaders(tenant) });
    const available = balances.json().available.amount as string;
    const pennyMore = (Math.round(Number(available) * 100) + 1) / 100;
    const covered = await authorisedConsent(tenant, CURRENT, domesticConsent({ amount: available }));
    const answer = async (consentId: string, token: string) =>
      (await pis.get(`/domestic-payment-consents/${consentId}/funds-confirmation`, { tenant, token })).body.Data.FundsAvailableResult
        .FundsAvailable;
    expect(await answer(covered.consentId, covered.token)).toBe(true);
    const over = await authorisedConsent(tenant, CURRENT, domesticConsent({ amount: pennyMore.toFixed(2) }));
    expect(await answer(over.consentId, over.token)).toBe(false);
    const frozen = await authorisedConsent(tenant, FROZEN, domesticConsent({ amount: "1.00" }));
    expect(await answer(frozen.consentId, frozen.token)).toBe(false);
  });
});

describe.runIf(standardsAvailable())("UK PIS domestic payments: sandbox behaviour in UK terms", () => {
  it("rejects the magic amount 666.66 (RJCT, AM04) and the name AML HIT (RJCT, RR04): consent used, no money moved, payment.failed", async () => {
    const tenant = "app_ukpis_magic";
    for (const [body, code] of [
      [domesticConsent({ amount: "666.66" }), "AM04"],
      [
        domesticConsent({ creditor: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "AML HIT" } }),
        "RR04",
      ],
    ] as const) {
      const { consentId, token, debtor } = await authorisedConsent(tenant, CURRENT, body);
      const before = await bookedPence(debtor.id);
      const paid = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
      expect(paid.status).toBe(201);
      expect(paid.body.Data.Status).toBe("RJCT");
      expect(paid.body.Data.StatusReason[0].StatusReasonCode).toBe(code);
      expect(await bookedPence(debtor.id)).toBe(before);
      expect((await pis.get(`/domestic-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("COND");
      const details = await pis.get(`/domestic-payments/${paid.body.Data.DomesticPaymentId}/payment-details`, { tenant });
      expect(details.body.Data.PaymentStatus[0].StatusDetail).toMatchObject({ Status: "RJCT", StatusReason: code });
      const failed = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "payment.failed" } });
      expect(failed.some((event) => event.payload.includes(paid.body.Data.DomesticPaymentId))).toBe(true);
    }
  });

  it("refuses a payment the balance cannot cover (400 InsufficientFunds): nothing moves and the consent stays usable", async () => {
    const tenant = "app_ukpis_poor";
    const body = domesticConsent({ amount: "5342.18" });
    const { consentId, token, debtor } = await authorisedConsent(tenant, CURRENT, body);
    const before = await bookedPence(debtor.id);
    const refused = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expectObError(refused, 400, "UK.OBIE.Rules.InsufficientFunds");
    expect(await bookedPence(debtor.id)).toBe(before);
    expect((await pis.get(`/domestic-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("AUTH");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(0);
  });

  it("refuses a payment from a frozen account", async () => {
    const tenant = "app_ukpis_frozen";
    const body = domesticConsent({ amount: "1.00" });
    const { consentId, token } = await authorisedConsent(tenant, FROZEN, body);
    const refused = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expectObError(refused, 400, "UK.OBIE.Field.Invalid");
    expect(refused.body.Errors[0].Message).toMatch(/frozen/);
  });

  it("answers Sandbox-Scenario failures in UK terms, and only money-moving calls take insufficient_funds", async () => {
    const tenant = "app_ukpis_scenario";
    const staged = await pis.post("/domestic-payment-consents", domesticConsent(), {
      tenant,
      headers: { "sandbox-scenario": "insufficient_funds" },
    });
    expect(staged.status).toBe(201);
    const body = domesticConsent();
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    const scenario = (value: string) =>
      pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token, headers: { "sandbox-scenario": value } });
    expectObError(await scenario("insufficient_funds"), 400, "UK.OBIE.Rules.InsufficientFunds");
    const failed = await scenario("internal_error");
    expectObError(failed, 500, "UK.OBIE.UnexpectedError");
    expect(failed.headers["x-jws-signature"]).toBeTruthy();
    expect((await pis.get(`/domestic-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("AUTH");
  });
});

describe.runIf(standardsAvailable())("UK PIS domestic payments: errors", () => {
  const tenant = "app_ukpis_errors";

  it("refuses consents that do not fit the document, with the standard's names and paths", async () => {
    const missing = domesticConsent() as { Data: { Initiation: Record<string, unknown> } };
    delete missing.Data.Initiation.CreditorAccount;
    const noCreditor = await pis.post("/domestic-payment-consents", missing, { tenant });
    expectObError(noCreditor, 400, "UK.OBIE.Field.Missing");
    expect(noCreditor.body.Errors[0].Path).toBe("Data.Initiation.CreditorAccount");

    const extra = await pis.post("/domestic-payment-consents", { ...domesticConsent(), Surprise: 1 }, { tenant });
    expectObError(extra, 400, "UK.OBIE.Field.Unexpected");

    const cases: [ReturnType<typeof domesticConsent>, string, string][] = [
      [domesticConsent({ currency: "EUR" }), "UK.OBIE.Unsupported.Currency", "Data.Initiation.InstructedAmount.Currency"],
      [domesticConsent({ amount: "1.001" }), "UK.OBIE.Field.Invalid", "Data.Initiation.InstructedAmount.Amount"],
      [domesticConsent({ amount: "0" }), "UK.OBIE.Field.Invalid", "Data.Initiation.InstructedAmount.Amount"],
      [domesticConsent({ localInstrument: "UK.OBIE.SWIFT" }), "UK.OBIE.Unsupported.LocalInstrument", "Data.Initiation.LocalInstrument"],
      [
        domesticConsent({ creditor: { SchemeName: "UK.OBIE.PAN", Identification: "5409050000000000", Name: "Card" } }),
        "UK.OBIE.Unsupported.AccountIdentifier",
        "Data.Initiation.CreditorAccount.SchemeName",
      ],
      [
        domesticConsent({ creditor: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "00000012345678", Name: "Nobody" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.CreditorAccount.Identification",
      ],
      [
        domesticConsent({ creditor: { SchemeName: "UK.OBIE.IBAN", Identification: "DE89370400440532013000", Name: "Hans" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.CreditorAccount.Identification",
      ],
      [
        domesticConsent({ debtor: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001100000000" } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.DebtorAccount.Identification",
      ],
    ];
    for (const [body, name, path] of cases) {
      const refused = await pis.post("/domestic-payment-consents", body, { tenant });
      expectObError(refused, 400, name);
      expect(refused.body.Errors[0].Path).toBe(path);
    }
    const past = domesticConsent() as ReturnType<typeof domesticConsent> & { Data: { Authorisation?: unknown } };
    past.Data.Authorisation = { AuthorisationType: "Single", CompletionDateTime: "2020-01-01T00:00:00+00:00" };
    expectObError(await pis.post("/domestic-payment-consents", past, { tenant }), 400, "UK.OBIE.Field.InvalidDate");
  });

  it("needs an x-idempotency-key of at most 40 characters", async () => {
    const none = await pis.post("/domestic-payment-consents", domesticConsent(), { tenant, key: null });
    expectObError(none, 400, "UK.OBIE.Header.Missing");
    expect(none.body.Errors[0].Path).toBe("x-idempotency-key");
    const long = await pis.post("/domestic-payment-consents", domesticConsent(), { tenant, key: "k".repeat(41) });
    expectObError(long, 400, "UK.OBIE.Header.Invalid");
    expect(long.body.Errors[0].Path).toBe("x-idempotency-key");
  });

  it("answers an unknown or another app's consent or payment as the profile's 400 Resource.NotFound", async () => {
    expectObError(await pis.get("/domestic-payment-consents/cns_doesnotexist0000000000", { tenant }), 400, "UK.OBIE.Resource.NotFound");
    expectObError(await pis.get("/domestic-payments/pay_doesnotexist0000000000", { tenant }), 400, "UK.OBIE.Resource.NotFound");
    const theirs = await authorisedConsent("app_ukpis_other");
    const paid = await pis.post("/domestic-payments", paymentOf(theirs.consentId, theirs.body), {
      tenant: "app_ukpis_other",
      token: theirs.token,
    });
    expectObError(await pis.get(`/domestic-payment-consents/${theirs.consentId}`, { tenant }), 400, "UK.OBIE.Resource.NotFound");
    expectObError(await pis.get(`/domestic-payments/${paid.body.Data.DomesticPaymentId}`, { tenant }), 400, "UK.OBIE.Resource.NotFound");
    expectObError(
      await pis.get(`/domestic-payments/${paid.body.Data.DomesticPaymentId}/payment-details`, { tenant }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    // A /v1 payment is no UK payment.
    const v1 = await t.app.db.bankPayment.findFirst({ where: { tenantId: "app_ukpis_other", consentId: null } });
    if (v1) expectObError(await pis.get(`/domestic-payments/${v1.id}`, { tenant: "app_ukpis_other" }), 400, "UK.OBIE.Resource.NotFound");
  });
});

describe.runIf(standardsAvailable())("UK PIS domestic payments: security", () => {
  const tenant = "app_ukpis_security";

  it("refuses a second payment of the same consent (consumed), even with a new key", async () => {
    const body = domesticConsent({ amount: "3.00" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    expect((await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token })).status).toBe(201);
    const again = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token });
    expectObError(again, 400, "UK.OBIE.Resource.InvalidConsentStatus");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(1);
  });

  it("refuses a payment whose Initiation or Risk differs from the consent's", async () => {
    const body = domesticConsent({ amount: "4.00" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    const changed = structuredClone(body);
    changed.Data.Initiation.InstructedAmount.Amount = "400.00";
    const mismatch = await pis.post("/domestic-payments", paymentOf(consentId, changed), { tenant, token });
    expectObError(mismatch, 400, "UK.OBIE.Resource.ConsentMismatch");
    expect(mismatch.body.Errors[0].Path).toBe("Data.Initiation");
    const risk = { ...paymentOf(consentId, body), Risk: { PaymentContextCode: "TransferToSelf" } };
    expectObError(await pis.post("/domestic-payments", risk, { tenant, token }), 400, "UK.OBIE.Resource.ConsentMismatch");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(0);
  });

  it("refuses an expired consent (RJCT, DS24 on its GET; InvalidConsentStatus to pay or confirm funds)", async () => {
    const body = domesticConsent({ amount: "5.00" }) as ReturnType<typeof domesticConsent> & { Data: { Authorisation?: unknown } };
    const tenantNow = (await t.app.inject({ url: "/v1/sandbox/clock", headers: gatewayHeaders(tenant) })).json().now as string;
    body.Data.Authorisation = {
      AuthorisationType: "Single",
      CompletionDateTime: new Date(Date.parse(tenantNow) + 10 * 60_000).toISOString(),
    };
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    expect((await pis.get(`/domestic-payment-consents/${consentId}`, { tenant })).body.Data.CutOffDateTime).toBe(
      body.Data.Authorisation && new Date(Date.parse(tenantNow) + 10 * 60_000).toISOString(),
    );
    await advanceClock(tenant, { until: new Date(Date.parse(tenantNow) + 20 * 60_000).toISOString() });
    const read = await pis.get(`/domestic-payment-consents/${consentId}`, { tenant });
    expect(read.body.Data).toMatchObject({ Status: "RJCT", StatusReason: [expect.objectContaining({ StatusReasonCode: "DS24" })] });
    expectObError(
      await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    expectObError(
      await pis.get(`/domestic-payment-consents/${consentId}/funds-confirmation`, { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
  });

  it("reads a consent the customer refused on the bank's page as RJCT, and nothing can pay it", async () => {
    const staged = await pis.post("/domestic-payment-consents", domesticConsent({ amount: "5.50" }), { tenant });
    const consentId = staged.body.Data.ConsentId;
    const denied = await authoriseStandardConsent(t.app, { appId: tenant, consentId, scope: "payments", deny: true });
    expect(denied.accessToken).toBeNull();
    const read = await pis.get(`/domestic-payment-consents/${consentId}`, { tenant });
    expect(read.body.Data).toMatchObject({ Status: "RJCT", StatusReason: [expect.objectContaining({ StatusReasonCode: "U037" })] });
    // A second authorisation of it is refused before the customer logs in.
    const again = await authoriseStandardConsent(t.app, { appId: tenant, consentId, scope: "payments" });
    expect(again.accessToken).toBeNull();
  });

  it("refuses a consent that is not authorised (revoked by the customer)", async () => {
    const body = domesticConsent({ amount: "6.00" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    await t.app.db.bankConsent.update({ where: { id: consentId }, data: { status: "revoked", revokedBy: "customer" } });
    expectObError(
      await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    expect((await pis.get(`/domestic-payment-consents/${consentId}`, { tenant })).body.Data.Status).toBe("RJCT");
  });

  it("keeps a token to its own consent and kind, and each endpoint to its caller", async () => {
    const a = await authorisedConsent(tenant, CURRENT, domesticConsent({ amount: "7.00" }));
    const b = await authorisedConsent(tenant, CURRENT, domesticConsent({ amount: "8.00" }));
    // a's token naming b's consent
    const crossed = await pis.post("/domestic-payments", paymentOf(b.consentId, b.body), { tenant, token: a.token });
    expectObError(crossed, 403, "UK.OBIE.Resource.ConsentMismatch");
    expectObError(
      await pis.get(`/domestic-payment-consents/${b.consentId}/funds-confirmation`, { tenant, token: a.token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    // The app's own credentials cannot pay; a customer's token cannot stage or read as the app.
    expectObError(
      await pis.post("/domestic-payments", paymentOf(a.consentId, a.body), { tenant }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    expectObError(
      await pis.post("/domestic-payment-consents", domesticConsent(), { tenant, token: a.token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    expectObError(
      await pis.get(`/domestic-payment-consents/${a.consentId}`, { tenant, token: a.token }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    // A client-credentials token without scope payments.
    const accountsOnly = await clientCredentials(t.app, tenant, "accounts");
    expectObError(
      await pis.post("/domestic-payment-consents", domesticConsent(), { tenant, token: accountsOnly }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    // Another app's token: not a token of this app at all (401, no body).
    const other = await pis.post("/domestic-payments", paymentOf(a.consentId, a.body), { tenant: "app_ukpis_stranger", token: a.token });
    expect(other.status).toBe(401);
    expect(other.body).toBeUndefined();
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId: { in: [a.consentId, b.consentId] } } })).toBe(0);
  });
});

describe.runIf(standardsAvailable())("UK PIS: x-idempotency-key", () => {
  const tenant = "app_ukpis_idem";

  it("answers the same key and body with the same consent, and another body with 400 Header.Invalid", async () => {
    const key = "consent-key-1";
    const first = await pis.post("/domestic-payment-consents", domesticConsent({ amount: "9.00" }), { tenant, key });
    const again = await pis.post("/domestic-payment-consents", domesticConsent({ amount: "9.00" }), { tenant, key });
    expect(again.status).toBe(201);
    expect(again.body.Data.ConsentId).toBe(first.body.Data.ConsentId);
    expect(again.raw).toBe(first.raw);
    const conflict = await pis.post("/domestic-payment-consents", domesticConsent({ amount: "9.01" }), { tenant, key });
    expectObError(conflict, 400, "UK.OBIE.Header.Invalid");
    expect(conflict.body.Errors[0].Path).toBe("x-idempotency-key");
    // /v1's Idempotency-Keys are another namespace: the same string there is a new key.
    const v1 = await t.app.inject({
      method: "POST",
      url: "/v1/fx/quotes",
      headers: { ...gatewayHeaders(tenant), "content-type": "application/json", "idempotency-key": key },
      payload: JSON.stringify({ sell: { amount: "10.00", currency: "GBP" }, buy_currency: "EUR" }),
    });
    expect(v1.statusCode).toBe(201);
  });

  it("replays a payment for the same key and body, and refuses another body", async () => {
    const body = domesticConsent({ amount: "10.00" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    const key = "payment-key-1";
    const first = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token, key });
    const again = await pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token, key });
    expect(again.status).toBe(201);
    expect(again.raw).toBe(first.raw);
    const other = { ...paymentOf(consentId, body), Risk: {} };
    expectObError(await pis.post("/domestic-payments", other, { tenant, token, key }), 400, "UK.OBIE.Header.Invalid");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(1);
  });

  it("makes exactly one payment from 50 concurrent requests with one key, and all 50 get its answer", async () => {
    const body = domesticConsent({ amount: "11.00" });
    const { consentId, token, debtor } = await authorisedConsent(tenant, CURRENT, body);
    const before = await bookedPence(debtor.id);
    const replies: ObReply[] = await Promise.all(
      Array.from({ length: 50 }, () => pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token, key: "one-key-50" })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(201));
    expect(new Set(replies.map((reply) => reply.body.Data.DomesticPaymentId)).size).toBe(1);
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(1);
    expect(await bookedPence(debtor.id)).toBe(before - 1100n);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("pays a consent once when 20 requests race with different keys: one 201, the rest InvalidConsentStatus", async () => {
    const body = domesticConsent({ amount: "12.00" });
    const { consentId, token } = await authorisedConsent(tenant, CURRENT, body);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pis.post("/domestic-payments", paymentOf(consentId, body), { tenant, token, key: `race-${i}` })),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 201)) expectObError(reply, 400, "UK.OBIE.Resource.InvalidConsentStatus");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant, consentId } })).toBe(1);
  });

  it("makes one consent from 50 concurrent staging requests with one key", async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        pis.post("/domestic-payment-consents", domesticConsent({ amount: "13.00" }), { tenant, key: "one-consent-key" }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(201));
    const ids = new Set(replies.map((reply) => reply.body.Data.ConsentId));
    expect(ids.size).toBe(1);
    expect(await t.app.db.bankConsent.count({ where: { tenantId: tenant, id: { in: [...ids] } } })).toBe(1);
  });
});
