import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { custom, Issuer, type BaseClient } from "openid-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { parseMinor } from "@openbank/contracts/money";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { BankBrowser } from "../support/bank-browser";
import { expectBgConformant } from "../support/berlin-group";
import { FAPI_REDIRECT, newOAuthApp } from "../support/fapi-client";
import { PortalClient, sandbox } from "../support/portal-client";
import { standardsAvailable } from "../support/standards-contract";

/**
 * Berlin Group NextGenPSD2 1.3.11 end to end through the real gateway: the TPP (an app, by its
 * API key or its client-credentials token from openid-client) gets a consent authorised by
 * REDIRECT (a browser on the bank's page, on the portal's origin) and by DECOUPLED (the sandbox
 * control), reads accounts, makes a SEPA credit transfer, a bulk payment and a cancellation. Every
 * Berlin Group answer is checked against the official document; each flow ends with the ledger's
 * invariants and the same money seen through /v1 with the API key.
 */
const portalUrl = inject("portalUrl");
const bankDatabaseUrl = inject("bankDatabaseUrl");
custom.setHttpOptionsDefaults({ timeout: 10_000 });
const checkConformance = standardsAvailable();

const BG = "/berlin-group/v1";
const PSU_IP = { "psu-ip-address": "198.51.100.7" };
const EXTERNAL_GB = "GB33BUKB20201555555555";

let bankDb: PrismaClient;
let tpp: { appId: string; apiKey: string; token: string };
let current: { id: string; iban: string };
let savings: { id: string; iban: string };

// Parsed JSON: shapes are checked by the conformance validator and the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; headers: Headers; body: any };

/** A Berlin Group call through the gateway, as the TPP makes it: a fresh X-Request-ID, echoed. */
async function bg(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; credential?: string } = {},
): Promise<Answer> {
  const requestId = randomUUID();
  const response = await fetch(`${portalUrl}${BG}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.credential ?? tpp.apiKey}`,
      "x-request-id": requestId,
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (checkConformance) expectBgConformant({ method, path: `${BG}${path}`, status: response.status, headers: response.headers, body });
  expect(response.headers.get("x-request-id")).toBe(requestId);
  return { status: response.status, headers: response.headers, body };
}

async function v1(method: string, path: string, body?: unknown) {
  const response = await sandbox(portalUrl, tpp.apiKey, path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const local = (href: string) => href.replace(BG, "");
const booked = async (accountId: string) => parseMinor((await v1("GET", `/v1/accounts/${accountId}/balances`)).body.booked.amount, "GBP")!;

/** The /v1 view of the payments a Berlin Group resource made (they carry its id as their consent). */
async function v1PaymentsOf(resourceId: string) {
  const rows = await bankDb.bankPayment.findMany({ where: { tenantId: tpp.appId, consentId: resourceId }, select: { id: true } });
  return Promise.all(rows.map(async (row) => (await v1("GET", `/v1/payments/${row.id}`)).body));
}

async function expectLedgerSound() {
  expect(await checkLedgerInvariants({ db: bankDb, tenantId: tpp.appId })).toEqual([]);
}

beforeAll(async () => {
  bankDb = createPrismaClient(bankDatabaseUrl);
  const developer = (await PortalClient.newDeveloper(portalUrl, "Berlin Group TPP", { verified: true })).client;
  const app = await newOAuthApp(developer, "Berlin Group TPP");
  const secret = (await developer.json("POST", `/api/apps/${app.appId}/oauth-client/secret`)).body.client_secret as string;
  const issuer = await Issuer.discover(portalUrl);
  const client: BaseClient = new issuer.Client({
    client_id: app.clientId,
    client_secret: secret,
    redirect_uris: [FAPI_REDIRECT],
    response_types: ["code"],
  });
  // The TPP's own token (it stands in for the eIDAS certificate).
  const tokens = await client.grant({ grant_type: "client_credentials", scope: "accounts payments fundsconfirmations" });
  tpp = { appId: app.appId, apiKey: app.apiKey, token: tokens.access_token! };
  const accounts = (await v1("GET", "/v1/accounts?limit=100")).body.data as {
    id: string;
    identifiers: { iban?: string; account_number?: string };
  }[];
  const find = (number: string) => {
    const account = accounts.find((candidate) => candidate.identifiers.account_number === number)!;
    return { id: account.id, iban: account.identifiers.iban! };
  };
  current = find("41825937");
  savings = find("41825945");
}, 120_000);

afterAll(async () => {
  await bankDb?.$disconnect();
});

describe("consents", () => {
  it("REDIRECT: the PSU authorises on the bank's page, then the TPP reads accounts, balances and transactions", async () => {
    const created = await bg("POST", "/consents", {
      credential: tpp.token,
      headers: { ...PSU_IP, "tpp-redirect-uri": FAPI_REDIRECT },
      body: {
        access: { accounts: [{ iban: current.iban }], balances: [{ iban: current.iban }], transactions: [{ iban: current.iban }] },
        recurringIndicator: true,
        validUntil: "9999-12-31",
        frequencyPerDay: 4,
        combinedServiceIndicator: false,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("aspsp-sca-approach")).toBe("REDIRECT");
    const scaRedirect = created.body._links.scaRedirect.href as string;
    expect(scaRedirect.startsWith(`${portalUrl}/oauth/sca/`)).toBe(true);

    const walk = await new BankBrowser(portalUrl).authorize(scaRedirect);
    expect(walk.consentPage?.html).toContain("Share your accounts with Berlin Group TPP");
    expect(walk.location?.toString()).toBe(FAPI_REDIRECT);
    const consentId = created.body.consentId as string;
    expect((await bg("GET", `/consents/${consentId}/status`)).body.consentStatus).toBe("valid");

    const headers = { "consent-id": consentId, ...PSU_IP };
    const list = await bg("GET", "/accounts?withBalance=true", { headers, credential: tpp.token });
    expect(list.body.accounts.map((account: { resourceId: string }) => account.resourceId)).toEqual([current.id]);
    const balances = await bg("GET", `/accounts/${current.id}/balances`, { headers });
    const v1Balances = (await v1("GET", `/v1/accounts/${current.id}/balances`)).body;
    const byType = (type: string) => balances.body.balances.find((b: { balanceType: string }) => b.balanceType === type).balanceAmount;
    expect(byType("interimAvailable")).toEqual(v1Balances.available);
    expect(byType("interimBooked")).toEqual(v1Balances.booked);
    const transactions = await bg("GET", `/accounts/${current.id}/transactions?bookingStatus=booked&dateFrom=2000-01-01&itemsPerPage=10`, {
      headers,
    });
    expect(transactions.body.transactions.booked).toHaveLength(10);
    expect((await bg("GET", local(transactions.body.transactions._links.next.href), { headers })).status).toBe(200);
    // Another of the PSU's accounts is not in this consent.
    expect((await bg("GET", `/accounts/${savings.id}`, { headers })).body.tppMessages[0].code).toBe("CONSENT_INVALID");
  });

  it("REDIRECT on a new app's very first call: the gateway tells the bank the app's registered redirect URIs", async () => {
    const developer = (await PortalClient.newDeveloper(portalUrl, "First call TPP", { verified: true })).client;
    const fresh = await newOAuthApp(developer, "First call TPP");
    const body = {
      access: { availableAccounts: "allAccounts" },
      recurringIndicator: false,
      validUntil: "9999-12-31",
      frequencyPerDay: 1,
      combinedServiceIndicator: false,
    };
    // No /oauth call before this one: the bank has never stored this app's client.
    const created = await bg("POST", "/consents", {
      credential: fresh.apiKey,
      headers: { ...PSU_IP, "tpp-redirect-uri": FAPI_REDIRECT },
      body,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("aspsp-sca-approach")).toBe("REDIRECT");
    expect(created.body._links.scaRedirect.href.startsWith(`${portalUrl}/oauth/sca/`)).toBe(true);
    // Still exact: a URI the app has not registered is refused.
    const refused = await bg("POST", "/consents", {
      credential: fresh.apiKey,
      headers: { ...PSU_IP, "tpp-redirect-uri": "https://attacker.example/cb" },
      body,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.tppMessages[0]).toMatchObject({ code: "FORMAT_ERROR", path: "TPP-Redirect-URI" });
  });

  it("DECOUPLED: the sandbox control stands in for the PSU's app; DELETE ends the consent at once", async () => {
    const created = await bg("POST", "/consents", {
      headers: { ...PSU_IP, "tpp-decoupled-preferred": "true", "psu-id": "user_good_credit" },
      body: {
        access: { allPsd2: "allAccounts" },
        recurringIndicator: false,
        validUntil: "9999-12-31",
        frequencyPerDay: 1,
        combinedServiceIndicator: false,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.scaStatus).toBe("started");
    const authorisationId = (created.body._links.scaStatus.href as string).split("/").pop();
    const decided = await v1("POST", `/v1/sandbox/berlin-group/authorisations/${authorisationId}`, { decision: "approve" });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.resource).toEqual({ type: "consent", id: created.body.consentId, status: "valid" });
    expect((await bg("GET", local(created.body._links.scaStatus.href))).body.scaStatus).toBe("finalised");
    const headers = { "consent-id": created.body.consentId, ...PSU_IP };
    expect((await bg("GET", "/accounts", { headers })).body.accounts.length).toBeGreaterThanOrEqual(2);
    expect((await bg("DELETE", `/consents/${created.body.consentId}`)).status).toBe(204);
    const refused = await bg("GET", "/accounts", { headers });
    expect(refused.status).toBe(401);
    expect(refused.body.tppMessages[0].code).toBe("CONSENT_INVALID");
  });
});

describe("payments", () => {
  it("a SEPA credit transfer authorised on the bank's page is in /v1/payments and moves /v1's balance; the clock settles it", async () => {
    const before = await booked(current.id);
    const created = await bg("POST", "/payments/sepa-credit-transfers", {
      credential: tpp.token,
      headers: { ...PSU_IP, "tpp-redirect-uri": FAPI_REDIRECT },
      body: {
        endToEndIdentification: "BG-IT-0001",
        debtorAccount: { iban: current.iban },
        instructedAmount: { currency: "GBP", amount: "31.40" },
        creditorAccount: { iban: EXTERNAL_GB },
        creditorName: "Merchant Ltd",
        remittanceInformationUnstructured: "BG integration",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.transactionStatus).toBe("RCVD");
    const walk = await new BankBrowser(portalUrl).authorize(created.body._links.scaRedirect.href);
    expect(walk.consentPage?.html).toContain("Pay 31.40 GBP to Merchant Ltd");
    expect(walk.location?.toString()).toBe(FAPI_REDIRECT);
    const self = local(created.body._links.self.href);
    expect((await bg("GET", `${self}/status`)).body.transactionStatus).toBe("ACSP");

    const [payment] = await v1PaymentsOf(created.body.paymentId);
    expect(payment).toMatchObject({
      status: "pending",
      scheme: "standard",
      amount: { amount: "31.40", currency: "GBP" },
      reference: "BG integration",
    });
    const listed = (await v1("GET", "/v1/payments?limit=20")).body.data.map((p: { id: string }) => p.id);
    expect(listed).toContain(payment.id);
    expect(await booked(current.id)).toBe(before - 3140n);

    expect((await v1("POST", "/v1/sandbox/clock/advance", { days: 1 })).status).toBe(200);
    expect((await bg("GET", `${self}/status`, { credential: tpp.token })).body.transactionStatus).toBe("ACSC");
    expect((await v1("GET", `/v1/payments/${payment.id}`)).body.status).toBe("completed");
    await expectLedgerSound();
  });

  it("a bulk payment authorised DECOUPLED pays each of its payments, all in /v1", async () => {
    const before = { current: await booked(current.id), savings: await booked(savings.id) };
    const created = await bg("POST", "/bulk-payments/sepa-credit-transfers", {
      headers: { ...PSU_IP, "tpp-decoupled-preferred": "true" },
      body: {
        batchBookingPreferred: true,
        debtorAccount: { iban: current.iban },
        payments: [
          {
            instructedAmount: { currency: "GBP", amount: "5.00" },
            creditorAccount: { iban: EXTERNAL_GB },
            creditorName: "Alice",
            endToEndIdentification: "B1",
          },
          {
            instructedAmount: { currency: "GBP", amount: "7.25" },
            creditorAccount: { iban: savings.iban },
            creditorName: "Savings",
            endToEndIdentification: "B2",
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const authorisationId = (created.body._links.scaStatus.href as string).split("/").pop();
    const decided = await v1("POST", `/v1/sandbox/berlin-group/authorisations/${authorisationId}`, { decision: "approve" });
    expect(decided.body.resource).toMatchObject({ type: "bulk_payment", status: "ACSP" });
    const payments = await v1PaymentsOf(created.body.paymentId);
    expect(payments.map((p: { amount: { amount: string } }) => p.amount.amount).sort()).toEqual(["5.00", "7.25"]);
    expect(await booked(current.id)).toBe(before.current - 1225n);
    const read = await bg("GET", local(created.body._links.self.href));
    expect(read.body).toMatchObject({ batchBookingPreferred: true, transactionStatus: "ACSP" });

    expect((await v1("POST", "/v1/sandbox/clock/advance", { days: 1 })).status).toBe(200);
    expect((await bg("GET", `${local(created.body._links.self.href)}/status`)).body.transactionStatus).toBe("ACSC");
    expect(await booked(savings.id)).toBe(before.savings + 725n);
    await expectLedgerSound();
  });

  it("a payment cancelled before its authorisation is CANC and moves nothing", async () => {
    const before = await booked(current.id);
    const created = await bg("POST", "/payments/instant-sepa-credit-transfers", {
      headers: { ...PSU_IP, "tpp-redirect-uri": FAPI_REDIRECT },
      body: {
        debtorAccount: { iban: current.iban },
        instructedAmount: { currency: "GBP", amount: "9.99" },
        creditorAccount: { iban: EXTERNAL_GB },
        creditorName: "Merchant Ltd",
      },
    });
    const self = local(created.body._links.self.href);
    expect((await bg("DELETE", self)).status).toBe(204);
    expect((await bg("GET", `${self}/status`)).body.transactionStatus).toBe("CANC");
    // The bank's page no longer offers it.
    const walk = await new BankBrowser(portalUrl).authorize(created.body._links.scaRedirect.href);
    expect(walk.loginPage.status).toBe(409);
    expect(await v1PaymentsOf(created.body.paymentId)).toEqual([]);
    expect(await booked(current.id)).toBe(before);
    await expectLedgerSound();
  });

  it("refuses a redirect URI the app has not registered (no open redirect)", async () => {
    const refused = await bg("POST", "/payments/sepa-credit-transfers", {
      headers: { ...PSU_IP, "tpp-redirect-uri": "https://attacker.example/cb" },
      body: {
        debtorAccount: { iban: current.iban },
        instructedAmount: { currency: "GBP", amount: "1.00" },
        creditorAccount: { iban: EXTERNAL_GB },
        creditorName: "X",
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.tppMessages[0]).toMatchObject({ code: "FORMAT_ERROR", path: "TPP-Redirect-URI" });
  });
});
