import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@openbank/contracts/ids";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import { authoriseStandardConsent, clientCredentialsToken, REDIRECT } from "./oauth-fixture";

/**
 * UK Open Banking's authorisation of a consent the app created: `openbanking_intent_id` names it,
 * the customer approves on the bank's pages, and that same consent becomes authorised with the
 * customer's choice of accounts; its token names it. (The consents are written directly here: the
 * standard's consent endpoints have their own tests.)
 */
let t: TestApp;
const APP = "app_intentA";
const OTHER = "app_intentB";

beforeAll(async () => {
  t = await buildTestApp();
  // Seed both tenants (the customers and accounts the consents need).
  for (const tenant of [APP, OTHER]) await t.app.inject({ url: "/v1/accounts", headers: gatewayHeaders(tenant) });
});
afterAll(() => t.close());

async function ukConsent(kind: string, details: unknown, overrides: { appId?: string; status?: string; expiresAt?: Date } = {}) {
  const appId = overrides.appId ?? APP;
  const now = new Date();
  return t.app.db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId: appId,
      appId,
      customerId: null,
      permissions: JSON.stringify(kind === "account_access" ? ["ReadAccountsDetail", "ReadBalances"] : []),
      accountIds: "[]",
      status: overrides.status ?? "awaiting_authorisation",
      source: "client",
      standard: "uk_open_banking",
      kind,
      details: JSON.stringify(details),
      createdAt: now,
      statusUpdatedAt: now,
      expiresAt: overrides.expiresAt ?? new Date("9999-12-31T00:00:00Z"),
    },
  });
}

const customerAccounts = (persona: string) =>
  t.app.db.bankAccount.findMany({ where: { tenantId: APP, customer: { persona } }, orderBy: { id: "asc" } });

describe("authorising a UK Open Banking consent", () => {
  it("turns the app's consent authorised with the chosen accounts; the token and the id_token name it", async () => {
    const consent = await ukConsent("account_access", { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"] } });
    const result = await authoriseStandardConsent(t.app, { appId: APP, consentId: consent.id, scope: "accounts", accounts: (ids) => ids });
    expect(result.flow.consent?.body).toContain("Share account information");
    expect(result.flow.consent?.body).toContain("See your balances");
    expect(result.accessToken).toBeTruthy();
    expect(result.tokens.consent_id).toBe(consent.id);
    expect(decodeJwt(result.tokens.id_token).openbanking_intent_id).toBe(consent.id);

    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } });
    const mine = (await customerAccounts("good_credit")).map((account) => account.id).sort();
    expect(row).toMatchObject({ status: "authorised", customerId: expect.stringMatching(/^cus_/), grantId: expect.any(String) });
    expect(JSON.parse(row.accountIds)).toEqual(mine);
    // /v1 lists every standard's consents, in its own shape (the UK permissions kept apart).
    const listed = await t.app.inject({ url: "/v1/consents?standard=uk_open_banking", headers: gatewayHeaders(APP) });
    expect(listed.json().data.find((c: { id: string }) => c.id === consent.id)).toMatchObject({
      standard: "uk_open_banking",
      kind: "account_access",
      status: "authorised",
      permissions: [],
      standard_permissions: ["ReadAccountsDetail", "ReadBalances"],
      expires_at: null,
    });
  });

  it("a payment consent naming its debtor account offers only that account, as a single choice", async () => {
    const [current] = (await customerAccounts("good_credit")).filter((account) => account.type === "current");
    const consent = await ukConsent("domestic_payment", {
      Data: {
        Initiation: {
          InstructedAmount: { Amount: "12.34", Currency: "GBP" },
          CreditorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "08080021325698", Name: "ACME Ltd" },
          DebtorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: `${current.sortCode}${current.accountNumber}` },
          RemittanceInformation: {
            Unstructured: ["Order 1001"],
            Structured: [{ CreditorReferenceInformation: { Reference: "RF18 5390 0754" } }],
          },
        },
      },
    });
    const result = await authoriseStandardConsent(t.app, { appId: APP, consentId: consent.id, scope: "payments" });
    const page = result.flow.consent!.body;
    expect(page).toContain("Pay 12.34 GBP to ACME Ltd");
    expect(page).toContain("Reference: RF18 5390 0754");
    expect([...page.matchAll(/type="radio" id="account-[^"]+" name="account_id" value="([^"]+)"/g)].map((m) => m[1])).toEqual([current.id]);
    expect(result.tokens.consent_id).toBe(consent.id);
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } });
    expect(JSON.parse(row.accountIds)).toEqual([current.id]);
  });

  it("a denial rejects the consent and sends the app access_denied", async () => {
    const consent = await ukConsent("account_access", { Data: { Permissions: ["ReadAccountsDetail"] } });
    const result = await authoriseStandardConsent(t.app, { appId: APP, consentId: consent.id, scope: "accounts", deny: true });
    expect(result.flow.location?.searchParams.get("error")).toBe("access_denied");
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } })).status).toBe("rejected");
  });

  it.each([
    ["another app's consent", async () => (await ukConsent("account_access", {}, { appId: OTHER })).id, "accounts", /no consent/],
    ["an unknown consent", async () => "cns_doesnotexist0000000000", "accounts", /no consent/],
    [
      "an authorised consent (authorised once)",
      async () => (await ukConsent("account_access", {}, { status: "authorised" })).id,
      "accounts",
      /authorised once/,
    ],
    [
      "an expired consent",
      async () => (await ukConsent("account_access", {}, { expiresAt: new Date(Date.now() - 1000) })).id,
      "accounts",
      /expired/,
    ],
    [
      "a payment consent asked with the accounts scope",
      async () => (await ukConsent("domestic_payment", {})).id,
      "accounts",
      /scope payments/,
    ],
  ])("refuses %s before the customer logs in", async (_name, make, scope, reason) => {
    const consentId = await make();
    const result = await authoriseStandardConsent(t.app, { appId: APP, consentId, scope });
    expect(result.flow.login).toBeUndefined();
    const location = new URL(String(result.flow.start.headers.location));
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(reason);
  });

  it("refuses a file payment consent still awaiting its file (AWUP): the app hears why, the consent stays unauthorised", async () => {
    const consent = await ukConsent("file_payment", {
      Data: { Initiation: { FileType: "UK.OBIE.PaymentInitiation.4.0", FileHash: "m5ah/h1UjLvJYMxqAoZmj9dKdjZnsGNm+yMkJp/KuqQ=" } },
    });
    const result = await authoriseStandardConsent(t.app, { appId: APP, consentId: consent.id, scope: "payments" });
    expect(result.flow.login).toBeUndefined();
    expect(result.flow.consent).toBeUndefined();
    const location = new URL(String(result.flow.start.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/file has not been uploaded/);
    expect(location.searchParams.get("error_description")).toContain(consent.id);
    expect(await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } })).toMatchObject({
      status: "awaiting_authorisation",
      customerId: null,
      grantId: null,
    });
  });

  it("a standard's scope without openbanking_intent_id is refused", async () => {
    const { runAuthorization } = await import("./oauth-fixture");
    const flow = await runAuthorization(t.app, { appId: APP, scope: "openid accounts" });
    expect(new URL(String(flow.start.headers.location)).searchParams.get("error_description")).toMatch(/openbanking_intent_id/);
  });
});

describe("client-credentials tokens", () => {
  it("are issued with a standard's scope and known to the gateway's token-owner question as the app's", async () => {
    const access = await clientCredentialsToken(t.app, APP, "accounts");
    const owner = await t.app.inject({
      method: "POST",
      url: "/internal/oauth/token-owner",
      headers: { ...gatewayHeaders(APP), "content-type": "application/json" },
      payload: { token: access },
    });
    expect(owner.json()).toEqual({ app_id: APP, jkt: null });
  });

  it("are refused on /v1 (the app's own token is not a customer's consent)", async () => {
    const access = await clientCredentialsToken(t.app, APP, "accounts");
    const response = await t.app.inject({ url: "/v1/accounts", headers: gatewayHeaders(APP, { "x-consent-token": access }) });
    expect(response.statusCode).toBe(401);
  });
});
