import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMinor } from "@openbank/contracts/money";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, getAs, type TestApp } from "./helpers";
import {
  authoriseEmbedded,
  bg,
  DECOUPLED,
  decideDecoupled,
  EMBEDDED,
  expectTpp,
  personaAccounts,
  PSU_IP,
  REDIRECT,
  registerClient,
  walkScaPage,
} from "./berlin-group-fixture";

/**
 * Berlin Group payment initiation on the one ledger: each flow ends with the ledger invariants
 * and the same money seen through /v1 (payments and balances).
 */

const TENANT = "app_bgpayments";
const OTHER = "app_bgpaymentsother";
let t: TestApp;
let mine: Awaited<ReturnType<typeof personaAccounts>>;
const EXTERNAL_GB = "GB33BUKB20201555555555";
const EXTERNAL_DE = "DE89370400440532013000";

const single = (overrides: Record<string, unknown> = {}) => ({
  endToEndIdentification: "E2E-0001",
  debtorAccount: { iban: mine.current.iban },
  instructedAmount: { currency: "GBP", amount: "42.50" },
  creditorAccount: { iban: EXTERNAL_GB },
  creditorName: "Merchant Ltd",
  remittanceInformationUnstructured: "Invoice 42",
  ...overrides,
});

const initiate = (product: string, body: unknown, headers: Record<string, string> = DECOUPLED, service = "payments", tenant = TENANT) =>
  bg(t.app, { method: "POST", url: `/${service}/${product}`, tenant, headers, body });

const path = (href: string) => href.replace("/berlin-group/v1", "");
const idOf = (href: string) => href.split("/").pop()!;
const available = async (accountId: string, tenant = TENANT) =>
  parseMinor((await getAs(t.app, tenant, `/v1/accounts/${accountId}/balances`)).body.available.amount, "GBP")!;
const booked = async (accountId: string, tenant = TENANT) =>
  parseMinor((await getAs(t.app, tenant, `/v1/accounts/${accountId}/balances`)).body.booked.amount, "GBP")!;

async function approveDecoupled(created: { body: { _links: { scaStatus: { href: string } } } }, tenant = TENANT) {
  const decided = await decideDecoupled(t.app, tenant, idOf(created.body._links.scaStatus.href), { decision: "approve" });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  return decided.body;
}

async function status(self: string, tenant = TENANT) {
  return (await bg(t.app, { url: `${path(self)}/status`, tenant })).body;
}

async function expectLedgerSound(tenant = TENANT) {
  expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
}

/** The BankPayments made under a resource, as /v1 shows them. */
async function v1PaymentsOf(resourceId: string, tenant = TENANT) {
  const rows = await t.app.db.bankPayment.findMany({ where: { tenantId: tenant, consentId: resourceId }, orderBy: { id: "asc" } });
  return Promise.all(rows.map(async (row) => (await getAs(t.app, tenant, `/v1/payments/${row.id}`)).body));
}

beforeAll(async () => {
  t = await buildTestApp();
  mine = await personaAccounts(t.app, TENANT);
  await registerClient(t.app, TENANT);
  await registerClient(t.app, OTHER);
});
afterAll(() => t.close());

describe("single payments", () => {
  it("a SEPA credit transfer: RCVD, authorised on the bank's page, ACSP, then ACSC when the sandbox clock settles it", async () => {
    const before = await booked(mine.current.id);
    const created = await initiate("sepa-credit-transfers", single(), { ...PSU_IP, "tpp-redirect-uri": REDIRECT });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ transactionStatus: "RCVD", paymentId: expect.stringMatching(/^cns_/), scaStatus: "received" });
    expect(created.headers.location).toBe(`/berlin-group/v1/payments/sepa-credit-transfers/${created.body.paymentId}`);
    expect(created.headers["aspsp-sca-approach"]).toBe("REDIRECT");
    const self = created.body._links.self.href;
    expect((await status(self)).transactionStatus).toBe("RCVD");
    expect(await booked(mine.current.id)).toBe(before);
    const authorisations = await bg(t.app, { url: `${path(self)}/authorisations`, tenant: TENANT });
    expect(authorisations.body.authorisationIds).toEqual([idOf(created.body._links.scaStatus.href)]);
    expect((await bg(t.app, { url: path(created.body._links.scaStatus.href), tenant: TENANT })).body.scaStatus).toBe("received");

    const walk = await walkScaPage(t.app, created.body._links.scaRedirect.href);
    expect(walk.reviewPage!.body).toContain("Pay 42.50 GBP to Merchant Ltd");
    expect(walk.location).toBe(REDIRECT);
    expect(await status(self)).toEqual({ transactionStatus: "ACSP" });
    const [payment] = await v1PaymentsOf(created.body.paymentId);
    expect(payment).toMatchObject({
      status: "pending",
      scheme: "standard",
      amount: { amount: "42.50", currency: "GBP" },
      reference: "Invoice 42",
    });
    expect(await booked(mine.current.id)).toBe(before - 4250n);
    const read = await bg(t.app, { url: path(self), tenant: TENANT });
    expect(read.body).toMatchObject({ endToEndIdentification: "E2E-0001", creditorName: "Merchant Ltd", transactionStatus: "ACSP" });

    await t.app.inject({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      headers: { ...gatewayHeaders(TENANT), "content-type": "application/json" },
      payload: JSON.stringify({ days: 1 }),
    });
    expect((await status(self)).transactionStatus).toBe("ACSC");
    expect((await v1PaymentsOf(created.body.paymentId))[0].status).toBe("completed");
    await expectLedgerSound();
  });

  it("an instant SEPA credit transfer to one of the sandbox's own IBANs: EMBEDDED, ACCC at once, both balances moved", async () => {
    const [fromBefore, toBefore] = [await booked(mine.current.id), await booked(mine.savings.id)];
    const created = await initiate(
      "instant-sepa-credit-transfers",
      single({
        creditorAccount: { iban: mine.savings.iban },
        creditorName: "Amelia Hart",
        instructedAmount: { currency: "GBP", amount: "10.00" },
      }),
      { ...EMBEDDED, "psu-id": "user_good_credit" },
    );
    expect(created.status).toBe(201);
    const steps = await authoriseEmbedded(t.app, TENANT, created.body._links.scaStatus.href);
    expect(steps.otp!.body.scaStatus).toBe("finalised");
    expect((await status(created.body._links.self.href)).transactionStatus).toBe("ACCC");
    expect(await booked(mine.current.id)).toBe(fromBefore - 1000n);
    expect(await booked(mine.savings.id)).toBe(toBefore + 1000n);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: TENANT, type: "payment.completed" } });
    const [payment] = await v1PaymentsOf(created.body.paymentId);
    expect(events.some((event) => event.payload.includes(payment.id))).toBe(true);
    await expectLedgerSound();
  });

  it("a cross-border credit transfer pays the instructed EUR exactly, at the sandbox's FX rate with its fee", async () => {
    const before = await booked(mine.current.id);
    const created = await initiate(
      "cross-border-credit-transfers",
      single({
        instructedAmount: { currency: "EUR", amount: "100.00" },
        creditorAccount: { iban: EXTERNAL_DE },
        creditorName: "Lieferant GmbH",
      }),
      { ...DECOUPLED, "tpp-explicit-authorisation-preferred": "true" },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.transactionFeeIndicator).toBe(true);
    expect(created.body._links.startAuthorisation.href).toBe(`${created.body._links.self.href}/authorisations`);
    const estimated = parseMinor(created.body.estimatedTotalAmount.amount, "GBP")!;
    const started = await bg(t.app, {
      method: "POST",
      url: path(created.body._links.startAuthorisation.href),
      tenant: TENANT,
      headers: DECOUPLED,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ scaStatus: "started", psuMessage: expect.stringContaining("Open Bank app") });
    await approveDecoupled(started);
    expect((await status(created.body._links.self.href)).transactionStatus).toBe("ACSP");
    const [payment] = await v1PaymentsOf(created.body.paymentId);
    expect(payment).toMatchObject({ scheme: "international", fx: { credit_amount: { amount: "100.00", currency: "EUR" } } });
    expect(before - (await booked(mine.current.id))).toBe(estimated);
    await expectLedgerSound();
  });

  it("the sandbox's magic values are RJCT once authorised (666.66: no funds; AML HIT: sanctions), moving nothing", async () => {
    const before = await booked(mine.current.id);
    const declined = await initiate("sepa-credit-transfers", single({ instructedAmount: { currency: "GBP", amount: "666.66" } }));
    await approveDecoupled(declined);
    expect(await status(declined.body._links.self.href)).toMatchObject({ transactionStatus: "RJCT", fundsAvailable: false });
    const aml = await initiate("instant-sepa-credit-transfers", single({ creditorName: "AML HIT" }));
    await approveDecoupled(aml);
    const amlStatus = await status(aml.body._links.self.href);
    expect(amlStatus.transactionStatus).toBe("RJCT");
    expect(amlStatus.fundsAvailable).toBeUndefined();
    expect((await v1PaymentsOf(aml.body.paymentId))[0].status).toBe("failed");
    expect(await booked(mine.current.id)).toBe(before);
    await expectLedgerSound();
  });

  it("FUNDS_NOT_AVAILABLE at initiation, and RJCT when the money is gone by the time the PSU authorises", async () => {
    const tenant = "app_bgpaymentsfunds";
    const accounts = await personaAccounts(t.app, tenant);
    await registerClient(t.app, tenant);
    const money = await available(accounts.current.id, tenant);
    const tooMuch = (money + 100n).toString();
    const amount = `${tooMuch.slice(0, -2)}.${tooMuch.slice(-2)}`;
    expectTpp(
      await initiate(
        "sepa-credit-transfers",
        { ...single(), debtorAccount: { iban: accounts.current.iban }, instructedAmount: { currency: "GBP", amount } },
        DECOUPLED,
        "payments",
        tenant,
      ),
      400,
      "FUNDS_NOT_AVAILABLE",
    );
    // The ledger lets the balance fall to minus the overdraft: two payments of just over half of that cannot both go.
    const v1 = (await getAs(t.app, tenant, `/v1/accounts/${accounts.current.id}/balances`)).body;
    const floor = parseMinor(v1.booked.amount, "GBP")! + parseMinor(v1.overdraft_limit.amount, "GBP")!;
    const half = (floor / 2n + 100n).toString();
    const halfAmount = { currency: "GBP", amount: `${half.slice(0, -2)}.${half.slice(-2)}` };
    const first = await initiate(
      "sepa-credit-transfers",
      { ...single(), debtorAccount: { iban: accounts.current.iban }, instructedAmount: halfAmount },
      DECOUPLED,
      "payments",
      tenant,
    );
    const second = await initiate(
      "sepa-credit-transfers",
      { ...single(), debtorAccount: { iban: accounts.current.iban }, instructedAmount: halfAmount },
      DECOUPLED,
      "payments",
      tenant,
    );
    await approveDecoupled(first, tenant);
    await approveDecoupled(second, tenant);
    expect((await status(first.body._links.self.href, tenant)).transactionStatus).toBe("ACSP");
    expect(await status(second.body._links.self.href, tenant)).toMatchObject({ transactionStatus: "RJCT", fundsAvailable: false });
    expect(await v1PaymentsOf(second.body.paymentId, tenant)).toEqual([]);
    await expectLedgerSound(tenant);
  });

  it("refuses what it does not offer, each with its code and path", async () => {
    const cases: [string, string, unknown, number, string, string?][] = [
      ["payments", "target-2-payments", single(), 404, "PRODUCT_UNKNOWN"],
      ["periodic-payments", "sepa-credit-transfers", single(), 400, "SERVICE_INVALID"],
      [
        "payments",
        "sepa-credit-transfers",
        single({ debtorAccount: { iban: EXTERNAL_GB } }),
        400,
        "RESOURCE_UNKNOWN",
        "debtorAccount.iban",
      ],
      [
        "payments",
        "sepa-credit-transfers",
        single({ creditorAccount: { iban: "GB00BUKB20201555555555" } }),
        400,
        "FORMAT_ERROR",
        "creditorAccount.iban",
      ],
      [
        "payments",
        "sepa-credit-transfers",
        single({ instructedAmount: { currency: "EUR", amount: "5.00" } }),
        400,
        "FORMAT_ERROR",
        "instructedAmount.currency",
      ],
      [
        "payments",
        "sepa-credit-transfers",
        single({ instructedAmount: { currency: "GBP", amount: "1.234" } }),
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
      ],
      [
        "payments",
        "sepa-credit-transfers",
        single({ creditorAccount: { iban: mine.current.iban } }),
        400,
        "FORMAT_ERROR",
        "creditorAccount.iban",
      ],
      [
        "payments",
        "sepa-credit-transfers",
        single({ requestedExecutionDate: "2099-01-01" }),
        400,
        "EXECUTION_DATE_INVALID",
        "requestedExecutionDate",
      ],
      ["payments", "sepa-credit-transfers", single({ creditorName: undefined }), 400, "FORMAT_ERROR", "creditorName"],
      ["payments", "sepa-credit-transfers", single({ instructedAmount: { currency: "GBP", amount: "30000.00" } }), 400, "PAYMENT_FAILED"],
      ["bulk-payments", "sepa-credit-transfers", single(), 400, "FORMAT_ERROR", "payments"],
    ];
    for (const [service, product, body, code, message, where] of cases) {
      const refused = await initiate(product, body, DECOUPLED, service);
      expectTpp(refused, code, message);
      if (where) expect(refused.body.tppMessages[0].path, JSON.stringify(refused.body)).toBe(where);
    }
    const noPsuIp = await initiate("sepa-credit-transfers", single(), { "tpp-decoupled-preferred": "true" });
    expectTpp(noPsuIp, 400, "FORMAT_ERROR");
    expect(noPsuIp.body.tppMessages[0].path).toBe("PSU-IP-Address");
  });
});

describe("bulk payments", () => {
  it("pays each payment of the bulk under the one resource; a magic refusal makes it PART", async () => {
    const body = {
      batchBookingPreferred: true,
      debtorAccount: { iban: mine.current.iban },
      paymentInformationId: "PAYROLL-2026-11",
      payments: [
        {
          instructedAmount: { currency: "GBP", amount: "12.00" },
          creditorAccount: { iban: EXTERNAL_GB },
          creditorName: "Alice",
          endToEndIdentification: "P1",
        },
        {
          instructedAmount: { currency: "GBP", amount: "13.00" },
          creditorAccount: { iban: mine.savings.iban },
          creditorName: "Savings",
          endToEndIdentification: "P2",
        },
        {
          instructedAmount: { currency: "EUR", amount: "20.00" },
          creditorAccount: { iban: EXTERNAL_DE },
          creditorName: "Bob",
          endToEndIdentification: "P3",
        },
      ],
    };
    const before = await booked(mine.current.id);
    const created = await initiate("sepa-credit-transfers", body, DECOUPLED, "bulk-payments");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.location).toBe(`/berlin-group/v1/bulk-payments/sepa-credit-transfers/${created.body.paymentId}`);
    await approveDecoupled(created);
    expect((await status(created.body._links.self.href)).transactionStatus).toBe("ACSP");
    const payments = await v1PaymentsOf(created.body.paymentId);
    expect(payments.map((p) => p.scheme).sort()).toEqual(["international", "standard", "standard"]);
    const debited = payments.reduce(
      (sum, p) => sum + parseMinor(p.amount.amount, "GBP")! + (p.fx ? parseMinor(p.fx.fee.amount, "GBP")! : 0n),
      0n,
    );
    expect(before - (await booked(mine.current.id))).toBe(debited);
    const read = await bg(t.app, { url: path(created.body._links.self.href), tenant: TENANT });
    expect(read.body).toMatchObject({ batchBookingPreferred: true, paymentInformationId: "PAYROLL-2026-11", transactionStatus: "ACSP" });
    expect(read.body.payments).toHaveLength(3);

    const partly = await initiate(
      "sepa-credit-transfers",
      { ...body, payments: [body.payments[0], { ...body.payments[0], instructedAmount: { currency: "GBP", amount: "666.66" } }] },
      DECOUPLED,
      "bulk-payments",
    );
    await approveDecoupled(partly);
    expect((await status(partly.body._links.self.href)).transactionStatus).toBe("PART");
    await expectLedgerSound();
  });
});

describe("concurrency", () => {
  it("ten OTPs at once for one payment execute it once", async () => {
    const before = await booked(mine.current.id);
    const created = await initiate("instant-sepa-credit-transfers", single({ instructedAmount: { currency: "GBP", amount: "3.00" } }), {
      ...EMBEDDED,
      "psu-id": "user_good_credit",
    });
    const url = path(created.body._links.scaStatus.href);
    expect((await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { psuData: { password: "pass_good_credit" } } })).status).toBe(200);
    expect((await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { authenticationMethodId: "sms-otp" } })).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => bg(t.app, { method: "PUT", url, tenant: TENANT, body: { scaAuthenticationData: "123456" } })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
    expect(await v1PaymentsOf(created.body.paymentId)).toHaveLength(1);
    expect(await booked(mine.current.id)).toBe(before - 300n);
    await expectLedgerSound();
  });
});

describe("cancellation", () => {
  it("cancels a payment before it is authorised (CANC); an executed one is CANCELLATION_INVALID", async () => {
    const before = await booked(mine.current.id);
    const created = await initiate("sepa-credit-transfers", single(), { ...PSU_IP, "tpp-redirect-uri": REDIRECT });
    const self = path(created.body._links.self.href);
    expect((await bg(t.app, { method: "DELETE", url: self, tenant: TENANT })).status).toBe(204);
    expect((await status(created.body._links.self.href)).transactionStatus).toBe("CANC");
    const page = await walkScaPage(t.app, created.body._links.scaRedirect.href);
    expect(page.loginPage.statusCode).toBe(409);
    expectTpp(await bg(t.app, { method: "DELETE", url: self, tenant: TENANT }), 405, "CANCELLATION_INVALID");
    expectTpp(
      await bg(t.app, { method: "POST", url: `${self}/authorisations`, tenant: TENANT, headers: DECOUPLED }),
      409,
      "STATUS_INVALID",
    );

    const executed = await initiate("instant-sepa-credit-transfers", single());
    await approveDecoupled(executed);
    const executedPath = path(executed.body._links.self.href);
    expectTpp(await bg(t.app, { method: "DELETE", url: executedPath, tenant: TENANT }), 405, "CANCELLATION_INVALID");
    expectTpp(
      await bg(t.app, { method: "POST", url: `${executedPath}/cancellation-authorisations`, tenant: TENANT, headers: DECOUPLED }),
      405,
      "CANCELLATION_INVALID",
    );
    expect((await bg(t.app, { url: `${executedPath}/cancellation-authorisations`, tenant: TENANT })).body).toEqual({
      authorisationIds: [],
    });
    expectTpp(await bg(t.app, { url: `${executedPath}/cancellation-authorisations/sca_unknown`, tenant: TENANT }), 403, "RESOURCE_UNKNOWN");
    expectTpp(
      await bg(t.app, { method: "PUT", url: `${executedPath}/cancellation-authorisations/sca_unknown`, tenant: TENANT, body: {} }),
      403,
      "RESOURCE_UNKNOWN",
    );
    const started = await bg(t.app, {
      method: "POST",
      url: `${path(created.body._links.self.href)}/authorisations`,
      tenant: TENANT,
      headers: DECOUPLED,
    });
    expectTpp(started, 409, "STATUS_INVALID");
    expect(await booked(mine.current.id)).toBe(before - 4250n);
    await expectLedgerSound();
  });
});

describe("security", () => {
  it("another app's payment is RESOURCE_UNKNOWN, as is a payment under another product", async () => {
    const created = await initiate("sepa-credit-transfers", single());
    const self = path(created.body._links.self.href);
    for (const [method, url] of [
      ["GET", self],
      ["GET", `${self}/status`],
      ["DELETE", self],
      ["GET", `${self}/authorisations`],
      ["POST", `${self}/authorisations`],
      ["GET", path(created.body._links.scaStatus.href)],
    ] as const)
      expectTpp(await bg(t.app, { method, url, tenant: OTHER, headers: DECOUPLED }), 403, "RESOURCE_UNKNOWN");
    expectTpp(
      await bg(t.app, { url: self.replace("sepa-credit-transfers", "instant-sepa-credit-transfers"), tenant: TENANT }),
      403,
      "RESOURCE_UNKNOWN",
    );
    expectTpp(await bg(t.app, { url: self.replace("/payments/", "/bulk-payments/"), tenant: TENANT }), 403, "RESOURCE_UNKNOWN");
    expect((await decideDecoupled(t.app, OTHER, idOf(created.body._links.scaStatus.href), { decision: "approve" })).status).toBe(404);
    expect((await status(created.body._links.self.href)).transactionStatus).toBe("RCVD");
  });

  it("only the debtor account's holder can authorise, and a token needs scope payments", async () => {
    const created = await initiate("sepa-credit-transfers", single(), { ...EMBEDDED, "psu-id": "user_thin_file" });
    const refused = await authoriseEmbedded(t.app, TENANT, created.body._links.scaStatus.href, { persona: "thin_file" });
    expectTpp(refused.password, 401, "PSU_CREDENTIALS_INVALID");
    const decoupled = await initiate("sepa-credit-transfers", single());
    expect(
      (await decideDecoupled(t.app, TENANT, idOf(decoupled.body._links.scaStatus.href), { decision: "approve", persona: "thin_file" }))
        .status,
    ).toBe(400);
    expect((await status(decoupled.body._links.self.href)).transactionStatus).toBe("RCVD");
    const accountsOnly = await registerClient(t.app, TENANT, "accounts");
    const noScope = await bg(t.app, {
      method: "POST",
      url: "/payments/sepa-credit-transfers",
      tenant: TENANT,
      headers: { ...DECOUPLED, "x-consent-token": accountsOnly },
      body: single(),
    });
    expectTpp(noScope, 401, "ROLE_INVALID");
  });
});
