import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * UK Open Banking 4.0 Confirmation of Funds in process: funds-confirmation-consents (create, get,
 * delete) and funds-confirmations, every answer checked against uk-ob-confirmation-funds-4.0.yaml.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const BASE = "/open-banking/v4.0/cbpii";
const GOOD_CREDIT_CURRENT = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "99001141825937", Name: "Alex Morgan" };

let t: TestApp;
let ob: ReturnType<typeof obClient>;

beforeAll(async () => {
  standardsAvailable();
  t = await buildTestApp({ now: () => NOW });
  ob = obClient(t.app, "uk-cbpii");
});
afterAll(() => t.close());

const consentBody = (data: Record<string, unknown> = {}) => ({ Data: { DebtorAccount: GOOD_CREDIT_CURRENT, ...data } });

const createConsent = async (tenant: string, body: unknown, token?: string) =>
  ob.call({
    method: "POST",
    url: `${BASE}/funds-confirmation-consents`,
    tenant,
    token: token ?? (await clientToken(t.app, tenant, "fundsconfirmations")),
    body,
  });

async function authorisedConsent(tenant: string, body: unknown = consentBody()) {
  const created = await createConsent(tenant, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const consentId = created.body.Data.ConsentId as string;
  const tokens = await authoriseConsent(t.app, { consentId, scope: "fundsconfirmations" });
  return { consentId, token: tokens.accessToken, refresh: tokens.refreshToken };
}

const confirm = (tenant: string, token: string, consentId: string, amount: string, currency = "GBP") =>
  ob.call({
    method: "POST",
    url: `${BASE}/funds-confirmations`,
    tenant,
    token,
    body: { Data: { ConsentId: consentId, Reference: "Purchase01", InstructedAmount: { Amount: amount, Currency: currency } } },
  });

function expectRefusal(reply: ObReply, status: number, name: string, path?: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(obErrors(reply)[0], JSON.stringify(reply.body)).toMatchObject({ name, ...(path ? { path } : {}) });
}

async function available(tenant: string, consentId: string): Promise<string> {
  const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  const accountId = (JSON.parse(row.accountIds) as string[])[0];
  return (await t.app.inject({ url: `/v1/accounts/${accountId}/balances`, headers: gatewayHeaders(tenant) })).json().available.amount;
}

const penny = (amount: string, delta: bigint) => {
  const minor = BigInt(amount.replace(".", "")) + delta;
  return `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;
};

describe("funds-confirmation-consents", () => {
  it("creates a consent awaiting authorisation for a named account, reads it, deletes it (CANC)", async () => {
    const tenant = "app_cof_a";
    const created = await createConsent(tenant, consentBody({ ExpirationDateTime: "2027-05-21T00:00:00+00:00" }));
    expect(created.status).toBe(201);
    expect(created.body.Data).toEqual({
      ConsentId: expect.stringMatching(/^cns_/),
      CreationDateTime: NOW.toISOString(),
      Status: "AWAU",
      StatusUpdateDateTime: NOW.toISOString(),
      ExpirationDateTime: "2027-05-21T00:00:00+00:00",
      DebtorAccount: GOOD_CREDIT_CURRENT,
    });
    expect(created.body.Links.Self).toBe(`http://portal.test${BASE}/funds-confirmation-consents/${created.body.Data.ConsentId}`);
    expect(created.headers["x-jws-signature"]).toBeUndefined();
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: created.body.Data.ConsentId } });
    const account = await t.app.db.bankAccount.findFirstOrThrow({ where: { tenantId: tenant, accountNumber: "41825937" } });
    expect(row).toMatchObject({ kind: "funds_confirmation", standard: "uk_open_banking", accountIds: JSON.stringify([account.id]) });
    expect(row.expiresAt.toISOString()).toBe("2027-05-21T00:00:00.000Z");

    const cc = await clientToken(t.app, tenant, "fundsconfirmations");
    const url = `${BASE}/funds-confirmation-consents/${created.body.Data.ConsentId}`;
    expect((await ob.call({ url, tenant, token: cc })).body).toEqual(created.body);
    const deleted = await ob.call({ method: "DELETE", url, tenant, token: cc });
    expect(deleted.status).toBe(204);
    expect((await ob.call({ url, tenant, token: cc })).body.Data.Status).toBe("CANC");
    expect((await ob.call({ method: "DELETE", url, tenant, token: cc })).status).toBe(204);
  });

  it("an IBAN names the account too; an open-ended consent has no ExpirationDateTime", async () => {
    const tenant = "app_cof_a";
    const account = await t.app.db.bankAccount.findFirstOrThrow({ where: { tenantId: tenant, accountNumber: "41825937" } });
    const created = await createConsent(tenant, { Data: { DebtorAccount: { SchemeName: "UK.OBIE.IBAN", Identification: account.iban! } } });
    expect(created.status).toBe(201);
    expect(created.body.Data).not.toHaveProperty("ExpirationDateTime");
  });

  it("refuses what it cannot honour, naming the field", async () => {
    const tenant = "app_cof_a";
    const cases: [unknown, string, string][] = [
      [{ Data: {} }, "UK.OBIE.Field.Invalid", "Data.DebtorAccount"],
      [
        consentBody({ DebtorAccount: { ...GOOD_CREDIT_CURRENT, Identification: "99001100000000" } }),
        "UK.OBIE.Field.Invalid",
        "Data.DebtorAccount.Identification",
      ],
      [
        consentBody({ DebtorAccount: { ...GOOD_CREDIT_CURRENT, SchemeName: "UK.OBIE.PAN" } }),
        "UK.OBIE.Unsupported.Scheme",
        "Data.DebtorAccount.SchemeName",
      ],
      [consentBody({ ExpirationDateTime: "2026-11-20T00:00:00Z" }), "UK.OBIE.Field.InvalidDate", "Data.ExpirationDateTime"],
      [{ ...consentBody(), Risk: {} }, "UK.OBIE.Field.Invalid", "Risk"],
    ];
    for (const [body, name, path] of cases) {
      const reply = await createConsent(tenant, body);
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

  it("security: another app's consent does not exist here; the payments scope, a customer's token and no token are refused", async () => {
    const { consentId, token } = await authorisedConsent("app_cof_owner");
    const stranger = await clientToken(t.app, "app_cof_stranger", "fundsconfirmations");
    const url = `${BASE}/funds-confirmation-consents/${consentId}`;
    expectRefusal(await ob.call({ url, tenant: "app_cof_stranger", token: stranger }), 400, "UK.OBIE.Resource.NotFound");
    expectRefusal(await ob.call({ method: "DELETE", url, tenant: "app_cof_stranger", token: stranger }), 400, "UK.OBIE.Resource.NotFound");
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } })).status).toBe("authorised");
    expect((await createConsent("app_cof_owner", consentBody(), await clientToken(t.app, "app_cof_owner", "payments"))).status).toBe(403);
    expect((await ob.call({ url, tenant: "app_cof_owner", token })).status).toBe(403);
    const bogus = await ob.call({ url, tenant: "app_cof_owner", token: "bogus" });
    expect(bogus.status).toBe(401);
    expect(bogus.body).toBeUndefined();
  });
});

describe("funds-confirmations", () => {
  it("answers true up to the available balance (arranged overdraft included) and false beyond it", async () => {
    const tenant = "app_cof_funds";
    const { consentId, token } = await authorisedConsent(tenant);
    const limit = await available(tenant, consentId);
    const account = await t.app.db.bankAccount.findFirstOrThrow({ where: { tenantId: tenant, accountNumber: "41825937" } });
    // The arranged overdraft counts: more than the booked balance is still available.
    expect(Number(limit)).toBeGreaterThan(Number(account.bookedBalance) / 100);
    const yes = await confirm(tenant, token, consentId, limit);
    expect(yes.status).toBe(201);
    expect(yes.body.Data).toEqual({
      FundsConfirmationId: expect.stringMatching(/^fcf_/),
      ConsentId: consentId,
      CreationDateTime: NOW.toISOString(),
      FundsAvailable: true,
      Reference: "Purchase01",
      InstructedAmount: { Amount: limit, Currency: "GBP" },
    });
    expect((await confirm(tenant, token, consentId, penny(limit, 1n))).body.Data.FundsAvailable).toBe(false);
    expect((await confirm(tenant, token, consentId, "0.01")).body.Data.FundsAvailable).toBe(true);
    expectRefusal(
      await confirm(tenant, token, consentId, "1.00", "EUR"),
      400,
      "UK.OBIE.Unsupported.Currency",
      "Data.InstructedAmount.Currency",
    );
    expectRefusal(await confirm(tenant, token, consentId, "1.001"), 400, "UK.OBIE.Field.Invalid", "Data.InstructedAmount.Amount");
    // Nothing was reserved or moved.
    expect(await available(tenant, consentId)).toBe(limit);
  });

  it("signs its answers when the gateway says the app turned message signing on", async () => {
    const tenant = "app_cof_sign";
    const { consentId, token } = await authorisedConsent(tenant);
    const plain = await confirm(tenant, token, consentId, "1.00");
    expect(plain.headers["x-jws-signature"]).toBeUndefined();
    const signed = await ob.call({
      method: "POST",
      url: `${BASE}/funds-confirmations`,
      tenant,
      token,
      body: { Data: { ConsentId: consentId, Reference: "Purchase02", InstructedAmount: { Amount: "1.00", Currency: "GBP" } } },
      headers: { "x-ob-message-signing": "on" },
    });
    expect(signed.status).toBe(201);
    // obClient has verified it against the published key.
    expect(signed.headers["x-jws-signature"]).toEqual(expect.any(String));
    const consent = await ob.call({
      url: `${BASE}/funds-confirmation-consents/${consentId}`,
      tenant,
      token: await clientToken(t.app, tenant, "fundsconfirmations"),
      headers: { "x-ob-message-signing": "on" },
    });
    expect(consent.headers["x-jws-signature"]).toEqual(expect.any(String));
  });

  it("refuses a consent not authorised, revoked or expired, another consent's id, and a VRP consent's token", async () => {
    const tenant = "app_cof_states";
    const awaiting = await createConsent(tenant, consentBody());
    const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: tenant, persona: "good_credit" } });
    const early = await mintConsentToken(t.app, {
      consentId: awaiting.body.Data.ConsentId,
      customerId: customer.id,
      scope: "fundsconfirmations",
    });
    expectRefusal(
      await confirm(tenant, early, awaiting.body.Data.ConsentId, "1.00"),
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
      "Data.ConsentId",
    );

    const first = await authorisedConsent(tenant);
    const second = await authorisedConsent(tenant);
    expectRefusal(await confirm(tenant, first.token, second.consentId, "1.00"), 400, "UK.OBIE.Resource.ConsentMismatch", "Data.ConsentId");

    const cc = await clientToken(t.app, tenant, "fundsconfirmations");
    await ob.call({ method: "DELETE", url: `${BASE}/funds-confirmation-consents/${first.consentId}`, tenant, token: cc });
    expectRefusal(await confirm(tenant, first.token, first.consentId, "1.00"), 400, "UK.OBIE.Resource.InvalidConsentStatus");

    const dated = await authorisedConsent(tenant, consentBody({ ExpirationDateTime: "2026-11-22T00:00:00Z" }));
    const advanced = await t.app.inject({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
      payload: JSON.stringify({ until: "2026-11-21T23:45:00Z" }),
    });
    expect(advanced.statusCode).toBe(200);
    const fresh = await refreshConsentToken(t.app, tenant, dated.refresh);
    await t.app.inject({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
      payload: JSON.stringify({ until: "2026-11-22T00:00:00Z" }),
    });
    expectRefusal(await confirm(tenant, fresh.accessToken, dated.consentId, "1.00"), 400, "UK.OBIE.Resource.InvalidConsentStatus");
    const read = await ob.call({ url: `${BASE}/funds-confirmation-consents/${dated.consentId}`, tenant, token: cc });
    expect(read.body.Data).toMatchObject({ Status: "EXPD", StatusUpdateDateTime: "2026-11-22T00:00:00.000Z" });

    // A VRP consent's token carries `payments`, not `fundsconfirmations`.
    const accountIds = (await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: second.consentId } })).accountIds;
    const vrp = await t.app.db.bankConsent.create({
      data: {
        id: "cns_vrp_for_cof",
        tenantId: tenant,
        appId: tenant,
        customerId: customer.id,
        permissions: "[]",
        accountIds,
        status: "authorised",
        source: "client",
        standard: "uk_open_banking",
        kind: "domestic_vrp",
        details: "{}",
        createdAt: NOW,
        expiresAt: new Date("9999-12-31T00:00:00Z"),
      },
    });
    const vrpToken = await mintConsentToken(t.app, { consentId: vrp.id, customerId: customer.id, scope: "payments" });
    expect((await confirm(tenant, vrpToken, vrp.id, "1.00")).status).toBe(403);
    const mixed = await mintConsentToken(t.app, { consentId: vrp.id, customerId: customer.id, scope: "fundsconfirmations" });
    expectRefusal(await confirm(tenant, mixed, vrp.id, "1.00"), 403, "UK.OBIE.Resource.ConsentMismatch");
  });
});
