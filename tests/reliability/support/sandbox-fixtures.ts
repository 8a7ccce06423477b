import { randomUUID } from "node:crypto";
import { PortalClient, sandbox } from "../../support/portal-client";

type Json = Record<string, unknown>;

/** A call with a key, JSON in and out; the body parsed when it is JSON. */
export async function call(
  portalUrl: string,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await sandbox(portalUrl, key, path, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(method === "POST" ? { "idempotency-key": randomUUID() } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked by the callers
  let parsed: any = undefined;
  if (text) parsed = /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text;
  return { status: response.status, body: parsed, text, response };
}

/**
 * The app's first call seeds its sandbox (a few hundred ms, but many seconds on a loaded
 * machine, past the gateway's 10 s timeout): wait until the tenant answers.
 */
export async function warmUp(portalUrl: string, key: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await call(portalUrl, key, "GET", "/v1/accounts?limit=1");
    if (result.status === 200) return;
    if (attempt >= 12 || result.status !== 504) throw new Error(`sandbox warm-up: ${result.status} ${result.text}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** A developer with one app and its first (read_write) key. */
export async function newDeveloperApp(portalUrl: string, name: string) {
  const developer = await PortalClient.newDeveloper(portalUrl, name);
  const created = await developer.client.createApp(`${name}'s app`);
  return { ...developer, appId: created.app.id, keyId: created.key.id, key: created.secret };
}

/**
 * Real resources of every kind in an app's sandbox, created through the gateway with its key:
 * customers and accounts (seeded), a new customer and account, a payment, an FX quote, an
 * insurance quote and policy, a loan application, offer and loan, a BNPL plan, a consent, a custom test customer.
 * Returns the ids by path-parameter name, plus every id seen (for leak checks).
 */
export async function createResources(portalUrl: string, key: string) {
  await warmUp(portalUrl, key);
  const must = async (method: string, path: string, body?: unknown) => {
    const result = await call(portalUrl, key, method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status} ${result.text}`);
    return result.body as Json;
  };
  const accounts = (await must("GET", "/v1/accounts?limit=100")).data as Json[];
  const customers = (await must("GET", "/v1/customers?limit=100")).data as Json[];
  const goodCredit = customers.find((c) => c.persona === "good_credit") ?? customers[0];
  const own = accounts.filter((a) => a.customer_id === goodCredit.id);
  const current = own.find((a) => a.type === "current")!;
  const savings = own.find((a) => a.type === "savings")!;
  const card = accounts.find((a) => a.type === "credit_card" && a.customer_id === goodCredit.id)!;

  const payment = await must("POST", "/v1/payments", {
    debtor_account_id: current.id,
    amount: { amount: "1.00", currency: "GBP" },
    creditor: { type: "account", account_id: savings.id },
    reference: "fixture",
  });
  const customer = await must("POST", "/v1/customers", {
    given_name: "Ada",
    family_name: "Fixture",
    date_of_birth: "1990-01-01",
    email: "ada@example.com",
    address: { line1: "1 High Street", city: "London", postcode: "SW1A 1AA", country: "GB" },
    national_id: "QQ123456C",
  });
  const products = (await must("GET", "/v1/products")).data as Json[];
  const funds = (await must("GET", "/v1/investments/funds")).data as Json[];
  const quote = await must("POST", "/v1/insurance/quotes", {
    customer_id: goodCredit.id,
    trip_type: "single_trip",
    destination: "europe",
    cover_level: "comprehensive",
    start_date: await futureDate(portalUrl, key, 10),
    end_date: await futureDate(portalUrl, key, 17),
    travellers: [{ age: 35 }],
  });
  const policy = await must("POST", "/v1/insurance/policies", { quote_id: quote.id, account_id: current.id });
  const application = await must("POST", "/v1/loans/applications", {
    customer_id: goodCredit.id,
    amount: { amount: "3000.00", currency: "GBP" },
    term_months: 12,
    purpose: "home_improvement",
  });
  const offers = (application.offers as Json[] | undefined) ?? [];
  if (offers.length < 2) throw new Error(`expected loan offers for good_credit, got ${JSON.stringify(application)}`);
  const loan = await must("POST", `/v1/loans/offers/${offers[0].id}/accept`, { disbursement_account_id: current.id });
  const plan = await must("POST", "/v1/bnpl/plans", {
    account_id: current.id,
    merchant_name: "Fixture Shop",
    purchase_amount: { amount: "120.00", currency: "GBP" },
    instalments: 4,
  });
  const minted = await must("POST", "/v1/sandbox/consents", {
    persona: "good_credit",
    permissions: ["accounts:read", "transactions:read", "payments:write"],
  });
  const consent = minted.consent as Json;
  // A Berlin Group consent awaiting its DECOUPLED authorisation: the id /v1's sandbox control decides.
  const decoupled = await call(
    portalUrl,
    key,
    "POST",
    "/berlin-group/v1/consents",
    {
      access: { allPsd2: "allAccounts" },
      recurringIndicator: false,
      validUntil: "2099-12-31",
      frequencyPerDay: 1,
      combinedServiceIndicator: false,
    },
    { "x-request-id": randomUUID(), "psu-ip-address": "192.0.2.10", "tpp-decoupled-preferred": "true", "psu-id": "user_good_credit" },
  );
  if (decoupled.status !== 201) throw new Error(`POST /berlin-group/v1/consents → ${decoupled.status} ${decoupled.text}`);
  const authorisationId = String(decoupled.body._links.scaStatus.href).split("/").pop()!;

  // A custom test customer (issue 17) with an account: its id and its account's are A's too.
  const custom = await must("POST", "/v1/sandbox/customers", {
    handle: "fixture_custom",
    identity: {
      given_name: "Cus",
      family_name: "Tom",
      date_of_birth: "1990-01-01",
      address: { line1: "1 High Street", city: "London", postcode: "SW1A 1AA", country: "GB" },
    },
    kyc: { status: "approved" },
    credit: { score_band: "good", annual_income: "30000.00", existing_debts: [] },
    accounts: [{ key: "current", type: "current", currency: "GBP", opening_balance: "250.00" }],
  });
  const customAccounts = (custom.accounts as Json[]).map((a) => String(a.id));
  // A snapshot, named by its id or its name in paths (`{snapshot}`).
  const snapshotName = `fixture-${randomUUID().slice(0, 8)}`;
  const snapshot = await must("POST", "/v1/sandbox/snapshots", { name: snapshotName });

  const ids: Record<string, string[]> = {
    account_id: [current.id, savings.id, card.id, ...customAccounts].map(String),
    customer_id: [goodCredit.id, customer.id, custom.id].map(String),
    payment_id: [String(payment.id)],
    product_id: products.slice(0, 2).map((p) => String(p.id)),
    fund_id: funds.slice(0, 2).map((f) => String(f.id)),
    quote_id: [String(quote.id)],
    policy_id: [String(policy.id)],
    application_id: [String(application.id)],
    offer_id: offers.slice(1).map((o) => String(o.id)),
    loan_id: [String(loan.id), String(plan.id)],
    plan_id: [String(plan.id)],
    consent_id: [String(consent.id)],
    authorisation_id: [authorisationId],
    snapshot: [String(snapshot.id), snapshotName],
  };
  return { ids, accessToken: String(minted.access_token), refreshToken: String(minted.refresh_token), customers, accounts };
}

async function futureDate(portalUrl: string, key: string, days: number): Promise<string> {
  const clock = await call(portalUrl, key, "GET", "/v1/sandbox/clock");
  return new Date(Date.parse(clock.body.now) + days * 86_400_000).toISOString().slice(0, 10);
}
