import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@openbank/contracts/ids";
import type { AuthenticationScenario } from "../src/domain/oauth/authentication-scenarios";
import { bg, consentBody, personaAccounts, PSU_IP, registerClient } from "./berlin-group-fixture";
import { bankClient, buildTestApp, expectProblemShape, TEST_SECRET, type TestApp } from "./helpers";
import { authorizeUrl, clientHeaders, CLIENT_ID, CookieJar, exchange, pkce, REDIRECT } from "./oauth-fixture";

/**
 * Authentication scenarios on the bank's pages (issue 17): each one through /v1 OAuth, UK Open
 * Banking and a Berlin Group REDIRECT authorisation, at the HTTP level, and the sandbox control
 * that plays the customer's banking app for `decoupled`.
 */
let t: TestApp;
let client: Awaited<ReturnType<typeof bankClient>>;
const APP = "app_authscenA";
const OTHER = "app_authscenB";
const internal = { "x-internal-secret": TEST_SECRET };
const CONTROL = "/v1/sandbox/authentications/{authentication_id}";

beforeAll(async () => {
  t = await buildTestApp();
  client = await bankClient(t.app);
  for (const tenant of [APP, OTHER]) await personaAccounts(t.app, tenant);
  await registerClient(t.app, APP);
});
afterAll(() => t.close());

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
const action = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)![1].replaceAll("&amp;", "&");
const link = (html: string) => /<a class="button primary" href="([^"]+)"/.exec(html)?.[1].replaceAll("&amp;", "&") ?? null;
const authenticationIdOf = (html: string) => /id="authentication-id">([^<]+)</.exec(html)?.[1] ?? "";
const checked = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"( checked)?`, "g"))].filter((m) => m[2]).map((m) => m[1]);

/** A browser on the bank's pages as the gateway forwards it: the internal secret and its cookies; it follows the bank's own redirects. */
class Browser {
  jar = new CookieJar();
  async open(url: string, headers: Record<string, string> = {}) {
    return this.follow(await t.app.inject({ url, headers: { ...internal, cookie: this.jar.header(), ...headers } }));
  }
  async submit(html: string, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
    const response = await t.app.inject({
      method: "POST",
      url: action(html),
      headers: { ...internal, cookie: this.jar.header(), "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
    return this.follow(response);
  }
  /** Follows redirects on the bank's origin; stops at a page or at the app's redirect URI. */
  async follow(response: Awaited<ReturnType<TestApp["app"]["inject"]>>) {
    for (let hops = 0; hops < 8; hops++) {
      this.jar.take(response.headers["set-cookie"]);
      if (response.statusCode < 300 || response.statusCode >= 400) return response;
      const url = new URL(String(response.headers.location), "http://portal.test");
      if (url.origin !== "http://portal.test") return response;
      response = await t.app.inject({ url: `${url.pathname}${url.search}`, headers: { ...internal, cookie: this.jar.header() } });
    }
    return response;
  }
}

/** Logs in with a scenario chosen on the login page ("" = the customer's own). */
async function logIn(browser: Browser, loginPage: string, scenario: AuthenticationScenario | "", persona = "good_credit") {
  expect(loginPage).toContain('<label for="sandbox_scenario">Sandbox scenario</label>');
  return browser.submit(loginPage, {
    csrf_token: hidden(loginPage, "csrf_token"),
    username: `user_${persona}`,
    password: `pass_${persona}`,
    sandbox_scenario: scenario,
  });
}

const decide = (tenant: string, id: string, body: unknown) =>
  client.request({
    method: "POST",
    url: `/v1/sandbox/authentications/${id}`,
    template: CONTROL,
    tenant,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(body),
  });

/** Where the ended page's link leads: the app's redirect URI with the OAuth error, or the TPP's. */
async function returnToApp(browser: Browser, html: string) {
  const href = link(html);
  expect(href).toBeTruthy();
  const response = await browser.open(new URL(href!, "http://portal.test").pathname + new URL(href!, "http://portal.test").search);
  return new URL(String(response.headers.location));
}

// ---------------------------------------------------------------- /v1 OAuth and UK Open Banking

async function startV1(scope = "accounts:read transactions:read", claims?: string) {
  const browser = new Browser();
  const { verifier, challenge } = pkce();
  const login = await browser.open(
    authorizeUrl({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope,
      state: "st-123",
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...(claims ? { claims, nonce: "n-1" } : {}),
    }),
    clientHeaders(APP),
  );
  expect(login.statusCode).toBe(200);
  return { browser, login: login.body, verifier };
}

async function ukConsent() {
  const now = new Date();
  return t.app.db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId: APP,
      appId: APP,
      customerId: null,
      permissions: JSON.stringify(["ReadAccountsDetail", "ReadBalances"]),
      accountIds: "[]",
      status: "awaiting_authorisation",
      source: "client",
      standard: "uk_open_banking",
      kind: "account_access",
      details: JSON.stringify({ Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"] } }),
      createdAt: now,
      statusUpdatedAt: now,
      expiresAt: new Date("9999-12-31T00:00:00Z"),
    },
  });
}

/** /v1 (`accounts:read transactions:read`) or UK (`openid accounts` naming a consent the app created). */
async function start(protocol: "v1" | "uk") {
  if (protocol === "v1") return { ...(await startV1()), consentId: null as string | null };
  const consent = await ukConsent();
  const claims = JSON.stringify({ id_token: { openbanking_intent_id: { value: consent.id, essential: true } } });
  return { ...(await startV1("openid accounts", claims)), consentId: consent.id as string | null };
}

const ukStatus = async (id: string | null) => (id ? (await t.app.db.bankConsent.findUniqueOrThrow({ where: { id } })).status : null);

const accountsOf = (html: string) => [...html.matchAll(/name="account_id" value="([^"]+)"/g)].map((m) => m[1]);

describe.each(["v1", "uk"] as const)("authentication scenarios on the bank's pages, %s", (protocol) => {
  it.each([
    ["authentication_failed", "We could not verify your identity", /authentication_failed/],
    ["account_locked", "Your online banking is locked", /locked.*account_locked/],
  ] as const)("%s refuses the sign-in, says which, and the app gets access_denied", async (scenario, title, description) => {
    const flow = await start(protocol);
    const ended = await logIn(flow.browser, flow.login, scenario);
    expect(ended.statusCode).toBe(200);
    expect(ended.body).toContain(title);
    expect(ended.body).toContain('role="alert"');
    const back = await returnToApp(flow.browser, ended.body);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toMatch(description);
    expect(back.searchParams.get("state")).toBe("st-123");
    if (protocol === "uk") expect(await ukStatus(flow.consentId)).toBe("rejected");
  });

  it("one_time_code: a wrong code is refused with the error tied to the field; 123456 passes to the consent page", async () => {
    const flow = await start(protocol);
    const code = await logIn(flow.browser, flow.login, "one_time_code");
    expect(code.body).toContain("Enter your one-time code");
    expect(code.body).toContain('autocomplete="one-time-code"');
    const wrong = await flow.browser.submit(code.body, { csrf_token: hidden(code.body, "csrf_token"), code: "000000" });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('aria-invalid="true" aria-describedby="code-error code-hint"');
    expect(wrong.body).toContain("That code is not right");
    expect(wrong.body).toContain("2 attempts left");
    const consent = await flow.browser.submit(wrong.body, { csrf_token: hidden(wrong.body, "csrf_token"), code: "123456" });
    expect(consent.statusCode).toBe(200);
    expect(consent.body).toContain('name="decision" value="approve"');
    const done = await flow.browser.submit(consent.body, {
      csrf_token: hidden(consent.body, "csrf_token"),
      decision: "approve",
      account_id: accountsOf(consent.body).slice(0, 1),
    });
    const back = new URL(String(done.headers.location));
    expect(back.searchParams.get("code")).toBeTruthy();
    if (protocol === "uk") expect(await ukStatus(flow.consentId)).toBe("authorised");
  });

  it("one_time_code: the third wrong code ends the attempt with access_denied", async () => {
    const flow = await start(protocol);
    let page = (await logIn(flow.browser, flow.login, "one_time_code")).body;
    for (let attempt = 0; attempt < 3; attempt++)
      page = (await flow.browser.submit(page, { csrf_token: hidden(page, "csrf_token"), code: "111111" })).body;
    expect(page).toContain("Too many wrong codes");
    const back = await returnToApp(flow.browser, page);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toMatch(/one-time code 3 times/);
    if (protocol === "uk") expect(await ukStatus(flow.consentId)).toBe("rejected");
  });

  it("decoupled: the page waits with the authentication id until the control approves; then the consent page", async () => {
    const flow = await start(protocol);
    const waiting = await logIn(flow.browser, flow.login, "decoupled");
    expect(waiting.body).toContain("Approve in your banking app");
    expect(waiting.body).toContain('http-equiv="refresh"');
    expect(waiting.body).toContain('role="status"');
    const id = authenticationIdOf(waiting.body);
    expect(id).toMatch(/^authn_/);
    const path = /href="(\/oauth\/interaction\/[^"]+)"/.exec(waiting.body)![1];
    expect((await flow.browser.open(path)).body).toContain("Waiting for your approval");
    // Another app cannot see or decide it.
    expectProblemShape(await decide(OTHER, id, { decision: "approve" }), 404, "resource_not_found");
    const approved = await decide(APP, id, { decision: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ authentication_id: id, status: "approved", flow: "oauth" });
    expectProblemShape(await decide(APP, id, { decision: "refuse" }), 409, "conflict");
    const consent = await flow.browser.open(path);
    expect(consent.body).toContain('name="decision" value="approve"');
    const done = await flow.browser.submit(consent.body, {
      csrf_token: hidden(consent.body, "csrf_token"),
      decision: "approve",
      account_id: accountsOf(consent.body).slice(0, 1),
    });
    expect(new URL(String(done.headers.location)).searchParams.get("code")).toBeTruthy();
  });

  it("decoupled: a refusal in the banking app ends the attempt with access_denied", async () => {
    const flow = await start(protocol);
    const waiting = await logIn(flow.browser, flow.login, "decoupled");
    const id = authenticationIdOf(waiting.body);
    expect((await decide(APP, id, { decision: "refuse" })).body.status).toBe("refused");
    const ended = await flow.browser.open(/href="(\/oauth\/interaction\/[^"]+)"/.exec(waiting.body)![1]);
    expect(ended.body).toContain("Sign-in refused in your banking app");
    const back = await returnToApp(flow.browser, ended.body);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toMatch(/refused the sign-in in their banking app/);
    if (protocol === "uk") expect(await ukStatus(flow.consentId)).toBe("rejected");
  });

  it("session_timeout: the session times out before approval; the app gets login_required", async () => {
    const flow = await start(protocol);
    const consent = await logIn(flow.browser, flow.login, "session_timeout");
    const ended = await flow.browser.submit(consent.body, {
      csrf_token: hidden(consent.body, "csrf_token"),
      decision: "approve",
      account_id: accountsOf(consent.body).slice(0, 1),
    });
    expect(ended.body).toContain("Your session timed out");
    const back = await returnToApp(flow.browser, ended.body);
    expect(back.searchParams.get("error")).toBe("login_required");
    expect(back.searchParams.get("error_description")).toMatch(/session_timeout/);
    expect(back.searchParams.get("state")).toBe("st-123");
    if (protocol === "uk") expect(await ukStatus(flow.consentId)).toBe("rejected");
  });

  it("partial_grant: fewer accounts (and on /v1 permissions) are pre-selected, and the grant carries only those", async () => {
    const flow = await start(protocol);
    const consent = await logIn(flow.browser, flow.login, "partial_grant");
    const all = accountsOf(consent.body);
    const preselected = checked(consent.body, "account_id");
    expect(all.length).toBeGreaterThan(1);
    expect(preselected).toEqual(all.slice(0, 1));
    const scopes = checked(consent.body, "scope");
    if (protocol === "v1") expect(scopes).toEqual(["accounts:read"]);
    const done = await flow.browser.submit(consent.body, {
      csrf_token: hidden(consent.body, "csrf_token"),
      decision: "approve",
      account_id: preselected,
      scope: scopes,
    });
    expect(done.statusCode, /role="alert"[^>]*>([^<]*)/.exec(done.body)?.[1] ?? /<h1>([^<]*)/.exec(done.body)?.[1]).toBe(303);
    const code = new URL(String(done.headers.location)).searchParams.get("code")!;
    const tokens = await exchange(t.app, APP, code, flow.verifier);
    expect(tokens.status).toBe(200);
    if (protocol === "v1") {
      expect(tokens.body.scope).toBe("accounts:read");
      const row = await t.app.db.bankConsent.findFirstOrThrow({
        where: { tenantId: APP, source: "authorization_code" },
        orderBy: { createdAt: "desc" },
      });
      expect(JSON.parse(row.permissions)).toEqual(["accounts:read"]);
      expect(JSON.parse(row.accountIds)).toEqual(preselected);
    } else {
      const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: flow.consentId! } });
      expect(row.status).toBe("authorised");
      expect(JSON.parse(row.accountIds)).toEqual(preselected);
    }
  });
});

describe("a customer's own scenario", () => {
  it("applies when the login page's select is left on the customer's own", async () => {
    await t.app.db.bankCustomer.updateMany({ where: { tenantId: APP, persona: "thin_file" }, data: { authScenario: "account_locked" } });
    const flow = await startV1();
    expect(flow.login).toContain(`<option value="" selected>The customer's own scenario</option>`);
    const ended = await logIn(flow.browser, flow.login, "", "thin_file");
    expect(ended.body).toContain("Your online banking is locked");
    // The select wins over the customer's own.
    const again = await startV1();
    const consent = await logIn(again.browser, again.login, "approve", "thin_file");
    expect(consent.body).toContain('name="decision" value="approve"');
    await t.app.db.bankCustomer.updateMany({ where: { tenantId: APP, persona: "thin_file" }, data: { authScenario: null } });
  });
});

describe("POST /v1/sandbox/authentications/{authentication_id}", () => {
  it("answers 404 problem+json for an unknown id, and 400 with a pointer for a malformed body", async () => {
    expectProblemShape(await decide(APP, "authn_doesnotexist0000000000", { decision: "approve" }), 404, "resource_not_found");
    const flow = await startV1();
    const id = authenticationIdOf((await logIn(flow.browser, flow.login, "decoupled")).body);
    const bad = await decide(APP, id, { decision: "maybe" });
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors[0].pointer).toBe("/body/decision");
    const extra = await decide(APP, id, { decision: "approve", persona: "good_credit" });
    expect(extra.status).toBe(400);
    // Still pending after the refusals.
    expect((await decide(APP, id, { decision: "approve" })).status).toBe(200);
  });
});

// ---------------------------------------------------------------- Berlin Group REDIRECT

/** The TPP-Nok-Redirect-URI (it must be one of the app's redirect URIs). */
const TPP_NOK = REDIRECT;

async function bgConsent(body: unknown) {
  const created = await bg(t.app, {
    method: "POST",
    url: "/consents",
    tenant: APP,
    headers: { ...PSU_IP, "tpp-redirect-uri": REDIRECT, "tpp-nok-redirect-uri": TPP_NOK },
    body,
  });
  expect(created.status).toBe(201);
  return created.body as { consentId: string; _links: { scaRedirect: { href: string }; scaStatus: { href: string } } };
}

async function bgStart(body?: unknown) {
  const ibans = await personaAccounts(t.app, APP);
  const created = await bgConsent(body ?? consentBody([ibans.current.iban!]));
  const browser = new Browser();
  const login = await browser.open(new URL(created._links.scaRedirect.href).pathname);
  expect(login.statusCode).toBe(200);
  return { created, browser, login: login.body };
}

const bgState = async (created: { consentId: string; _links: { scaStatus: { href: string } } }) => {
  const sca = await bg(t.app, { url: created._links.scaStatus.href.replace("/berlin-group/v1", ""), tenant: APP });
  const status = await bg(t.app, { url: `/consents/${created.consentId}/status`, tenant: APP });
  return { sca: sca.body, status: status.body };
};

describe("authentication scenarios on the Berlin Group SCA page", () => {
  it.each([
    ["authentication_failed", /authentication_failed/],
    ["account_locked", /account_locked/],
  ] as const)("%s: scaStatus failed, consent rejected, psuMessage says which; back to TPP-Nok-Redirect-URI", async (scenario, cause) => {
    const flow = await bgStart();
    const ended = await logIn(flow.browser, flow.login, scenario);
    expect(ended.statusCode).toBe(200);
    expect(link(ended.body)).toBe(TPP_NOK);
    const state = await bgState(flow.created);
    expect(state.sca.scaStatus).toBe("failed");
    expect(state.sca.psuMessage).toMatch(cause);
    expect(state.status).toEqual({ consentStatus: "rejected", psuMessage: expect.stringMatching(cause) });
  });

  it("one_time_code: wrong code retried, 123456 passes, the consent becomes valid", async () => {
    const flow = await bgStart();
    const code = await logIn(flow.browser, flow.login, "one_time_code");
    expect(code.body).toContain("Enter your one-time code");
    const wrong = await flow.browser.submit(code.body, { csrf_token: hidden(code.body, "csrf_token"), code: "654321" });
    expect(wrong.body).toContain("That code is not right");
    const review = await flow.browser.submit(wrong.body, { csrf_token: hidden(wrong.body, "csrf_token"), code: "123456" });
    expect(review.body).toContain('name="decision" value="approve"');
    const done = await flow.browser.submit(review.body, { csrf_token: hidden(review.body, "csrf_token"), decision: "approve" });
    expect(done.headers.location).toBe(REDIRECT);
    const state = await bgState(flow.created);
    expect(state.sca.scaStatus).toBe("finalised");
    expect(state.status.consentStatus).toBe("valid");
  });

  it("one_time_code: three wrong codes fail the authorisation", async () => {
    const flow = await bgStart();
    let page = (await logIn(flow.browser, flow.login, "one_time_code")).body;
    for (let attempt = 0; attempt < 3; attempt++)
      page = (await flow.browser.submit(page, { csrf_token: hidden(page, "csrf_token"), code: "000001" })).body;
    expect(page).toContain("Too many wrong codes");
    const state = await bgState(flow.created);
    expect(state.sca).toMatchObject({ scaStatus: "failed", psuMessage: expect.stringMatching(/one-time code/) });
    expect(state.status.consentStatus).toBe("rejected");
  });

  it("decoupled: waits for the control (flow sca); approve → review → valid; refuse → failed and rejected", async () => {
    const flow = await bgStart();
    const waiting = await logIn(flow.browser, flow.login, "decoupled");
    const id = authenticationIdOf(waiting.body);
    expect(id).toMatch(/^authn_/);
    expectProblemShape(await decide(OTHER, id, { decision: "approve" }), 404, "resource_not_found");
    expect((await decide(APP, id, { decision: "approve" })).body).toMatchObject({ status: "approved", flow: "sca" });
    const review = await flow.browser.open(new URL(flow.created._links.scaRedirect.href).pathname);
    expect(review.body).toContain('name="decision" value="approve"');
    await flow.browser.submit(review.body, { csrf_token: hidden(review.body, "csrf_token"), decision: "approve" });
    expect((await bgState(flow.created)).status.consentStatus).toBe("valid");

    const refused = await bgStart();
    const wait2 = await logIn(refused.browser, refused.login, "decoupled");
    await decide(APP, authenticationIdOf(wait2.body), { decision: "refuse" });
    const ended = await refused.browser.open(new URL(refused.created._links.scaRedirect.href).pathname);
    expect(ended.body).toContain("Sign-in refused in your banking app");
    const state = await bgState(refused.created);
    expect(state.sca.scaStatus).toBe("failed");
    expect(state.status.consentStatus).toBe("rejected");
  });

  it("session_timeout: the decision finds the session timed out; failed and rejected", async () => {
    const flow = await bgStart();
    const review = await logIn(flow.browser, flow.login, "session_timeout");
    const ended = await flow.browser.submit(review.body, { csrf_token: hidden(review.body, "csrf_token"), decision: "approve" });
    expect(ended.body).toContain("Your session timed out");
    const state = await bgState(flow.created);
    expect(state.sca).toMatchObject({ scaStatus: "failed", psuMessage: expect.stringMatching(/session_timeout/) });
    expect(state.status.consentStatus).toBe("rejected");
  });

  it("partial_grant: a bank-offered consent pre-selects one account and gets no transactions", async () => {
    const flow = await bgStart(consentBody([], { access: { accounts: [], balances: [], transactions: [] } }));
    const review = await logIn(flow.browser, flow.login, "partial_grant");
    const all = accountsOf(review.body);
    const preselected = checked(review.body, "account_id");
    expect(all.length).toBeGreaterThan(1);
    expect(preselected).toEqual(all.slice(0, 1));
    await flow.browser.submit(review.body, { csrf_token: hidden(review.body, "csrf_token"), decision: "approve", account_id: preselected });
    const consent = await bg(t.app, { url: `/consents/${flow.created.consentId}`, tenant: APP });
    expect(consent.body.consentStatus).toBe("valid");
    expect(consent.body.access.accounts).toHaveLength(1);
    expect(consent.body.access.transactions ?? []).toEqual([]);
  });

  it("a payment refused at sign-in is RJCT with the cause as psuMessage", async () => {
    const ibans = await personaAccounts(t.app, APP);
    const created = await bg(t.app, {
      method: "POST",
      url: "/payments/sepa-credit-transfers",
      tenant: APP,
      headers: { ...PSU_IP, "tpp-redirect-uri": REDIRECT, "tpp-nok-redirect-uri": TPP_NOK },
      body: {
        instructedAmount: { currency: "EUR", amount: "12.00" },
        debtorAccount: { iban: ibans.current.iban },
        creditorName: "Merchant",
        creditorAccount: { iban: "DE89370400440532013000" },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const browser = new Browser();
    const login = await browser.open(new URL(created.body._links.scaRedirect.href).pathname);
    await logIn(browser, login.body, "account_locked");
    const status = await bg(t.app, { url: `/payments/sepa-credit-transfers/${created.body.paymentId}/status`, tenant: APP });
    expect(status.body).toMatchObject({ transactionStatus: "RJCT", psuMessage: expect.stringMatching(/account_locked/) });
  });
});
