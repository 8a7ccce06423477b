import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { verifyDetachedSignature } from "@openbank/contracts/message-signing";
import { standardsAvailable } from "../../tests/support/standards-contract";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import {
  authoriseConsent,
  clientToken,
  mintConsentToken,
  obClient,
  obErrors,
  refreshConsentToken,
  type ObReply,
} from "./ob-vrp-cof-fixture";

/**
 * UK Open Banking 4.0 Variable Recurring Payments in process: domestic-vrp-consents (create, get,
 * delete, the unsupported PUT/PATCH, funds confirmation) and domestic-vrps (create, get,
 * payment-details). Every answer is checked against uk-ob-vrp-4.0.yaml and its x-jws-signature
 * against the bank's published key. The sandbox clock starts on Saturday 21 November 2026.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const BASE = "/open-banking/v4.0/pisp";
const GOOD_CREDIT_CURRENT = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001141825937", Name: "Alex Morgan" };
const SAVER = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "Sweep Saver" };
const RISK = { PaymentContextCode: "TransferToSelf" };

let t: TestApp;
let ob: ReturnType<typeof obClient>;

beforeAll(async () => {
  standardsAvailable();
  t = await buildTestApp({ now: () => NOW });
  ob = obClient(t.app, "uk-vrp");
});
afterAll(() => t.close());

type Limits = { PeriodType: string; PeriodAlignment: string; Amount: string; Currency?: string }[];

function consentBody(options: { limits?: Limits; maximum?: string; extra?: Record<string, unknown>; initiation?: object } = {}) {
  return {
    Data: {
      ReadRefundAccount: "Yes",
      ControlParameters: {
        PSUAuthenticationMethods: ["UK.OBIE.SCA"],
        VRPType: ["UK.OBIE.VRPType.Sweeping"],
        MaximumIndividualAmount: { Amount: options.maximum ?? "100.00", Currency: "GBP" },
        PeriodicLimits: (options.limits ?? [{ PeriodType: "Month", PeriodAlignment: "Consent", Amount: "250.00" }]).map((limit) => ({
          Currency: "GBP",
          ...limit,
        })),
        ...options.extra,
      },
      Initiation: options.initiation ?? { CreditorAccount: SAVER, RemittanceInformation: { Unstructured: ["Sweep to saver"] } },
    },
    Risk: RISK,
  };
}

let keys = 0;
const key = () => `vrp-key-${++keys}`;

const createConsent = async (tenant: string, body: unknown, headers: Record<string, string> = {}) =>
  ob.call({
    method: "POST",
    url: `${BASE}/domestic-vrp-consents`,
    tenant,
    token: await clientToken(t.app, tenant, "payments"),
    body,
    headers: { "x-idempotency-key": key(), ...headers },
  });

/** A consent the customer (good_credit) authorised, with the customer's token. */
async function authorisedConsent(tenant: string, body = consentBody()) {
  const created = await createConsent(tenant, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const consentId = created.body.Data.ConsentId as string;
  const { accessToken, refreshToken } = await authoriseConsent(t.app, { consentId, scope: "payments" });
  return { consentId, token: accessToken, refresh: refreshToken, body };
}

let instructions = 0;
function paymentBody(
  consent: { consentId: string; body: ReturnType<typeof consentBody> },
  amount: string,
  overrides: Record<string, unknown> = {},
) {
  const n = ++instructions;
  return {
    Data: {
      ConsentId: consent.consentId,
      PSUAuthenticationMethod: "UK.OBIE.SCA",
      VRPType: "UK.OBIE.VRPType.Sweeping",
      Initiation: consent.body.Data.Initiation,
      Instruction: {
        InstructionIdentification: `instr-${n}`,
        EndToEndIdentification: `e2e-${n}`,
        InstructedAmount: { Amount: amount, Currency: "GBP" },
        CreditorAccount: SAVER,
        RemittanceInformation: { Unstructured: ["Sweep to saver"] },
      },
      ...overrides,
    },
    Risk: RISK,
  };
}

const pay = (tenant: string, token: string, body: unknown, idempotencyKey = key()) =>
  ob.call({ method: "POST", url: `${BASE}/domestic-vrps`, tenant, token, body, headers: { "x-idempotency-key": idempotencyKey } });

async function balanceOf(tenant: string, accountId: string): Promise<string> {
  const reply = await t.app.inject({ url: `/v1/accounts/${accountId}/balances`, headers: gatewayHeaders(tenant) });
  return reply.json().booked.amount;
}

async function debtorOf(consentId: string): Promise<string> {
  const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  return (JSON.parse(row.accountIds) as string[])[0];
}

/**
 * Moves the tenant's clock, and gives the consent a fresh access token: tokens live an hour on the
 * sandbox clock too (a TPP would use its refresh token).
 */
async function advanceTo(tenant: string, until: string, consent?: { consentId: string; token: string; refresh: string }) {
  const reply = await t.app.inject({
    method: "POST",
    url: "/v1/sandbox/clock/advance",
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
    payload: JSON.stringify({ until }),
  });
  expect(reply.statusCode, reply.body).toBe(200);
  if (consent) {
    const fresh = await refreshConsentToken(t.app, tenant, consent.refresh);
    consent.token = fresh.accessToken;
    consent.refresh = fresh.refreshToken;
  }
}

function expectRefusal(reply: ObReply, status: number, name: string, path?: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(obErrors(reply)[0], JSON.stringify(reply.body)).toMatchObject({ name, ...(path ? { path } : {}) });
}

describe("domestic-vrp-consents: create, read, delete", () => {
  it("creates a consent awaiting authorisation with the app's client-credentials token, signed, and reads it back", async () => {
    const created = await createConsent("app_vrp_a", consentBody());
    expect(created.status).toBe(201);
    expect(created.body.Data).toMatchObject({
      Status: "AWAU",
      ReadRefundAccount: "Yes",
      CreationDateTime: NOW.toISOString(),
      StatusUpdateDateTime: NOW.toISOString(),
      ControlParameters: consentBody().Data.ControlParameters,
      Initiation: consentBody().Data.Initiation,
    });
    expect(created.body.Data.ConsentId).toMatch(/^cns_/);
    expect(created.body.Data).not.toHaveProperty("DebtorAccount");
    expect(created.body.Links.Self).toBe(`http://portal.test${BASE}/domestic-vrp-consents/${created.body.Data.ConsentId}`);
    expect(created.headers["x-jws-signature"]).toEqual(expect.any(String));
    expect(created.headers["x-fapi-interaction-id"]).toEqual(expect.any(String));

    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: created.body.Data.ConsentId } });
    expect(row).toMatchObject({
      standard: "uk_open_banking",
      kind: "domestic_vrp",
      status: "awaiting_authorisation",
      source: "client",
      customerId: null,
    });
    expect(row.expiresAt.toISOString()).toBe("9999-12-31T00:00:00.000Z");

    const read = await ob.call({
      url: `${BASE}/domestic-vrp-consents/${created.body.Data.ConsentId}`,
      tenant: "app_vrp_a",
      token: await clientToken(t.app, "app_vrp_a", "payments"),
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it("the sandbox API key creates consents too, and the same x-idempotency-key replays the first answer", async () => {
    const body = consentBody();
    const first = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_a",
      body,
      headers: { "x-idempotency-key": "same-key-1" },
    });
    const again = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_a",
      body,
      headers: { "x-idempotency-key": "same-key-1" },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const changed = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_a",
      body: consentBody({ maximum: "5.00" }),
      headers: { "x-idempotency-key": "same-key-1" },
    });
    expectRefusal(changed, 400, "UK.OBIE.Header.Invalid", "x-idempotency-key");
    expect(await t.app.db.bankConsent.count({ where: { tenantId: "app_vrp_a", details: { contains: '"5.00"' } } })).toBe(0);
  });

  it("shows the authorised consent with the customer's debtor account; a rejected one is RJCT", async () => {
    const { consentId } = await authorisedConsent("app_vrp_a");
    const read = await ob.call({
      url: `${BASE}/domestic-vrp-consents/${consentId}`,
      tenant: "app_vrp_a",
      token: await clientToken(t.app, "app_vrp_a", "payments"),
    });
    expect(read.body.Data.Status).toBe("AUTH");
    expect(read.body.Data.DebtorAccount).toEqual({
      SchemeName: "UK.OBIE.SortCodeAccountNumber",
      Identification: "99001141825937",
      Name: expect.any(String),
    });

    const refused = await createConsent("app_vrp_a", consentBody());
    await authoriseConsent(t.app, { consentId: refused.body.Data.ConsentId, scope: "payments", approve: false });
    const rejected = await ob.call({ url: `${BASE}/domestic-vrp-consents/${refused.body.Data.ConsentId}`, tenant: "app_vrp_a" });
    expect(rejected.body.Data.Status).toBe("RJCT");
  });

  it("keeps a DebtorAccount the TPP names as the consent's account", async () => {
    const created = await createConsent(
      "app_vrp_a",
      consentBody({ initiation: { DebtorAccount: GOOD_CREDIT_CURRENT, CreditorAccount: SAVER } }),
    );
    expect(created.status).toBe(201);
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: created.body.Data.ConsentId } });
    const account = await t.app.db.bankAccount.findFirstOrThrow({ where: { tenantId: "app_vrp_a", accountNumber: "41825937" } });
    expect(JSON.parse(row.accountIds)).toEqual([account.id]);
  });

  it("deletes (CANC): the consent shows CANC, a second delete changes nothing, consent.revoked is recorded once", async () => {
    const { consentId, token } = await authorisedConsent("app_vrp_a");
    const cc = await clientToken(t.app, "app_vrp_a", "payments");
    const deleted = await ob.call({ method: "DELETE", url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_a", token: cc });
    expect(deleted.status).toBe(204);
    expect(deleted.headers["x-jws-signature"]).toBeUndefined();
    expect(
      (await ob.call({ method: "DELETE", url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_a", token: cc })).status,
    ).toBe(204);
    const read = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_a", token: cc });
    expect(read.body.Data.Status).toBe("CANC");
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
    expect(row).toMatchObject({ status: "revoked", revokedBy: "tpp" });
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: "app_vrp_a", type: "consent.revoked" } });
    expect(events.filter((event) => event.payload.includes(consentId))).toHaveLength(1);
    // Its token reaches nothing any more.
    const payment = await pay("app_vrp_a", token, paymentBody({ consentId, body: consentBody() }, "1.00"));
    expectRefusal(payment, 400, "UK.OBIE.Resource.InvalidConsentStatus", "Data.ConsentId");
  });

  it("deleting a rejected consent changes nothing: still RJCT, not revoked, no consent.revoked", async () => {
    const refused = await createConsent("app_vrp_a", consentBody());
    const consentId = refused.body.Data.ConsentId;
    await authoriseConsent(t.app, { consentId, scope: "payments", approve: false });
    const before = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
    const cc = await clientToken(t.app, "app_vrp_a", "payments");
    const deleted = await ob.call({ method: "DELETE", url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_a", token: cc });
    expect(deleted.status).toBe(204);
    expect((await ob.call({ url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_a", token: cc })).body.Data.Status).toBe(
      "RJCT",
    );
    const after = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
    expect(after).toMatchObject({ status: "rejected", revokedBy: null, revokedAt: null, statusUpdatedAt: before.statusUpdatedAt });
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: "app_vrp_a", type: "consent.revoked" } });
    expect(events.filter((event) => event.payload.includes(consentId))).toHaveLength(0);
  });

  it("answers PUT and PATCH (4.0's version migrations) with 405 and Allow: GET, DELETE", async () => {
    const created = await createConsent("app_vrp_a", consentBody());
    for (const method of ["PUT", "PATCH"] as const) {
      const reply = await ob.call({
        method,
        url: `${BASE}/domestic-vrp-consents/${created.body.Data.ConsentId}`,
        tenant: "app_vrp_a",
        body: consentBody(),
        headers: { "x-idempotency-key": key() },
      });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe("GET, DELETE");
    }
  });

  it("refuses control parameters the standard or the sandbox cannot honour, naming the field", async () => {
    const cases: [unknown, string, string][] = [
      [
        consentBody({ limits: [{ PeriodType: "Fortnight", PeriodAlignment: "Calendar", Amount: "10.00" }] }),
        "UK.OBIE.Field.Invalid",
        "Data.ControlParameters.PeriodicLimits[0].PeriodAlignment",
      ],
      [
        consentBody({ limits: [{ PeriodType: "Day", PeriodAlignment: "Calendar", Amount: "10.00", Currency: "EUR" }] }),
        "UK.OBIE.Field.Invalid",
        "Data.ControlParameters.PeriodicLimits[0].Currency",
      ],
      [consentBody({ maximum: "10.001" }), "UK.OBIE.Field.Invalid", "Data.ControlParameters.MaximumIndividualAmount.Amount"],
      [consentBody({ maximum: "0.00" }), "UK.OBIE.Field.Invalid", "Data.ControlParameters.MaximumIndividualAmount.Amount"],
      [
        consentBody({ extra: { ValidToDateTime: "2026-11-01T00:00:00+00:00" } }),
        "UK.OBIE.Field.InvalidDate",
        "Data.ControlParameters.ValidToDateTime",
      ],
      [
        consentBody({ extra: { ValidFromDateTime: "2027-02-01T00:00:00Z", ValidToDateTime: "2027-01-01T00:00:00Z" } }),
        "UK.OBIE.Field.InvalidDate",
        "Data.ControlParameters.ValidToDateTime",
      ],
      [
        consentBody({ extra: { SupplementaryData: { Unknown: 1 } } }),
        "UK.OBIE.Field.Unexpected",
        "Data.ControlParameters.SupplementaryData",
      ],
      [
        consentBody({ initiation: { DebtorAccount: { ...GOOD_CREDIT_CURRENT, Identification: "99001100000000" } } }),
        "UK.OBIE.Field.Invalid",
        "Data.Initiation.DebtorAccount.Identification",
      ],
      [
        consentBody({ initiation: { CreditorAccount: { ...SAVER, SchemeName: "UK.OBIE.PAN" } } }),
        "UK.OBIE.Unsupported.Scheme",
        "Data.Initiation.CreditorAccount.SchemeName",
      ],
      [
        consentBody({ initiation: { CreditorAccount: { ...SAVER, Identification: "0012" } } }),
        "UK.OBIE.Unsupported.AccountIdentifier",
        "Data.Initiation.CreditorAccount.Identification",
      ],
      [{ ...consentBody(), Risk: { Unknown: true } }, "UK.OBIE.Field.Unexpected", "Risk"],
    ];
    for (const [body, name, path] of cases) {
      const reply = await createConsent("app_vrp_a", body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(obErrors(reply)[0]?.name, JSON.stringify(reply.body)).toBe(name);
      expect(
        obErrors(reply)
          .map((error) => error.path)
          .join(" "),
        JSON.stringify(reply.body),
      ).toContain(path);
    }
  });

  it("requires a valid x-idempotency-key on create", async () => {
    const token = await clientToken(t.app, "app_vrp_a", "payments");
    const missing = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_a",
      token,
      body: consentBody(),
    });
    expectRefusal(missing, 400, "UK.OBIE.Header.Missing", "x-idempotency-key");
    const long = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_a",
      token,
      body: consentBody(),
      headers: { "x-idempotency-key": "k".repeat(41) },
    });
    expectRefusal(long, 400, "UK.OBIE.Header.Invalid", "x-idempotency-key");
  });
});

describe("domestic-vrp-consents: security", () => {
  it("another app's consent does not exist here (400 UK.OBIE.Resource.NotFound), for reading and deleting", async () => {
    const { consentId } = await authorisedConsent("app_vrp_owner");
    const token = await clientToken(t.app, "app_vrp_other", "payments");
    const read = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_other", token });
    expectRefusal(read, 400, "UK.OBIE.Resource.NotFound");
    const deleted = await ob.call({ method: "DELETE", url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_other", token });
    expectRefusal(deleted, 400, "UK.OBIE.Resource.NotFound");
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } })).status).toBe("authorised");
    expectRefusal(
      await ob.call({ url: `${BASE}/domestic-vrp-consents/cns_unknown`, tenant: "app_vrp_owner" }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
  });

  it("refuses the customer's token on the app's endpoints, a token without `payments`, and an unknown token", async () => {
    const { consentId, token } = await authorisedConsent("app_vrp_sec");
    const read = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_sec", token });
    expect(read.status).toBe(403);
    const accounts = await clientToken(t.app, "app_vrp_sec", "accounts");
    const create = await ob.call({
      method: "POST",
      url: `${BASE}/domestic-vrp-consents`,
      tenant: "app_vrp_sec",
      token: accounts,
      body: consentBody(),
      headers: { "x-idempotency-key": key() },
    });
    expect(create.status).toBe(403);
    const unknown = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consentId}`, tenant: "app_vrp_sec", token: "not-a-token" });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toBeUndefined();
  });
});

describe("funds confirmation", () => {
  it("answers Available or NotAvailable against the debtor account's available balance, with the customer's token", async () => {
    const { consentId, token } = await authorisedConsent("app_vrp_funds");
    const url = `${BASE}/domestic-vrp-consents/${consentId}/funds-confirmation`;
    const ask = (amount: string, currency = "GBP") =>
      ob.call({
        method: "POST",
        url,
        tenant: "app_vrp_funds",
        token,
        body: { Data: { ConsentId: consentId, Reference: "check-1", InstructedAmount: { Amount: amount, Currency: currency } } },
      });
    const balances = (
      await t.app.inject({ url: `/v1/accounts/${await debtorOf(consentId)}/balances`, headers: gatewayHeaders("app_vrp_funds") })
    ).json();
    const yes = await ask(balances.available.amount);
    expect(yes.status).toBe(201);
    expect(yes.body.Data).toMatchObject({
      ConsentId: consentId,
      Reference: "check-1",
      FundsAvailableResult: { FundsAvailable: "Available", FundsAvailableDateTime: NOW.toISOString() },
      InstructedAmount: { Amount: balances.available.amount, Currency: "GBP" },
    });
    expect(yes.body.Data.FundsConfirmationId).toMatch(/^fcf_/);
    const over = (BigInt(balances.available.amount.replace(".", "")) + 1n).toString();
    const no = await ask(`${over.slice(0, -2)}.${over.slice(-2)}`);
    expect(no.body.Data.FundsAvailableResult.FundsAvailable).toBe("NotAvailable");
    expectRefusal(await ask("1.00", "EUR"), 400, "UK.OBIE.Unsupported.Currency", "Data.InstructedAmount.Currency");
  });

  it("refuses a consent that is not authorised, another consent's id, and the app's own token", async () => {
    const created = await createConsent("app_vrp_funds", consentBody());
    const consentId = created.body.Data.ConsentId as string;
    const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: "app_vrp_funds", persona: "good_credit" } });
    const early = await mintConsentToken(t.app, { consentId, customerId: customer.id, scope: "payments" });
    const body = { Data: { ConsentId: consentId, InstructedAmount: { Amount: "1.00", Currency: "GBP" } } };
    const url = `${BASE}/domestic-vrp-consents/${consentId}/funds-confirmation`;
    expectRefusal(
      await ob.call({ method: "POST", url, tenant: "app_vrp_funds", token: early, body }),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    const other = await authorisedConsent("app_vrp_funds");
    expectRefusal(
      await ob.call({ method: "POST", url, tenant: "app_vrp_funds", token: other.token, body }),
      403,
      "UK.OBIE.Resource.ConsentMismatch",
    );
    const cc = await clientToken(t.app, "app_vrp_funds", "payments");
    expect((await ob.call({ method: "POST", url, tenant: "app_vrp_funds", token: cc, body })).status).toBe(403);
  });
});

describe("domestic-vrps", () => {
  it("pays within the limits through /v1's payments: signed 201 ACSC, GET, payment-details, /v1/payments and balances agree", async () => {
    const tenant = "app_vrp_pay";
    const consent = await authorisedConsent(tenant);
    const debtor = await debtorOf(consent.consentId);
    const before = await balanceOf(tenant, debtor);
    const paid = await pay(tenant, consent.token, paymentBody(consent, "60.00"));
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.Data).toMatchObject({
      ConsentId: consent.consentId,
      Status: "ACSC",
      CreationDateTime: NOW.toISOString(),
      Instruction: { InstructedAmount: { Amount: "60.00", Currency: "GBP" }, CreditorAccount: SAVER },
      Initiation: consent.body.Data.Initiation,
      DebtorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001141825937" },
      Refund: { Identification: "99001141825937" },
    });
    const id = paid.body.Data.DomesticVRPId as string;
    expect(id).toMatch(/^pay_/);

    const cc = await clientToken(t.app, tenant, "payments");
    const read = await ob.call({ url: `${BASE}/domestic-vrps/${id}`, tenant, token: cc });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(paid.body);
    const details = await ob.call({ url: `${BASE}/domestic-vrps/${id}/payment-details`, tenant, token: cc });
    expect(details.body.Data.PaymentStatus).toEqual([
      expect.objectContaining({
        PaymentTransactionId: id,
        Status: "ACSC",
        StatusDetail: expect.objectContaining({ LocalInstrument: "UK.OBIE.FPS" }),
      }),
    ]);

    const v1 = (await t.app.inject({ url: `/v1/payments/${id}`, headers: gatewayHeaders(tenant) })).json();
    expect(v1).toMatchObject({
      id,
      status: "completed",
      scheme: "instant",
      debtor_account_id: debtor,
      amount: { amount: "60.00", currency: "GBP" },
      creditor: { type: "sort_code", sort_code: "040004", account_number: "12345678", name: "Sweep Saver" },
      reference: "Sweep to saver",
    });
    const row = await t.app.db.bankPayment.findUniqueOrThrow({ where: { id } });
    expect(row.consentId).toBe(consent.consentId);
    expect(JSON.parse(row.details!)).toMatchObject({
      Instruction: { EndToEndIdentification: expect.any(String) },
      VRPType: "UK.OBIE.VRPType.Sweeping",
    });
    expect(Number(before) - Number(await balanceOf(tenant, debtor))).toBeCloseTo(60, 2);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "payment.completed" } });
    expect(events.some((event) => event.payload.includes(id))).toBe(true);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("replays the same x-idempotency-key; 50 concurrent requests with one key make one payment", async () => {
    const tenant = "app_vrp_idem";
    const consent = await authorisedConsent(tenant);
    const body = paymentBody(consent, "5.00");
    const replies = await Promise.all(Array.from({ length: 50 }, () => pay(tenant, consent.token, body, "fifty-of-one")));
    const created = replies.filter((reply) => reply.status === 201);
    const busy = replies.filter((reply) => reply.status === 409);
    expect(created.length + busy.length).toBe(50);
    expect(new Set(created.map((reply) => reply.body.Data.DomesticVRPId)).size).toBe(1);
    expect(busy.every((reply) => obErrors(reply)[0].name === "UK.OBIE.Rules.ResourceAlreadyExists")).toBe(true);
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(1);
    const later = await pay(tenant, consent.token, body, "fifty-of-one");
    expect(later.body.Data.DomesticVRPId).toBe(created[0].body.Data.DomesticVRPId);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "6.00"), "fifty-of-one"),
      400,
      "UK.OBIE.Header.Invalid",
      "x-idempotency-key",
    );
  });

  it("refuses a payment above MaximumIndividualAmount with UK.OBIE.Rules.FailsControlParameters, moving nothing", async () => {
    const tenant = "app_vrp_max";
    const consent = await authorisedConsent(tenant);
    const debtor = await debtorOf(consent.consentId);
    const before = await balanceOf(tenant, debtor);
    const refused = await pay(tenant, consent.token, paymentBody(consent, "100.01"));
    expectRefusal(refused, 400, "UK.OBIE.Rules.FailsControlParameters", "ControlParameters.MaximumIndividualAmount");
    expect(refused.headers["x-jws-signature"]).toEqual(expect.any(String));
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(0);
    expect(await balanceOf(tenant, debtor)).toBe(before);
    expect((await pay(tenant, consent.token, paymentBody(consent, "100.00"))).status).toBe(201);
  });

  it("pays up to a Consent-aligned monthly limit, refuses the next penny, keeps the consent authorised, and pays again in the next period", async () => {
    const tenant = "app_vrp_month";
    const consent = await authorisedConsent(tenant);
    for (const amount of ["60.00", "100.00", "90.00"])
      expect((await pay(tenant, consent.token, paymentBody(consent, amount))).status).toBe(201);
    const over = await pay(tenant, consent.token, paymentBody(consent, "0.01"));
    expectRefusal(over, 400, "UK.OBIE.Rules.FailsControlParameters", "ControlParameters.PeriodicLimits[0]");
    expect(over.body.Errors[0].Message).toContain("2026-11-21T00:00:00.000Z");
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(3);
    const read = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consent.consentId}`, tenant });
    expect(read.body.Data.Status).toBe("AUTH");
    // The period runs from 21 November to 20 December inclusive: one second before it ends, still refused.
    await advanceTo(tenant, "2026-12-20T23:59:59Z", consent);
    expectRefusal(await pay(tenant, consent.token, paymentBody(consent, "0.01")), 400, "UK.OBIE.Rules.FailsControlParameters");
    await advanceTo(tenant, "2026-12-21T00:00:00Z", consent);
    const next = await pay(tenant, consent.token, paymentBody(consent, "100.00"));
    expect(next.status).toBe(201);
    expect(next.body.Data.CreationDateTime).toBe("2026-12-21T00:00:00.000Z");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("pro-rates a Calendar limit in the consent's first period and applies the full limit from the next", async () => {
    const tenant = "app_vrp_calendar";
    // Created on 21 November: 10 of November's 30 days are left, so 300.00 a month allows 100.00 until 30 November.
    const consent = await authorisedConsent(
      tenant,
      consentBody({ maximum: "300.00", limits: [{ PeriodType: "Month", PeriodAlignment: "Calendar", Amount: "300.00" }] }),
    );
    expect((await pay(tenant, consent.token, paymentBody(consent, "100.00"))).status).toBe(201);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "0.01")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.PeriodicLimits[0]",
    );
    await advanceTo(tenant, "2026-12-01T00:00:00Z", consent);
    expect((await pay(tenant, consent.token, paymentBody(consent, "300.00"))).status).toBe(201);
    expectRefusal(await pay(tenant, consent.token, paymentBody(consent, "0.01")), 400, "UK.OBIE.Rules.FailsControlParameters");
  });

  it("holds every limit at once: a daily limit inside a weekly calendar one (ISO weeks start on Monday)", async () => {
    const tenant = "app_vrp_week";
    // Saturday 21 November: 2 of the week's 7 days left, so 70.00 a week allows 20.00 until Sunday.
    const consent = await authorisedConsent(
      tenant,
      consentBody({
        limits: [
          { PeriodType: "Day", PeriodAlignment: "Consent", Amount: "15.00" },
          { PeriodType: "Week", PeriodAlignment: "Calendar", Amount: "70.00" },
        ],
      }),
    );
    expect((await pay(tenant, consent.token, paymentBody(consent, "15.00"))).status).toBe(201);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "1.00")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.PeriodicLimits[0]",
    );
    await advanceTo(tenant, "2026-11-22T09:00:00Z", consent);
    expect((await pay(tenant, consent.token, paymentBody(consent, "5.00"))).status).toBe(201);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "0.01")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.PeriodicLimits[1]",
    );
    await advanceTo(tenant, "2026-11-23T09:00:00Z", consent);
    expect((await pay(tenant, consent.token, paymentBody(consent, "15.00"))).status).toBe(201);
  });

  it("holds the sandbox's limits over the consent's whole life (SupplementaryData)", async () => {
    const tenant = "app_vrp_total";
    const consent = await authorisedConsent(
      tenant,
      consentBody({
        limits: [{ PeriodType: "Day", PeriodAlignment: "Calendar", Amount: "100.00" }],
        extra: {
          SupplementaryData: { MaximumCumulativeAmount: { Amount: "50.00", Currency: "GBP" }, MaximumCumulativeNumberOfPayments: 3 },
        },
      }),
    );
    expect((await pay(tenant, consent.token, paymentBody(consent, "30.00"))).status).toBe(201);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "20.01")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.SupplementaryData.MaximumCumulativeAmount",
    );
    expect((await pay(tenant, consent.token, paymentBody(consent, "10.00"))).status).toBe(201);
    expect((await pay(tenant, consent.token, paymentBody(consent, "1.00"))).status).toBe(201);
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "1.00")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.SupplementaryData.MaximumCumulativeNumberOfPayments",
    );
  });

  it("keeps to the validity window: not before ValidFromDateTime, and EXPD after ValidToDateTime", async () => {
    const tenant = "app_vrp_window";
    const consent = await authorisedConsent(
      tenant,
      consentBody({ extra: { ValidFromDateTime: "2026-11-25T00:00:00Z", ValidToDateTime: "2026-12-01T00:00:00+00:00" } }),
    );
    expectRefusal(
      await pay(tenant, consent.token, paymentBody(consent, "1.00")),
      400,
      "UK.OBIE.Rules.FailsControlParameters",
      "ControlParameters.ValidFromDateTime",
    );
    await advanceTo(tenant, "2026-11-25T00:00:00Z", consent);
    expect((await pay(tenant, consent.token, paymentBody(consent, "1.00"))).status).toBe(201);
    // A token taken half an hour before the end is still good at the end; the consent is not.
    await advanceTo(tenant, "2026-11-30T23:30:00Z", consent);
    await advanceTo(tenant, "2026-12-01T00:00:00Z");
    expectRefusal(await pay(tenant, consent.token, paymentBody(consent, "1.00")), 400, "UK.OBIE.Resource.InvalidConsentStatus");
    // And its refresh token no longer works.
    await expect(refreshConsentToken(t.app, tenant, consent.refresh)).rejects.toThrow();
    const read = await ob.call({ url: `${BASE}/domestic-vrp-consents/${consent.consentId}`, tenant });
    expect(read.body.Data).toMatchObject({ Status: "EXPD", StatusUpdateDateTime: "2026-12-01T00:00:00.000Z" });
  });

  it("a payment the payee's bank declines (magic 666.66) is RJCT, moves nothing and does not count toward the limits", async () => {
    const tenant = "app_vrp_decline";
    const consent = await authorisedConsent(
      tenant,
      consentBody({ maximum: "1000.00", limits: [{ PeriodType: "Year", PeriodAlignment: "Consent", Amount: "700.00" }] }),
    );
    const debtor = await debtorOf(consent.consentId);
    const before = await balanceOf(tenant, debtor);
    const declined = await pay(tenant, consent.token, paymentBody(consent, "666.66"));
    expect(declined.status).toBe(201);
    expect(declined.body.Data.Status).toBe("RJCT");
    expect(declined.body.Data.StatusReason[0].StatusReasonDescription).toContain("666.66");
    expect(await balanceOf(tenant, debtor)).toBe(before);
    expect((await pay(tenant, consent.token, paymentBody(consent, "700.00"))).status).toBe(201);
  });

  it("refuses requests that do not match the consent", async () => {
    const tenant = "app_vrp_match";
    const consent = await authorisedConsent(tenant);
    const base = paymentBody(consent, "1.00");
    const cases: [unknown, string, string][] = [
      [{ ...base, Data: { ...base.Data, ConsentId: "cns_other" } }, "UK.OBIE.Resource.ConsentMismatch", "Data.ConsentId"],
      [{ ...base, Data: { ...base.Data, Initiation: {} } }, "UK.OBIE.Resource.ConsentMismatch", "Data.Initiation"],
      [{ ...base, Risk: { PaymentContextCode: "TransferToThirdParty" } }, "UK.OBIE.Resource.ConsentMismatch", "Risk"],
      [
        {
          ...base,
          Data: {
            ...base.Data,
            Instruction: { ...base.Data.Instruction, CreditorAccount: { ...SAVER, Identification: "04000487654321" } },
          },
        },
        "UK.OBIE.Resource.ConsentMismatch",
        "Data.Instruction.CreditorAccount",
      ],
      [
        { ...base, Data: { ...base.Data, VRPType: "UK.OBIE.VRPType.Other" } },
        "UK.OBIE.Rules.FailsControlParameters",
        "ControlParameters.VRPType",
      ],
      [
        { ...base, Data: { ...base.Data, PSUAuthenticationMethod: "UK.OBIE.SCANotRequired" } },
        "UK.OBIE.Rules.FailsControlParameters",
        "ControlParameters.PSUAuthenticationMethods",
      ],
      [
        {
          ...base,
          Data: { ...base.Data, Instruction: { ...base.Data.Instruction, InstructedAmount: { Amount: "1.00", Currency: "USD" } } },
        },
        "UK.OBIE.Unsupported.Currency",
        "Data.Instruction.InstructedAmount.Currency",
      ],
      [
        { ...base, Data: { ...base.Data, Instruction: { ...base.Data.Instruction, LocalInstrument: "UK.OBIE.CHAPS" } } },
        "UK.OBIE.Unsupported.LocalInstrument",
        "Data.Instruction.LocalInstrument",
      ],
      [
        { ...base, Data: { ...base.Data, Instruction: { ...base.Data.Instruction, InstructedAmount: undefined } } },
        "UK.OBIE.Field.Missing",
        "Data.Instruction.InstructedAmount",
      ],
    ];
    for (const [body, name, path] of cases) {
      const reply = await pay(tenant, consent.token, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(obErrors(reply)[0], JSON.stringify(reply.body)).toEqual({ name, path });
    }
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(0);
  });

  it("security: the app's token cannot pay, a consent that is not authorised cannot pay, another app's payment does not exist", async () => {
    const tenant = "app_vrp_paysec";
    const consent = await authorisedConsent(tenant);
    const cc = await clientToken(t.app, tenant, "payments");
    expect((await pay(tenant, cc, paymentBody(consent, "1.00"))).status).toBe(403);
    const awaiting = await createConsent(tenant, consentBody());
    const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: tenant, persona: "good_credit" } });
    const early = await mintConsentToken(t.app, { consentId: awaiting.body.Data.ConsentId, customerId: customer.id, scope: "payments" });
    expectRefusal(
      await pay(tenant, early, paymentBody({ consentId: awaiting.body.Data.ConsentId, body: consentBody() }, "1.00")),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
    );
    const paid = await pay(tenant, consent.token, paymentBody(consent, "1.00"));
    const id = paid.body.Data.DomesticVRPId;
    const stranger = await clientToken(t.app, "app_vrp_stranger", "payments");
    expectRefusal(
      await ob.call({ url: `${BASE}/domestic-vrps/${id}`, tenant: "app_vrp_stranger", token: stranger }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    expectRefusal(
      await ob.call({ url: `${BASE}/domestic-vrps/${id}/payment-details`, tenant: "app_vrp_stranger", token: stranger }),
      400,
      "UK.OBIE.Resource.NotFound",
    );
    // A /v1 payment is not a VRP.
    const v1 = await t.app.db.bankPayment.create({
      data: { ...(await t.app.db.bankPayment.findUniqueOrThrow({ where: { id } })), id: "pay_v1only", consentId: null, details: null },
    });
    expectRefusal(await ob.call({ url: `${BASE}/domestic-vrps/${v1.id}`, tenant, token: cc }), 400, "UK.OBIE.Resource.NotFound");
    await t.app.db.bankPayment.delete({ where: { id: v1.id } });
    // The customer's token does not read payments (client credentials do).
    expect((await ob.call({ url: `${BASE}/domestic-vrps/${id}`, tenant, token: consent.token })).status).toBe(403);
  });
});

describe("response signing", () => {
  it("signs the exact body bytes with the key in /oauth/jwks (PS256, the profile's claims, no b64); a changed body fails", async () => {
    const created = await createConsent("app_vrp_sign", consentBody());
    const signature = created.headers["x-jws-signature"] as string;
    const [header, payload, value] = signature.split(".");
    expect(payload).toBe("");
    expect(value.length).toBeGreaterThan(300);
    const decoded = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    expect(decoded).toEqual({
      alg: "PS256",
      typ: "JOSE",
      cty: "application/json",
      kid: expect.any(String),
      "http://openbanking.org.uk/iat": Math.floor(NOW.getTime() / 1000),
      "http://openbanking.org.uk/iss": "openbank-sandbox",
      "http://openbanking.org.uk/tan": "portal.test",
      crit: ["http://openbanking.org.uk/iat", "http://openbanking.org.uk/iss", "http://openbanking.org.uk/tan"],
    });
    const key = await ob.bankKey(decoded.kid);
    expect(verifyDetachedSignature(signature, created.raw, key)).toMatchObject({ valid: true });
    expect(verifyDetachedSignature(signature, created.raw.replace("AWAU", "AUTH"), key)).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyDetachedSignature(signature, `${created.raw} `, key)).toEqual({ valid: false, reason: "bad_signature" });

    // An independent JOSE library agrees (RFC 7515 Appendix F: the payload re-inserted).
    const { flattenedVerify, importJWK } = await import("jose");
    const verified = await flattenedVerify(
      { protected: header, payload: Buffer.from(created.raw).toString("base64url"), signature: value },
      await importJWK(key, "PS256"),
      { crit: { "http://openbanking.org.uk/iat": true, "http://openbanking.org.uk/iss": true, "http://openbanking.org.uk/tan": true } },
    );
    expect(Buffer.from(verified.payload).toString("utf8")).toBe(created.raw);
  });

  it("signs error answers with a body too (the document requires it on 400)", async () => {
    const reply = await createConsent("app_vrp_sign", consentBody({ maximum: "0.00" }));
    expect(reply.status).toBe(400);
    expect(reply.headers["x-jws-signature"]).toEqual(expect.any(String));
  });
});
