import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { obErrorCodes } from "@openbank/contracts/open-banking-errors";
import { expectConformant, standardsAvailable } from "../../tests/support/standards-contract";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import { authoriseStandardConsent, CLIENT_ID, token } from "./oauth-fixture";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const BASE = "/open-banking/v4.0/aisp";
const ALL_PERMISSIONS = [
  "ReadAccountsDetail",
  "ReadBalances",
  "ReadBeneficiariesDetail",
  "ReadDirectDebits",
  "ReadOffers",
  "ReadPAN",
  "ReadParty",
  "ReadPartyPSU",
  "ReadProducts",
  "ReadScheduledPaymentsDetail",
  "ReadStandingOrdersDetail",
  "ReadStatementsDetail",
  "ReadTransactionsCredits",
  "ReadTransactionsDebits",
  "ReadTransactionsDetail",
];

let t: TestApp;
const checked = standardsAvailable();

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
});
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: any };

/** A call through the bank as the gateway forwards it; every answer is checked against the official document. */
async function ob(
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { tenant: string; token?: string; body?: unknown; headers?: Record<string, string> },
): Promise<Reply> {
  const headers = gatewayHeaders(options.tenant, {
    ...(options.token ? { "x-consent-token": options.token } : {}),
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  });
  const response = await t.app.inject({
    method,
    url: `${BASE}${path}`,
    headers,
    payload: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const body = response.body === "" ? undefined : response.json();
  const answered = response.headers as Reply["headers"];
  if (checked) expectConformant({ method, path: `${BASE}${path}`, status: response.statusCode, headers: answered, body });
  return { status: response.statusCode, headers: answered, body };
}

/** The app's client-credentials token (scope accounts unless said). */
async function appToken(tenant: string, scope = "accounts"): Promise<string> {
  const reply = await token(t.app, tenant, { grant_type: "client_credentials", scope });
  expect(reply.status).toBe(200);
  return reply.body.access_token as string;
}

async function createConsent(tenant: string, data: Record<string, unknown> = {}, credential?: string): Promise<Reply> {
  return ob("POST", "/account-access-consents", {
    tenant,
    token: credential ?? (await appToken(tenant)),
    body: { Data: { Permissions: ALL_PERMISSIONS, ...data }, Risk: {} },
  });
}

/** The customer authorises the consent at the bank (openbanking_intent_id, login, accounts, approve): their token. */
async function authorise(tenant: string, consentId: string, options: { persona?: string; accounts?: (ids: string[]) => string[] } = {}) {
  const { accessToken, flow } = await authoriseStandardConsent(t.app, {
    appId: tenant,
    consentId,
    scope: "accounts",
    persona: options.persona ?? "good_credit",
    accounts: options.accounts ?? ((ids) => ids),
  });
  expect(accessToken, JSON.stringify(flow.location)).toBeTruthy();
  const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  return { token: accessToken!, customerId: row.customerId!, accountIds: (JSON.parse(row.accountIds) as string[]).sort() };
}

/**
 * A token for a consent whatever its state (the authorization server only issues them for
 * authorised ones): to show what the resource server does when a token outlives its consent's state.
 */
async function tokenFor(consentId: string, persona = "good_credit"): Promise<string> {
  const consent = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: consent.tenantId, persona } });
  const grantId = consent.grantId ?? `grant_${consentId}`;
  await t.app.db.bankConsent.update({ where: { id: consentId }, data: { grantId } });
  return mintAccessToken({ accountId: customer.id, grantId, scope: "openid accounts" });
}

/** An access token minted straight at the authorization server (its extra claims name the grant's consent). */
function mintAccessToken(fields: { accountId: string; grantId: string; scope: string }): Promise<string> {
  const provider = t.app.authorizationServer;
  const options = { clientId: CLIENT_ID, gty: "authorization_code", ...fields };
  return new provider.AccessToken(options as unknown as ConstructorParameters<typeof provider.AccessToken>[0]).save();
}

/** /v1 as the app calls it with its API key (the gateway sends no token). */
async function v1(tenant: string, method: "GET" | "POST", url: string, body?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: gatewayHeaders(
      tenant,
      body === undefined ? {} : { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
    ),
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.statusCode, body: response.json() as any };
}

const errorNames = (reply: Reply) => (reply.body?.Errors ?? []).map((error: { Message: string }) => error.Message.split(":")[0]);

/** Every AIS read of the document, for one account and one of its statements. */
function readOperations(accountId: string, statementId: string): string[] {
  const a = `/accounts/${accountId}`;
  return [
    "/accounts",
    a,
    `${a}/balances`,
    "/balances",
    `${a}/transactions`,
    "/transactions",
    `${a}/beneficiaries`,
    "/beneficiaries",
    `${a}/direct-debits`,
    "/direct-debits",
    `${a}/standing-orders`,
    "/standing-orders",
    `${a}/scheduled-payments`,
    "/scheduled-payments",
    `${a}/offers`,
    "/offers",
    `${a}/party`,
    `${a}/parties`,
    "/party",
    `${a}/product`,
    "/products",
    `${a}/statements`,
    "/statements",
    `${a}/statements/${statementId}`,
    `${a}/statements/${statementId}/file`,
    `${a}/statements/${statementId}/transactions`,
  ];
}

/** The main tenant: good_credit has authorised one consent with every permission and all three accounts. */
const MAIN = "app_ais_main";
const main = { consentId: "", token: "", accountIds: [] as string[], current: "", savings: "", card: "", statementId: "" };

beforeAll(async () => {
  const created = await createConsent(MAIN);
  main.consentId = created.body.Data.ConsentId;
  const granted = await authorise(MAIN, main.consentId);
  main.token = granted.token;
  main.accountIds = granted.accountIds;
  const accounts = await t.app.db.bankAccount.findMany({ where: { id: { in: granted.accountIds } }, select: { id: true, type: true } });
  main.current = accounts.find((a) => a.type === "current")!.id;
  main.savings = accounts.find((a) => a.type === "savings")!.id;
  main.card = accounts.find((a) => a.type === "credit_card")!.id;
  const statements = await ob("GET", `/accounts/${main.current}/statements`, { tenant: MAIN, token: main.token });
  main.statementId = statements.body.Data.Statement[0].StatementId;
});

describe("POST /account-access-consents", () => {
  it("creates a consent awaiting authorisation (AWAU) with the body as sent, and its Self link", async () => {
    const reply = await createConsent(
      MAIN,
      {
        ExpirationDateTime: "2027-05-02T10:00:00+01:00",
        TransactionFromDateTime: "2026-01-01T00:00:00+00:00",
        TransactionToDateTime: "2026-12-31T23:59:59+00:00",
      },
      undefined,
    );
    expect(reply.status).toBe(201);
    expect(reply.headers["x-fapi-interaction-id"]).toBeTruthy();
    const data = reply.body.Data;
    expect(data).toMatchObject({
      Status: "AWAU",
      CreationDateTime: NOW.toISOString(),
      StatusUpdateDateTime: NOW.toISOString(),
      Permissions: ALL_PERMISSIONS,
      ExpirationDateTime: "2027-05-02T10:00:00+01:00",
      TransactionFromDateTime: "2026-01-01T00:00:00+00:00",
      TransactionToDateTime: "2026-12-31T23:59:59+00:00",
    });
    expect(data.ConsentId).toMatch(/^cns_/);
    expect(reply.body.Risk).toEqual({});
    expect(reply.body.Links.Self).toBe(`http://portal.test${BASE}/account-access-consents/${data.ConsentId}`);
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: data.ConsentId } });
    expect(row).toMatchObject({
      standard: "uk_open_banking",
      kind: "account_access",
      status: "awaiting_authorisation",
      source: "client",
      customerId: null,
      appId: MAIN,
      expiresAt: new Date("2027-05-02T09:00:00.000Z"),
    });
  });

  it("echoes x-fapi-interaction-id, accepts the FAPI headers and the app's API key in place of a token", async () => {
    const reply = await ob("POST", "/account-access-consents", {
      tenant: MAIN,
      body: { Data: { Permissions: ["ReadAccountsBasic", "ReadBalances"] } },
      headers: {
        "x-fapi-interaction-id": "93bac548-d2de-4546-b106-880a5018460d",
        "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 UTC",
        "x-fapi-customer-ip-address": "104.25.212.99",
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers["x-fapi-interaction-id"]).toBe("93bac548-d2de-4546-b106-880a5018460d");
    // No ExpirationDateTime: open-ended, stored with the far-future expiry and answered without one.
    expect(reply.body.Data.ExpirationDateTime).toBeUndefined();
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: reply.body.Data.ConsentId } });
    expect(row.expiresAt.toISOString()).toBe("9999-12-31T00:00:00.000Z");
  });

  it("refuses the permission combinations the profile forbids, with 400 UK.OBIE.Field.Invalid", async () => {
    const cases: [string[], RegExp][] = [
      [["ReadBalances"], /ReadAccountsBasic or ReadAccountsDetail/],
      [["ReadAccountsBasic", "ReadTransactionsBasic"], /need ReadTransactionsCredits/],
      [["ReadAccountsBasic", "ReadTransactionsDetail"], /need ReadTransactionsCredits/],
      [["ReadAccountsBasic", "ReadTransactionsCredits"], /need ReadTransactionsBasic or ReadTransactionsDetail/],
      [["ReadAccountsBasic", "ReadTransactionsDebits"], /need ReadTransactionsBasic or ReadTransactionsDetail/],
    ];
    const credential = await appToken(MAIN);
    for (const [permissions, message] of cases) {
      const reply = await ob("POST", "/account-access-consents", {
        tenant: MAIN,
        token: credential,
        body: { Data: { Permissions: permissions } },
      });
      expect(reply.status, permissions.join()).toBe(400);
      expect(errorNames(reply)).toEqual(["UK.OBIE.Field.Invalid"]);
      expect(reply.body.Errors[0]).toMatchObject({ ErrorCode: obErrorCodes["UK.OBIE.Field.Invalid"], Path: "Data.Permissions" });
      expect(reply.body.Errors[0].Message).toMatch(message);
    }
    // Duplicates and a Basic code beside its Detail code are not errors.
    const duplicated = await ob("POST", "/account-access-consents", {
      tenant: MAIN,
      token: credential,
      body: { Data: { Permissions: ["ReadAccountsBasic", "ReadAccountsDetail", "ReadAccountsBasic"] } },
    });
    expect(duplicated.status).toBe(201);
    expect(duplicated.body.Data.Permissions).toEqual(["ReadAccountsBasic", "ReadAccountsDetail"]);
  });

  it("refuses malformed bodies and dates: unknown or empty permissions, past expiry, From after To, unknown fields, bad JSON", async () => {
    const credential = await appToken(MAIN);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      ob("POST", "/account-access-consents", { tenant: MAIN, token: credential, body, headers });
    const unknown = await post({ Data: { Permissions: ["ReadAccountsBasic", "ReadEverything"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.Errors[0].Path).toBe("Data.Permissions.1");
    expect((await post({ Data: { Permissions: [] } })).status).toBe(400);
    expect((await post({ Data: {} })).status).toBe(400);
    const past = await post({ Data: { Permissions: ["ReadAccountsBasic"], ExpirationDateTime: "2026-11-21T10:29:59Z" } });
    expect(past.status).toBe(400);
    expect(past.body.Errors[0]).toMatchObject({ ErrorCode: obErrorCodes["UK.OBIE.Field.InvalidDate"], Path: "Data.ExpirationDateTime" });
    const backwards = await post({
      Data: {
        Permissions: ["ReadAccountsBasic"],
        TransactionFromDateTime: "2026-06-01T00:00:00Z",
        TransactionToDateTime: "2026-05-01T00:00:00Z",
      },
    });
    expect(backwards.status).toBe(400);
    expect(errorNames(backwards)).toEqual(["UK.OBIE.Field.InvalidDate"]);
    const notADate = await post({ Data: { Permissions: ["ReadAccountsBasic"], ExpirationDateTime: "next tuesday" } });
    expect(notADate.status).toBe(400);
    expect((await post({ Data: { Permissions: ["ReadAccountsBasic"], Colour: "red" } })).status).toBe(400);
    expect((await post({ Data: { Permissions: ["ReadAccountsBasic"] }, Risk: { Score: 1 } })).status).toBe(400);
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect(errorNames(broken)).toEqual(["UK.OBIE.Resource.InvalidFormat"]);
    const badHeader = await post({ Data: { Permissions: ["ReadAccountsBasic"] } }, { "x-fapi-auth-date": "yesterday" });
    expect(badHeader.status).toBe(400);
    expect(errorNames(badHeader)).toEqual(["UK.OBIE.Header.Invalid"]);
    // Not JSON at all: 415, and no body (the document gives 415 none).
    const text = await post("Data", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(text.body).toBeUndefined();
    // An encrypted answer is not offered: 406, no body.
    const encrypted = await post({ Data: { Permissions: ["ReadAccountsBasic"] } }, { accept: "application/jose+jwe" });
    expect(encrypted.status).toBe(406);
    expect(encrypted.body).toBeUndefined();
    expect(
      await t.app.db.bankConsent.count({
        where: { tenantId: MAIN, standard: "uk_open_banking", createdAt: NOW, permissions: { contains: "ReadEverything" } },
      }),
    ).toBe(0);
  });

  it("is the app's call: a customer's token, or a client-credentials token without scope accounts, is 403", async () => {
    const customer = await ob("POST", "/account-access-consents", {
      tenant: MAIN,
      token: main.token,
      body: { Data: { Permissions: ["ReadAccountsBasic"] } },
    });
    expect(customer.status).toBe(403);
    expect(errorNames(customer)).toEqual(["UK.OBIE.Resource.ConsentMismatch"]);
    for (const method of ["GET", "DELETE"] as const)
      expect((await ob(method, `/account-access-consents/${main.consentId}`, { tenant: MAIN, token: main.token })).status).toBe(403);
    const payments = await createConsent(MAIN, {}, await appToken(MAIN, "payments"));
    expect(payments.status).toBe(403);
    const unknown = await createConsent(MAIN, {}, "not-a-token-of-this-bank-at-all");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toBeUndefined();
    expect(String(unknown.headers["www-authenticate"])).toMatch(/invalid_token/);
  });
});

describe("GET /account-access-consents/{ConsentId}", () => {
  it("follows the consent: AWAU, then AUTH once the customer approves, RJCT when they decline", async () => {
    const created = await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadBalances"] });
    const id = created.body.Data.ConsentId;
    const get = async () => ob("GET", `/account-access-consents/${id}`, { tenant: MAIN, token: await appToken(MAIN) });
    expect((await get()).body.Data.Status).toBe("AWAU");
    await authorise(MAIN, id, { persona: "student", accounts: (ids) => ids.slice(0, 2) });
    const authorised = await get();
    expect(authorised.status).toBe(200);
    expect(authorised.body.Data).toMatchObject({ ConsentId: id, Status: "AUTH", Permissions: ["ReadAccountsBasic", "ReadBalances"] });
    expect(authorised.body.Data.StatusReason).toBeUndefined();
    // The API key reads it too (the sandbox's stand-in for the TPP's certificate).
    expect((await ob("GET", `/account-access-consents/${id}`, { tenant: MAIN })).body.Data.Status).toBe("AUTH");

    const declined = (await createConsent(MAIN)).body.Data.ConsentId;
    const { tokens } = await authoriseStandardConsent(t.app, { appId: MAIN, consentId: declined, scope: "accounts", deny: true });
    expect(tokens).toBeNull();
    const rejected = await ob("GET", `/account-access-consents/${declined}`, { tenant: MAIN });
    expect(rejected.body.Data.Status).toBe("RJCT");
  });

  it("answers an unknown id, another app's consent and another kind of consent alike: 400 UK.OBIE.Resource.NotFound", async () => {
    const other = await createConsent("app_ais_other");
    const payment = await t.app.db.bankConsent.create({
      data: {
        id: `cns_payment${Date.now()}`,
        tenantId: MAIN,
        appId: MAIN,
        permissions: "[]",
        accountIds: "[]",
        status: "awaiting_authorisation",
        source: "client",
        standard: "uk_open_banking",
        kind: "domestic_payment",
        createdAt: NOW,
        expiresAt: new Date("9999-12-31T00:00:00Z"),
      },
    });
    for (const id of ["cns_doesnotexist000000000", other.body.Data.ConsentId, payment.id]) {
      for (const method of ["GET", "DELETE"] as const) {
        const reply = await ob(method, `/account-access-consents/${id}`, { tenant: MAIN, token: await appToken(MAIN) });
        expect(reply.status, `${method} ${id}`).toBe(400);
        expect(errorNames(reply)).toEqual(["UK.OBIE.Resource.NotFound"]);
        expect(reply.body.Errors[0].ErrorCode).toBe(obErrorCodes["UK.OBIE.Resource.NotFound"]);
      }
    }
    // Untouched by the other app's attempt.
    expect((await ob("GET", `/account-access-consents/${other.body.Data.ConsentId}`, { tenant: "app_ais_other" })).body.Data.Status).toBe(
      "AWAU",
    );
  });
});

describe("consent expiry on the tenant clock", () => {
  const CLOCK = "app_ais_clock";

  it("a consent past its ExpirationDateTime is EXPD (reason TKXP), and its token is refused at once (401, no body)", async () => {
    const created = await createConsent(CLOCK, { ExpirationDateTime: "2026-11-21T11:00:00Z" });
    const id = created.body.Data.ConsentId;
    const { token: customerToken } = await authorise(CLOCK, id);
    expect((await ob("GET", "/accounts", { tenant: CLOCK, token: customerToken })).status).toBe(200);
    // 45 minutes on: the consent (30 min) has expired, the access token (1 h) has not.
    const advanced = await v1(CLOCK, "POST", "/v1/sandbox/clock/advance", { until: "2026-11-21T11:15:00Z" });
    expect(advanced.status).toBe(200);
    const read = await ob("GET", `/account-access-consents/${id}`, { tenant: CLOCK });
    expect(read.body.Data).toMatchObject({
      Status: "EXPD",
      StatusUpdateDateTime: "2026-11-21T11:00:00.000Z",
      StatusReason: [{ StatusReasonCode: "TKXP" }],
    });
    for (const path of ["/accounts", "/balances", "/transactions"]) {
      const refused = await ob("GET", path, { tenant: CLOCK, token: customerToken });
      expect(refused.status).toBe(401);
      expect(refused.body).toBeUndefined();
      expect(String(refused.headers["www-authenticate"])).toMatch(/error="invalid_token".*expired \(EXPD\)/);
    }
    // An app cannot create a consent that has already expired on the sandbox's clock.
    const stale = await createConsent(CLOCK, { ExpirationDateTime: "2026-11-21T11:10:00Z" });
    expect(stale.status).toBe(400);
  });
});

describe("DELETE /account-access-consents/{ConsentId}", () => {
  it("revokes it (CANC, by the TPP): tokens stop at once, consent.revoked is recorded once, deleting again changes nothing", async () => {
    const created = await createConsent(MAIN);
    const id = created.body.Data.ConsentId;
    const { token: customerToken } = await authorise(MAIN, id);
    expect((await ob("GET", "/accounts", { tenant: MAIN, token: customerToken })).status).toBe(200);

    const deleted = await ob("DELETE", `/account-access-consents/${id}`, { tenant: MAIN, token: await appToken(MAIN) });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "revoked", revokedBy: "tpp", revokedAt: NOW, statusUpdatedAt: NOW });
    const read = await ob("GET", `/account-access-consents/${id}`, { tenant: MAIN });
    expect(read.body.Data.Status).toBe("CANC");
    expect(read.body.Data.StatusReason[0].StatusReasonDescription).toMatch(/app deleted/);

    const refused = await ob("GET", "/accounts", { tenant: MAIN, token: customerToken });
    expect(refused.status).toBe(401);
    expect(refused.body).toBeUndefined();
    expect(String(refused.headers["www-authenticate"])).toMatch(/revoked \(CANC\)/);

    expect((await ob("DELETE", `/account-access-consents/${id}`, { tenant: MAIN })).status).toBe(204);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: MAIN, type: "consent.revoked" } });
    const mine = events.filter((event) => JSON.parse(event.payload).object.id === id);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0].payload).object).toEqual({ id, app_id: MAIN, revoked_at: NOW.toISOString() });
  });

  it("deletes a consent that was never authorised (CANC) and leaves a rejected one as it is", async () => {
    const waiting = (await createConsent(MAIN)).body.Data.ConsentId;
    expect((await ob("DELETE", `/account-access-consents/${waiting}`, { tenant: MAIN })).status).toBe(204);
    expect((await ob("GET", `/account-access-consents/${waiting}`, { tenant: MAIN })).body.Data.Status).toBe("CANC");
    const declined = (await createConsent(MAIN)).body.Data.ConsentId;
    await authoriseStandardConsent(t.app, { appId: MAIN, consentId: declined, scope: "accounts", deny: true });
    expect((await ob("DELETE", `/account-access-consents/${declined}`, { tenant: MAIN })).status).toBe(204);
    expect((await ob("GET", `/account-access-consents/${declined}`, { tenant: MAIN })).body.Data.Status).toBe("RJCT");
  });
});

describe("accounts and balances", () => {
  it("lists the accounts the customer chose, as /v1 shows them, with identifiers under ReadAccountsDetail", async () => {
    const reply = await ob("GET", "/accounts", { tenant: MAIN, token: main.token });
    expect(reply.status).toBe(200);
    expect(reply.body.Links.Self).toBe(`http://portal.test${BASE}/accounts`);
    const accounts = reply.body.Data.Account;
    expect(accounts.map((a: { AccountId: string }) => a.AccountId)).toEqual(main.accountIds);
    for (const account of accounts) {
      const mirror = await v1(MAIN, "GET", `/v1/accounts/${account.AccountId}`);
      expect(account.Currency).toBe(mirror.body.currency);
      expect(account.Nickname).toBe(mirror.body.name);
      expect(account.AccountCategory).toBe("Personal");
      const ids = mirror.body.identifiers;
      if (ids.sort_code) {
        expect(account.Account).toEqual([
          { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: `${ids.sort_code}${ids.account_number}`, Name: "Amelia Hart" },
          { SchemeName: "UK.OBIE.IBAN", Identification: ids.iban, Name: "Amelia Hart" },
        ]);
      } else {
        expect(account.Account).toEqual([{ SchemeName: "UK.OBIE.PAN", Identification: ids.masked_pan, Name: "Amelia Hart" }]);
      }
    }
    expect(accounts.map((a: { AccountTypeCode: string }) => a.AccountTypeCode).sort()).toEqual(["CACC", "CARD", "SVGS"]);
    const one = await ob("GET", `/accounts/${main.savings}`, { tenant: MAIN, token: main.token });
    expect(one.body.Data.Account).toEqual([accounts.find((a: { AccountId: string }) => a.AccountId === main.savings)]);
  });

  it("hides identifiers under ReadAccountsBasic and shows only the chosen accounts", async () => {
    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic"] })).body.Data.ConsentId;
    const { token: basic, accountIds } = await authorise(MAIN, id, { accounts: (ids) => ids.slice(0, 1) });
    const reply = await ob("GET", "/accounts", { tenant: MAIN, token: basic });
    expect(reply.body.Data.Account).toHaveLength(1);
    expect(reply.body.Data.Account[0].AccountId).toBe(accountIds[0]);
    expect(reply.body.Data.Account[0].Account).toBeUndefined();
  });

  it("answers balances equal to /v1's: ITBD is booked, ITAV available with the overdraft or card limit as CreditLine", async () => {
    const reply = await ob("GET", "/balances", { tenant: MAIN, token: main.token });
    expect(reply.body.Data.Balance).toHaveLength(6);
    for (const accountId of main.accountIds) {
      const mirror = (await v1(MAIN, "GET", `/v1/accounts/${accountId}/balances`)).body;
      const per = await ob("GET", `/accounts/${accountId}/balances`, { tenant: MAIN, token: main.token });
      const signed = (b: { CreditDebitIndicator: string; Amount: { Amount: string } }) =>
        `${b.CreditDebitIndicator === "Debit" && b.Amount.Amount !== "0.00" ? "-" : ""}${b.Amount.Amount}`;
      const byType = Object.fromEntries(per.body.Data.Balance.map((b: { Type: string }) => [b.Type, b]));
      expect(signed(byType.ITBD)).toBe(mirror.booked.amount);
      expect(signed(byType.ITAV)).toBe(mirror.available.amount);
      expect(byType.ITBD.DateTime).toBe(mirror.as_of);
      const limit = mirror.overdraft_limit ?? mirror.credit_limit;
      if (limit && limit.amount !== "0.00")
        expect(byType.ITAV.CreditLine).toEqual([
          { Included: true, Type: mirror.overdraft_limit ? "Pre-Agreed" : "Credit", Amount: { Amount: limit.amount, Currency: "GBP" } },
        ]);
      expect(reply.body.Data.Balance.filter((b: { AccountId: string }) => b.AccountId === accountId)).toEqual(per.body.Data.Balance);
    }
  });
});

describe("transactions", () => {
  it("pages through every statement line of the account, as /v1 lists them (newest first), with Next/Prev/Last links", async () => {
    const lines = await t.app.db.bankTransaction.count({ where: { accountId: main.current } });
    const pages = Math.ceil(lines / 100);
    expect(pages).toBeGreaterThan(1);
    const seen: string[] = [];
    let next: string | undefined = `/accounts/${main.current}/transactions`;
    let page = 0;
    while (next) {
      const reply = await ob("GET", next, { tenant: MAIN, token: main.token });
      page += 1;
      expect(reply.body.Meta.TotalPages).toBe(pages);
      expect(reply.body.Links.First).toBe(`http://portal.test${BASE}/accounts/${main.current}/transactions?page=1`);
      expect(reply.body.Links.Last).toBe(`http://portal.test${BASE}/accounts/${main.current}/transactions?page=${pages}`);
      if (page > 1) expect(reply.body.Links.Prev).toMatch(new RegExp(`page=${page - 1}$`));
      seen.push(...reply.body.Data.Transaction.map((tx: { TransactionId: string }) => tx.TransactionId));
      next = reply.body.Links.Next?.replace(`http://portal.test${BASE}`, "");
    }
    expect(page).toBe(pages);
    expect(new Set(seen).size).toBe(lines);
    const v1Page = await v1(MAIN, "GET", `/v1/accounts/${main.current}/transactions?limit=100`);
    expect(seen.slice(0, 100)).toEqual(v1Page.body.data.map((tx: { id: string }) => tx.id));
    const past = await ob("GET", `/accounts/${main.current}/transactions?page=${pages + 1}`, { tenant: MAIN, token: main.token });
    expect(past.body.Data.Transaction).toEqual([]);
    expect(past.body.Links.Next).toBeUndefined();
  });

  it("maps each line: booked (BOOK) or pending (PDNG, expected to book a day after), amounts and codes; Detail fields only with ReadTransactionsDetail", async () => {
    const reply = await ob("GET", `/accounts/${main.current}/transactions`, { tenant: MAIN, token: main.token });
    const rows = await t.app.db.bankTransaction.findMany({ where: { accountId: main.current } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const tx of reply.body.Data.Transaction) {
      const row = byId.get(tx.TransactionId)!;
      expect(tx.CreditDebitIndicator).toBe(row.amount < 0n ? "Debit" : "Credit");
      expect(tx.Amount.Currency).toBe("GBP");
      expect(tx.ValueDateTime).toBe(row.transactedAt.toISOString());
      if (row.status === "booked") {
        expect(tx.Status).toBe("BOOK");
        expect(tx.BookingDateTime).toBe(row.bookedAt!.toISOString());
      } else {
        expect(tx.Status).toBe("PDNG");
        expect(Date.parse(tx.BookingDateTime) - row.transactedAt.getTime()).toBe(86_400_000);
      }
      expect(tx.TransactionInformation).toBe(row.description);
    }
    expect(reply.body.Data.Transaction.some((tx: { Status: string }) => tx.Status === "PDNG")).toBe(true);
    const card = reply.body.Data.Transaction.find((tx: { MerchantDetails?: unknown }) => tx.MerchantDetails);
    expect(card.ProprietaryBankTransactionCode).toEqual({ Code: "POS", Issuer: "OpenBankSandbox" });

    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadTransactionsBasic", "ReadTransactionsCredits"] })).body
      .Data.ConsentId;
    const { token: credits } = await authorise(MAIN, id);
    const basic = await ob("GET", `/accounts/${main.current}/transactions`, { tenant: MAIN, token: credits });
    expect(basic.body.Data.Transaction.length).toBeGreaterThan(0);
    for (const tx of basic.body.Data.Transaction) {
      expect(tx.CreditDebitIndicator).toBe("Credit");
      expect(tx.TransactionInformation).toBeUndefined();
      expect(tx.MerchantDetails).toBeUndefined();
    }
    const credited = await t.app.db.bankTransaction.count({ where: { accountId: { in: main.accountIds }, amount: { gte: 0n } } });
    const bulk = await ob("GET", "/transactions", { tenant: MAIN, token: credits });
    expect(bulk.body.Meta.TotalPages).toBe(Math.ceil(credited / 100));

    const debitsId = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadTransactionsDetail", "ReadTransactionsDebits"] }))
      .body.Data.ConsentId;
    const { token: debits } = await authorise(MAIN, debitsId);
    const out = await ob("GET", "/transactions", { tenant: MAIN, token: debits });
    expect(out.body.Data.Transaction.every((tx: { CreditDebitIndicator: string }) => tx.CreditDebitIndicator === "Debit")).toBe(true);
  });

  it("filters by booking date-time (a zone is ignored) inside the consent's TransactionFrom/ToDateTime", async () => {
    const path = `/accounts/${main.current}/transactions`;
    const october = await ob("GET", `${path}?fromBookingDateTime=2026-10-01T00:00:00&toBookingDateTime=2026-10-31`, {
      tenant: MAIN,
      token: main.token,
    });
    expect(october.body.Data.Transaction.length).toBeGreaterThan(10);
    for (const tx of october.body.Data.Transaction) {
      expect(tx.BookingDateTime >= "2026-10-01T00:00:00.000Z" && tx.BookingDateTime <= "2026-10-31T23:59:59.999Z").toBe(true);
    }
    const zoned = await ob(
      "GET",
      `${path}?fromBookingDateTime=2026-10-01T00:00:00%2B05:00&toBookingDateTime=2026-10-31T23:59:59.999-03:00`,
      {
        tenant: MAIN,
        token: main.token,
      },
    );
    expect(zoned.body.Data.Transaction).toEqual(october.body.Data.Transaction);
    expect(october.body.Links.Self).toBe(
      `http://portal.test${BASE}${path}?fromBookingDateTime=2026-10-01T00%3A00%3A00&toBookingDateTime=2026-10-31`,
    );

    const id = (
      await createConsent(MAIN, {
        Permissions: [
          "ReadAccountsBasic",
          "ReadTransactionsDetail",
          "ReadTransactionsCredits",
          "ReadTransactionsDebits",
          "ReadStatementsDetail",
        ],
        TransactionFromDateTime: "2026-10-10T00:00:00Z",
        TransactionToDateTime: "2026-10-20T00:00:00Z",
      })
    ).body.Data.ConsentId;
    const { token: windowed } = await authorise(MAIN, id);
    const within = await ob("GET", path, { tenant: MAIN, token: windowed });
    expect(within.body.Data.Transaction.length).toBeGreaterThan(0);
    for (const tx of within.body.Data.Transaction)
      expect(tx.BookingDateTime >= "2026-10-10T00:00:00.000Z" && tx.BookingDateTime <= "2026-10-20T00:00:00.000Z").toBe(true);
    // The filter narrows the consent's period, never widens it.
    const outside = await ob("GET", `${path}?fromBookingDateTime=2026-11-01`, { tenant: MAIN, token: windowed });
    expect(outside.body.Data.Transaction).toEqual([]);
    const narrower = await ob("GET", `${path}?fromBookingDateTime=2026-10-15`, { tenant: MAIN, token: windowed });
    expect(narrower.body.Data.Transaction.every((tx: { BookingDateTime: string }) => tx.BookingDateTime >= "2026-10-15")).toBe(true);
    // No statement lies wholly inside ten days.
    expect((await ob("GET", "/statements", { tenant: MAIN, token: windowed })).body.Data.Statement).toEqual([]);

    const bad = await ob("GET", `${path}?fromBookingDateTime=last-week`, { tenant: MAIN, token: main.token });
    expect(bad.status).toBe(400);
    expect(errorNames(bad)).toEqual(["UK.OBIE.Parameter.Invalid"]);
    expect((await ob("GET", `${path}?page=0`, { tenant: MAIN, token: main.token })).status).toBe(400);
  });
});

describe("statements", () => {
  it("derives monthly statements whose balances chain and add up to the booked balance", async () => {
    const reply = await ob("GET", `/accounts/${main.current}/statements`, { tenant: MAIN, token: main.token });
    const statements = [...reply.body.Data.Statement].reverse();
    expect(statements.length).toBeGreaterThan(2);
    const amount = (s: { StatementAmount: { Type: string; CreditDebitIndicator: string; Amount: { Amount: string } }[] }, type: string) => {
      const found = s.StatementAmount.find((a) => a.Type === type)!;
      const minor = BigInt(found.Amount.Amount.replace(".", ""));
      return found.CreditDebitIndicator === "Debit" ? -minor : minor;
    };
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      expect(s.AccountId).toBe(main.current);
      expect(amount(s, "UK.OBIE.ClosingBalance")).toBe(
        amount(s, "UK.OBIE.PreviousClosingBalance") + amount(s, "UK.OBIE.TotalCredits") + amount(s, "UK.OBIE.TotalDebits"),
      );
      if (i > 0) expect(amount(s, "UK.OBIE.PreviousClosingBalance")).toBe(amount(statements[i - 1], "UK.OBIE.ClosingBalance"));
      expect(s.EndDateTime < NOW.toISOString()).toBe(true);
    }
    const last = statements[statements.length - 1];
    const later = await t.app.db.bankTransaction.aggregate({
      where: { accountId: main.current, status: "booked", bookedAt: { gt: new Date(last.EndDateTime) } },
      _sum: { amount: true },
    });
    const account = await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: main.current } });
    expect(amount(last, "UK.OBIE.ClosingBalance") + (later._sum.amount ?? 0n)).toBe(account.bookedBalance);

    const one = await ob("GET", `/accounts/${main.current}/statements/${last.StatementId}`, { tenant: MAIN, token: main.token });
    expect(one.body.Data.Statement).toEqual([last]);
    const lines = await ob("GET", `/accounts/${main.current}/statements/${last.StatementId}/transactions`, {
      tenant: MAIN,
      token: main.token,
    });
    let sum = 0n;
    for (const tx of lines.body.Data.Transaction) {
      expect(tx.Status).toBe("BOOK");
      expect(tx.BookingDateTime >= last.StartDateTime && tx.BookingDateTime <= last.EndDateTime).toBe(true);
      const minor = BigInt(tx.Amount.Amount.replace(".", ""));
      sum += tx.CreditDebitIndicator === "Debit" ? -minor : minor;
    }
    expect(lines.body.Meta.TotalPages).toBe(1);
    expect(sum).toBe(amount(last, "UK.OBIE.TotalCredits") + amount(last, "UK.OBIE.TotalDebits"));
    const file = await ob("GET", `/accounts/${main.current}/statements/${last.StatementId}/file`, { tenant: MAIN, token: main.token });
    expect(file.body.Statement).toEqual(last);
    expect(file.body.Transaction).toEqual(lines.body.Data.Transaction);

    const filtered = await ob("GET", `/accounts/${main.current}/statements?fromStatementDateTime=${last.StartDateTime}`, {
      tenant: MAIN,
      token: main.token,
    });
    expect(filtered.body.Data.Statement).toEqual([last]);
    const bulk = await ob("GET", "/statements", { tenant: MAIN, token: main.token });
    expect(new Set(bulk.body.Data.Statement.map((s: { AccountId: string }) => s.AccountId))).toEqual(new Set(main.accountIds));
  });

  it("shows no amounts under ReadStatementsBasic, no file without ReadStatementsDetail, and 400 for an unknown statement", async () => {
    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadStatementsBasic"] })).body.Data.ConsentId;
    const { token: basic } = await authorise(MAIN, id);
    const reply = await ob("GET", `/accounts/${main.current}/statements`, { tenant: MAIN, token: basic });
    expect(reply.body.Data.Statement.length).toBeGreaterThan(0);
    expect(reply.body.Data.Statement.every((s: { StatementAmount?: unknown }) => s.StatementAmount === undefined)).toBe(true);
    const file = await ob("GET", `/accounts/${main.current}/statements/${main.statementId}/file`, { tenant: MAIN, token: basic });
    expect(file.status).toBe(403);
    expect(file.body.Errors[0].Message).toMatch(/ReadStatementsDetail/);
    const unknown = await ob("GET", `/accounts/${main.current}/statements/stm_nope`, { tenant: MAIN, token: main.token });
    expect(unknown.status).toBe(400);
    expect(errorNames(unknown)).toEqual(["UK.OBIE.Resource.NotFound"]);
    // Another account's statement id, on this account's path.
    const savings = await ob("GET", `/accounts/${main.savings}/statements/${main.statementId}`, { tenant: MAIN, token: main.token });
    expect(savings.status).toBe(400);
    const pdf = await ob("GET", `/accounts/${main.current}/statements/${main.statementId}/file`, {
      tenant: MAIN,
      token: main.token,
      headers: { accept: "application/pdf" },
    });
    expect(pdf.status).toBe(406);
    expect(pdf.body).toBeUndefined();
  });
});

describe("derived resources", () => {
  it("direct debits and standing orders come from the recurring collections and transfers the seed wrote", async () => {
    const dd = await ob("GET", `/accounts/${main.current}/direct-debits`, { tenant: MAIN, token: main.token });
    const debits = dd.body.Data.DirectDebit;
    expect(debits.length).toBeGreaterThan(2);
    for (const mandate of debits) {
      expect(mandate.AccountId).toBe(main.current);
      expect(mandate.MandateRelatedInformation.Frequency.Type).toBe("MNTH");
      const last = await t.app.db.bankTransaction.findFirstOrThrow({
        where: { accountId: main.current, channel: "direct_debit", transactedAt: new Date(mandate.PreviousPaymentDateTime) },
      });
      expect(mandate.PreviousPaymentAmount.Amount).toBe((Number(-last.amount) / 100).toFixed(2));
    }
    const again = await ob("GET", "/direct-debits", { tenant: MAIN, token: main.token });
    expect(again.body.Data.DirectDebit.filter((m: { AccountId: string }) => m.AccountId === main.current)).toEqual(debits);

    const so = await ob("GET", `/accounts/${main.current}/standing-orders`, { tenant: MAIN, token: main.token });
    const toSavings = so.body.Data.StandingOrder.find((order: { RemittanceInformation: { Unstructured: string[] } }) =>
      order.RemittanceInformation.Unstructured[0].startsWith("Transfer to"),
    );
    const savings = await v1(MAIN, "GET", `/v1/accounts/${main.savings}`);
    expect(toSavings).toMatchObject({
      StandingOrderStatusCode: "ACTV",
      MandateRelatedInformation: { Frequency: { Type: "MNTH" }, Classification: "FIXE" },
      CreditorAccount: {
        SchemeName: "UK.OBIE.SortCodeAccountNumber",
        Identification: `${savings.body.identifiers.sort_code}${savings.body.identifiers.account_number}`,
      },
    });
    expect(Date.parse(toSavings.NextPaymentDateTime)).toBeGreaterThan(NOW.getTime());
    // The savings account's incoming legs are not its standing orders.
    expect(
      (await ob("GET", `/accounts/${main.savings}/standing-orders`, { tenant: MAIN, token: main.token })).body.Data.StandingOrder,
    ).toEqual([]);

    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadStandingOrdersBasic"] })).body.Data.ConsentId;
    const { token: basic } = await authorise(MAIN, id);
    const hidden = await ob("GET", "/standing-orders", { tenant: MAIN, token: basic });
    expect(hidden.body.Data.StandingOrder.length).toBeGreaterThan(0);
    expect(hidden.body.Data.StandingOrder.every((order: { CreditorAccount?: unknown }) => order.CreditorAccount === undefined)).toBe(true);
  });

  it("beneficiaries and scheduled payments come from the account's payments (/v1's), until they settle", async () => {
    const paid = await v1(MAIN, "POST", "/v1/payments", {
      debtor_account_id: main.current,
      amount: { amount: "42.00", currency: "GBP" },
      creditor: { type: "sort_code", name: "Jo Bloggs", sort_code: "040004", account_number: "12345678" },
      reference: "Invoice 42",
      scheme: "standard",
    });
    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe("pending");
    const beneficiaries = await ob("GET", `/accounts/${main.current}/beneficiaries`, { tenant: MAIN, token: main.token });
    expect(beneficiaries.body.Data.Beneficiary).toContainEqual({
      AccountId: main.current,
      BeneficiaryId: expect.stringMatching(/^ben_/),
      BeneficiaryType: "Ordinary",
      Reference: "Invoice 42",
      CreditorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "Jo Bloggs" },
    });
    const scheduled = await ob("GET", "/scheduled-payments", { tenant: MAIN, token: main.token });
    expect(scheduled.body.Data.ScheduledPayment).toContainEqual({
      AccountId: main.current,
      ScheduledPaymentId: paid.body.id,
      ScheduledPaymentDateTime: paid.body.settles_at,
      ScheduledType: "Execution",
      Reference: "Invoice 42",
      InstructedAmount: { Amount: "42.00", Currency: "GBP" },
      CreditorAccount: { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "04000412345678", Name: "Jo Bloggs" },
    });
    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic", "ReadBeneficiariesBasic", "ReadScheduledPaymentsBasic"] }))
      .body.Data.ConsentId;
    const { token: basic } = await authorise(MAIN, id);
    const plain = await ob("GET", "/beneficiaries", { tenant: MAIN, token: basic });
    expect(plain.body.Data.Beneficiary.length).toBeGreaterThan(0);
    expect(plain.body.Data.Beneficiary.every((b: { CreditorAccount?: unknown }) => b.CreditorAccount === undefined)).toBe(true);
    expect(
      (await ob("GET", "/scheduled-payments", { tenant: MAIN, token: basic })).body.Data.ScheduledPayment[0].CreditorAccount,
    ).toBeUndefined();
  });

  it("a scheduled payment leaves the list when it settles on the sandbox clock, and its line shows in transactions", async () => {
    const SETTLE = "app_ais_settle";
    const first = await authorise(SETTLE, (await createConsent(SETTLE)).body.Data.ConsentId);
    const current = first.accountIds[0];
    const paid = await v1(SETTLE, "POST", "/v1/payments", {
      debtor_account_id: current,
      amount: { amount: "19.99", currency: "GBP" },
      creditor: { type: "iban", name: "Acme Ltd", iban: "GB33BUKB20201555555555" },
      reference: "ACME-7",
      scheme: "standard",
    });
    expect(paid.status).toBe(201);
    const before = await ob("GET", `/accounts/${current}/scheduled-payments`, { tenant: SETTLE, token: first.token });
    expect(before.body.Data.ScheduledPayment.map((p: { ScheduledPaymentId: string }) => p.ScheduledPaymentId)).toEqual([paid.body.id]);
    expect(before.body.Data.ScheduledPayment[0].CreditorAccount).toEqual({
      SchemeName: "UK.OBIE.IBAN",
      Identification: "GB33BUKB20201555555555",
      Name: "Acme Ltd",
    });
    expect((await v1(SETTLE, "POST", "/v1/sandbox/clock/advance", { days: 2 })).status).toBe(200);
    // Two days on, the first token has expired (an hour on the sandbox clock): the customer authorises again.
    expect((await ob("GET", "/accounts", { tenant: SETTLE, token: first.token })).status).toBe(401);
    const again = await authorise(SETTLE, (await createConsent(SETTLE)).body.Data.ConsentId);
    const after = await ob("GET", `/accounts/${current}/scheduled-payments`, { tenant: SETTLE, token: again.token });
    expect(after.body.Data.ScheduledPayment).toEqual([]);
    expect((await v1(SETTLE, "GET", `/v1/payments/${paid.body.id}`)).body.status).toBe("completed");
    const beneficiaries = await ob("GET", `/accounts/${current}/beneficiaries`, { tenant: SETTLE, token: again.token });
    expect(beneficiaries.body.Data.Beneficiary).toHaveLength(1);
    expect(beneficiaries.body.Data.Beneficiary[0].Reference).toBe("ACME-7");
    const lines = await ob("GET", `/accounts/${current}/transactions?fromBookingDateTime=2026-11-21`, {
      tenant: SETTLE,
      token: again.token,
    });
    expect(lines.body.Data.Transaction).toContainEqual(
      expect.objectContaining({ CreditDebitIndicator: "Debit", Status: "BOOK", Amount: { Amount: "19.99", Currency: "GBP" } }),
    );
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: SETTLE })).toEqual([]);
  });

  it("offers are the customer's open loan offers, on their current account", async () => {
    const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: MAIN, persona: "good_credit" } });
    const applied = await v1(MAIN, "POST", "/v1/loans/applications", {
      customer_id: customer.id,
      amount: { amount: "5000.00", currency: "GBP" },
      term_months: 24,
    });
    expect(applied.status).toBe(201);
    const offers = await ob("GET", "/offers", { tenant: MAIN, token: main.token });
    expect(offers.body.Data.Offer.length).toBe(applied.body.offers.length);
    expect(offers.body.Data.Offer[0]).toMatchObject({
      AccountId: main.current,
      OfferId: applied.body.offers[0].id,
      OfferType: "Other",
      Rate: applied.body.offers[0].apr,
      Amount: { Amount: applied.body.offers[0].amount.amount, Currency: "GBP" },
    });
    expect((await ob("GET", `/accounts/${main.savings}/offers`, { tenant: MAIN, token: main.token })).body.Data.Offer).toEqual([]);
  });

  it("party, parties and products describe the customer and the catalogue", async () => {
    const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: MAIN, persona: "good_credit" } });
    const psu = await ob("GET", "/party", { tenant: MAIN, token: main.token });
    expect(psu.body.Data.Party).toMatchObject({
      PartyId: customer.id,
      PartyType: "Sole",
      Name: "Amelia Hart",
      LegalStructure: "UK.OBIE.Individual",
      EmailAddress: customer.email,
    });
    const holder = await ob("GET", `/accounts/${main.savings}/party`, { tenant: MAIN, token: main.token });
    expect(holder.body.Data.Party).toMatchObject({
      PartyId: customer.id,
      AccountRole: "UK.OBIE.Principal",
      Relationships: { Account: { Id: main.savings, Related: `http://portal.test${BASE}/accounts/${main.savings}` } },
    });
    const parties = await ob("GET", `/accounts/${main.savings}/parties`, { tenant: MAIN, token: main.token });
    expect(parties.body.Data.Party).toEqual([holder.body.Data.Party]);
    const products = await ob("GET", "/products", { tenant: MAIN, token: main.token });
    const byAccount = Object.fromEntries(products.body.Data.Product.map((p: { AccountId: string }) => [p.AccountId, p]));
    expect(byAccount[main.current]).toMatchObject({ ProductId: "current_account", ProductType: "PersonalCurrentAccount" });
    expect(byAccount[main.savings]).toMatchObject({
      ProductId: "easy_access_saver",
      ProductType: "Other",
      OtherProductType: { Name: "Easy Access Saver" },
    });
    expect(byAccount[main.card]).toMatchObject({ ProductType: "Other" });
    const own = await ob("GET", `/accounts/${main.card}/product`, { tenant: MAIN, token: main.token });
    expect(own.body.Data.Product).toEqual([byAccount[main.card]]);
  });
});

describe("security: every AIS read", () => {
  it("answers all 26 reads with the full consent, and each is conformant", async () => {
    for (const path of readOperations(main.current, main.statementId)) {
      const reply = await ob("GET", path, { tenant: MAIN, token: main.token });
      expect(reply.status, path).toBe(200);
    }
  });

  it("refuses each read the consent's permissions do not cover (403 UK.OBIE.Resource.ConsentMismatch)", async () => {
    const id = (await createConsent(MAIN, { Permissions: ["ReadAccountsBasic"] })).body.Data.ConsentId;
    const { token: accountsOnly } = await authorise(MAIN, id);
    for (const path of readOperations(main.current, main.statementId)) {
      const reply = await ob("GET", path, { tenant: MAIN, token: accountsOnly });
      if (path === "/accounts" || path === `/accounts/${main.current}`) expect(reply.status, path).toBe(200);
      else {
        expect(reply.status, path).toBe(403);
        expect(errorNames(reply), path).toEqual(["UK.OBIE.Resource.ConsentMismatch"]);
      }
    }
  });

  it("refuses an account the customer did not choose, and another customer's account (403), never showing their data", async () => {
    const id = (await createConsent(MAIN)).body.Data.ConsentId;
    const { token: currentOnly } = await authorise(MAIN, id, { accounts: (ids) => ids.filter((one) => one === main.current) });
    const stranger = await t.app.db.bankAccount.findFirstOrThrow({
      where: { tenantId: MAIN, customer: { persona: "overdrawn" }, type: "current" },
    });
    for (const accountId of [main.savings, stranger.id, "acc_nope"]) {
      for (const path of readOperations(accountId, main.statementId).filter((one) => one.startsWith("/accounts/"))) {
        const reply = await ob("GET", path, { tenant: MAIN, token: currentOnly });
        expect(reply.status, path).toBe(403);
        expect(reply.body.Errors[0].Message, path).toMatch(/not one the customer shared/);
      }
    }
    // The bulk reads hold only the chosen account.
    const balances = await ob("GET", "/balances", { tenant: MAIN, token: currentOnly });
    expect(new Set(balances.body.Data.Balance.map((b: { AccountId: string }) => b.AccountId))).toEqual(new Set([main.current]));
    const all = await ob("GET", "/transactions", { tenant: MAIN, token: currentOnly });
    expect(all.body.Data.Transaction.every((tx: { AccountId: string }) => tx.AccountId === main.current)).toBe(true);
  });

  it("refuses tokens that are not this consent's customer token: another app's, the app's own, none, a payments consent's, an unauthorised consent's", async () => {
    const paths = readOperations(main.current, main.statementId);
    const expectEvery = async (token: string | undefined, tenant: string, status: number, name?: string) => {
      for (const path of paths) {
        const reply = await ob("GET", path, { tenant, token });
        expect(reply.status, `${path}`).toBe(status);
        if (name) expect(errorNames(reply), path).toEqual([name]);
        else expect(reply.body).toBeUndefined();
      }
    };
    // Another app's customer token on this app's sandbox: not valid here.
    const other = await createConsent("app_ais_other");
    const { token: foreign } = await authorise("app_ais_other", other.body.Data.ConsentId);
    await expectEvery(foreign, MAIN, 401);
    // This consent's token sent on another app's behalf.
    await expectEvery(main.token, "app_ais_other", 401);
    // The app's own credentials reach consents, not customers' data.
    await expectEvery(await appToken(MAIN), MAIN, 403, "UK.OBIE.Resource.ConsentMismatch");
    await expectEvery(undefined, MAIN, 403, "UK.OBIE.Resource.ConsentMismatch");
    // A consent still awaiting authorisation.
    const waiting = (await createConsent(MAIN)).body.Data.ConsentId;
    await expectEvery(await tokenFor(waiting), MAIN, 403, "UK.OBIE.Resource.InvalidConsentStatus");
    // A payments consent's token (scope payments) and an accounts-scoped token of a payments consent.
    const payment = await t.app.db.bankConsent.create({
      data: {
        id: `cns_pay${Date.now()}`,
        tenantId: MAIN,
        appId: MAIN,
        customerId: (await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: MAIN, persona: "good_credit" } })).id,
        permissions: "[]",
        accountIds: JSON.stringify([main.current]),
        status: "authorised",
        source: "client",
        standard: "uk_open_banking",
        kind: "domestic_payment",
        createdAt: NOW,
        expiresAt: new Date("9999-12-31T00:00:00Z"),
        grantId: `grant_pay_${Date.now()}`,
      },
    });
    const mint = (scope: string) => mintAccessToken({ accountId: payment.customerId!, grantId: payment.grantId!, scope });
    await expectEvery(await mint("openid payments"), MAIN, 403, "UK.OBIE.Resource.ConsentMismatch");
    const sameScope = await ob("GET", "/accounts", { tenant: MAIN, token: await mint("openid accounts") });
    expect(sameScope.status).toBe(403);
    expect(sameScope.body.Errors[0].Message).toMatch(/domestic payment consent/);
  });

  it("refuses every read once the consent is revoked (401, no body)", async () => {
    const id = (await createConsent(MAIN)).body.Data.ConsentId;
    const { token: doomed } = await authorise(MAIN, id);
    expect((await ob("DELETE", `/account-access-consents/${id}`, { tenant: MAIN })).status).toBe(204);
    for (const path of readOperations(main.current, main.statementId)) {
      const reply = await ob("GET", path, { tenant: MAIN, token: doomed });
      expect(reply.status, path).toBe(401);
      expect(reply.body).toBeUndefined();
    }
  });
});
