import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConformant, standardsAvailable } from "../../tests/support/standards-contract";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";
import { CLIENT_ID, token } from "./oauth-fixture";

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
  if (checked) expectConformant({ method, path: `${BASE}${path}`, status: response.statusCode, headers: response.headers, body });
  return { status: response.statusCode, headers: response.headers, body };
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

/**
 * What the bank's consent page does when the customer approves (the same row becomes authorised
 * with the customer and the accounts they chose, tied to the grant) and the token the app then gets.
 */
async function authorise(tenant: string, consentId: string, options: { persona?: string; accounts?: (ids: string[]) => string[] } = {}) {
  const db = t.app.db;
  const customer = await db.bankCustomer.findFirstOrThrow({ where: { tenantId: tenant, persona: options.persona ?? "good_credit" } });
  const owned = (await db.bankAccount.findMany({ where: { tenantId: tenant, customerId: customer.id }, orderBy: { id: "asc" } })).map((a) => a.id);
  const accountIds = options.accounts ? options.accounts(owned) : owned;
  const grantId = `grant_${consentId}`;
  await db.bankConsent.update({
    where: { id: consentId },
    data: { status: "authorised", customerId: customer.id, accountIds: JSON.stringify(accountIds), grantId, statusUpdatedAt: NOW },
  });
  const provider = t.app.authorizationServer;
  const access = new provider.AccessToken({ clientId: CLIENT_ID, accountId: customer.id, grantId, scope: "openid accounts", gty: "authorization_code" });
  return { token: await access.save(), customerId: customer.id, accountIds };
}

describe("account-access-consents", () => {
  it("creates a consent awaiting authorisation, reads it, authorises and reads accounts", async () => {
    const created = await createConsent("app_ais1");
    expect(created.status).toBe(201);
    expect(created.body.Data.Status).toBe("AWAU");
    const id = created.body.Data.ConsentId;
    const read = await ob("GET", `/account-access-consents/${id}`, { tenant: "app_ais1", token: await appToken("app_ais1") });
    expect(read.status).toBe(200);
    const { token: customerToken, accountIds } = await authorise("app_ais1", id);
    const accounts = await ob("GET", "/accounts", { tenant: "app_ais1", token: customerToken });
    expect(accounts.status).toBe(200);
    expect(accounts.body.Data.Account.map((a: { AccountId: string }) => a.AccountId)).toEqual(accountIds);
    for (const path of [
      "/balances",
      "/transactions",
      "/beneficiaries",
      "/direct-debits",
      "/standing-orders",
      "/scheduled-payments",
      "/products",
      "/offers",
      "/party",
      "/statements",
      `/accounts/${accountIds[0]}/statements`,
      `/accounts/${accountIds[0]}/parties`,
      `/accounts/${accountIds[0]}/party`,
      `/accounts/${accountIds[0]}/product`,
    ]) {
      const reply = await ob("GET", path, { tenant: "app_ais1", token: customerToken });
      expect(reply.status, `${path} ${JSON.stringify(reply.body)}`).toBe(200);
    }
  });
});
