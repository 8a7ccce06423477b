import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signConnectedAppsLink } from "@openbank/contracts/connected-apps-link";
import { newId } from "@openbank/contracts/ids";
import { expectConformant, standardsAvailable } from "../../tests/support/standards-contract";
import { recordKey } from "../src/domain/oauth/oidc-adapter";
import { buildTestApp, gatewayHeaders, TEST_SECRET, type TestApp } from "./helpers";
import { authoriseStandardConsent, clientHeaders, CookieJar, exchange, REDIRECT, runAuthorization, token } from "./oauth-fixture";

/**
 * The bank-hosted connected-apps page (UK Open Banking's access dashboard), driven as the gateway
 * forwards a browser: only the internal secret and the bank's own cookies, no tenant header. The
 * tenant comes from a link the portal signs.
 */
let t: TestApp;
const APP = "app_dashA";
const OTHER = "app_dashB";
const internal = { "x-internal-secret": TEST_SECRET };

beforeAll(async () => {
  t = await buildTestApp();
  for (const tenant of [APP, OTHER]) await t.app.inject({ url: "/v1/accounts", headers: gatewayHeaders(tenant) });
});
afterAll(() => t.close());

const link = (tenantId: string, now = new Date(), appName = "Budget Buddy") =>
  `/oauth/connected-apps?${signConnectedAppsLink({ internalSecret: TEST_SECRET, tenantId, appName, now })}`;
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";

/** A browser on the connected-apps page: its cookies, GETs and form posts through the bank. */
function browser() {
  const jar = new CookieJar();
  const send = async (method: "GET" | "POST", url: string, form?: Record<string, string>) => {
    const response = await t.app.inject({
      method,
      url,
      headers: {
        ...internal,
        cookie: jar.header(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    jar.take(response.headers["set-cookie"]);
    return response;
  };
  return {
    jar,
    get: (url: string) => send("GET", url),
    post: (url: string, form: Record<string, string>) => send("POST", url, form),
    /** Opens the link and logs in; returns the list page. */
    async signIn(tenantId: string, persona = "good_credit", password = `pass_${persona}`) {
      const login = await send("GET", link(tenantId));
      const fields = Object.fromEntries(["tenant", "app", "exp", "sig", "csrf_token"].map((name) => [name, hidden(login.body, name)]));
      const submitted = await send("POST", "/oauth/connected-apps/login", { ...fields, username: `user_${persona}`, password });
      if (submitted.statusCode !== 303) return { login, submitted, list: null };
      return { login, submitted, list: await send("GET", String(submitted.headers.location)) };
    },
  };
}

async function customerOf(tenantId: string, persona: string) {
  return t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId, persona }, include: { accounts: { orderBy: { id: "asc" } } } });
}

/** A standard's consent written as its endpoints would leave it (they have their own tests). */
async function standardConsent(options: {
  appId?: string;
  standard: "uk_open_banking" | "berlin_group";
  kind: string;
  status: string;
  customerId?: string | null;
  accountIds?: string[];
  permissions?: string[];
  details?: unknown;
  expiresAt?: Date;
}) {
  const appId = options.appId ?? APP;
  const now = new Date();
  return t.app.db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId: appId,
      appId,
      customerId: options.customerId ?? null,
      permissions: JSON.stringify(options.permissions ?? []),
      accountIds: JSON.stringify(options.accountIds ?? []),
      status: options.status,
      source: "client",
      standard: options.standard,
      kind: options.kind,
      details: JSON.stringify(options.details ?? {}),
      createdAt: now,
      statusUpdatedAt: now,
      expiresAt: options.expiresAt ?? new Date("9999-12-31T00:00:00Z"),
    },
  });
}

describe("the connected-apps page", () => {
  it("signs a customer in from a signed link and lists every app's access across /v1 and the standards", async () => {
    const olivia = await customerOf(APP, "good_credit");
    // /v1: a real authorization (the grant names the client) ...
    const flow = await runAuthorization(t.app, { appId: APP, accounts: (ids) => ids.slice(0, 2) });
    const v1 = await exchange(t.app, APP, flow.code!, flow.verifier);
    // ... UK Open Banking, authorised on the bank's pages ...
    const uk = await standardConsent({
      standard: "uk_open_banking",
      kind: "account_access",
      status: "awaiting_authorisation",
      permissions: ["ReadAccountsDetail", "ReadBalances"],
      details: { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2099-01-01T00:00:00Z" } },
      expiresAt: new Date("2099-01-01T00:00:00Z"),
    });
    const authorised = await authoriseStandardConsent(t.app, { appId: APP, consentId: uk.id, scope: "accounts", accounts: (ids) => ids });
    expect(authorised.accessToken).toBeTruthy();
    // ... a Berlin Group consent (DECOUPLED: no grant, the app's name from its client) ...
    const bg = await standardConsent({
      standard: "berlin_group",
      kind: "account_access",
      status: "authorised",
      customerId: olivia.id,
      accountIds: [olivia.accounts[0].id],
      permissions: ["accounts", "balances", "transactions"],
      details: {
        access: { balances: [{ iban: olivia.accounts[0].iban }], transactions: [{ iban: olivia.accounts[0].iban }] },
        recurringIndicator: true,
        validUntil: "2099-06-30",
        frequencyPerDay: 4,
      },
    });
    // ... and what must not show: another customer's, one awaiting authorisation, one expired.
    const student = await customerOf(APP, "student");
    const others = await Promise.all([
      standardConsent({ standard: "berlin_group", kind: "account_access", status: "authorised", customerId: student.id }),
      standardConsent({ standard: "uk_open_banking", kind: "domestic_payment", status: "awaiting_authorisation" }),
      standardConsent({
        standard: "uk_open_banking",
        kind: "account_access",
        status: "authorised",
        customerId: olivia.id,
        expiresAt: new Date("2020-01-01T00:00:00Z"),
      }),
    ]);

    const page = browser();
    const { login, submitted, list } = await page.signIn(APP);
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain("Connected apps");
    // Nothing of the tenant before login: no consent, no customer (the app's name is the link's own, signed).
    expect(login.body).not.toContain("data-consent-id");
    expect(login.body).not.toContain("Amelia");
    const cookie = String(login.headers["set-cookie"]);
    expect(cookie).toMatch(/^ob_connected_apps=[A-Za-z0-9_-]{43}; Path=\/oauth\/connected-apps; HttpOnly; SameSite=Strict; Max-Age=1800$/);
    expect(login.headers["content-security-policy"]).toContain("form-action 'self'");
    expect(login.headers["cache-control"]).toBe("no-store");
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe("/oauth/connected-apps");
    expect(list!.statusCode).toBe(200);

    const html = list!.body;
    const cards = [...html.matchAll(/data-consent-id="([^"]+)"/g)].map((match) => match[1]);
    expect(cards.sort()).toEqual([v1.body.consent_id, uk.id, bg.id].sort());
    for (const other of others) expect(html).not.toContain(other.id);
    expect(html).toContain("Logged in as Amelia Hart");
    expect(html).toContain("Budget Buddy");
    expect(html).toContain("via UK Open Banking");
    expect(html).toContain("See your balances");
    expect(html).toContain("via Berlin Group (PSD2)");
    expect(html).toContain("Up to 4 times a day");
    expect(html).toContain("30 Jun 2099");
    expect(html).toContain("via Open Bank API");
    expect(html).toContain(olivia.accounts[0].name);
  });

  it("withdraws an access after a confirmation: revoked by the customer, its tokens stop at once, one event", async () => {
    const uk = await standardConsent({
      standard: "uk_open_banking",
      kind: "account_access",
      status: "awaiting_authorisation",
      permissions: ["ReadAccountsDetail", "ReadBalances"],
      details: { Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"] }, Risk: {} },
    });
    const { accessToken } = await authoriseStandardConsent(t.app, { appId: APP, consentId: uk.id, scope: "accounts" });
    const before = await t.app.inject({
      url: "/open-banking/v4.0/aisp/accounts",
      headers: gatewayHeaders(APP, { "x-consent-token": accessToken! }),
    });
    expect(before.statusCode).toBe(200);
    const page = browser();
    const { list } = await page.signIn(APP);
    const csrf = hidden(list!.body, "csrf_token");

    const confirm = await page.post("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: uk.id });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Withdraw Budget Buddy's access?");
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: uk.id } })).status).toBe("authorised");

    const done = await page.post("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: uk.id, confirm: "yes" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/oauth/connected-apps?revoked=${uk.id}`);
    const after = await page.get(String(done.headers.location));
    expect(after.body).toContain("Access withdrawn");
    expect(after.body).not.toContain(`data-consent-id="${uk.id}"`);

    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: uk.id } });
    expect(row).toMatchObject({ status: "revoked", revokedBy: "customer" });
    const viaV1 = await t.app.inject({ url: `/v1/consents/${uk.id}`, headers: gatewayHeaders(APP) });
    expect(viaV1.json()).toMatchObject({ status: "revoked", revoked_by: "customer", standard: "uk_open_banking" });
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: APP, type: "consent.revoked" } });
    expect(events.filter((event) => JSON.parse(event.payload).object.id === uk.id)).toHaveLength(1);
    // The customer's token for that consent is refused on the standard's routes from now on.
    const url = "/open-banking/v4.0/aisp/accounts";
    const refused = await t.app.inject({ url, headers: gatewayHeaders(APP, { "x-consent-token": accessToken! }) });
    expect(refused.statusCode).toBe(401);
    if (standardsAvailable())
      expectConformant({ method: "GET", path: url, status: 401, headers: refused.headers as Record<string, string>, body: undefined });
    // The app's own view of the consent: CANC, and why.
    const appToken = (await token(t.app, APP, { grant_type: "client_credentials", scope: "accounts" })).body.access_token as string;
    const consentUrl = `/open-banking/v4.0/aisp/account-access-consents/${uk.id}`;
    const viewed = await t.app.inject({ url: consentUrl, headers: gatewayHeaders(APP, { "x-consent-token": appToken }) });
    const view = viewed.json();
    if (standardsAvailable())
      expectConformant({
        method: "GET",
        path: consentUrl,
        status: viewed.statusCode,
        headers: viewed.headers as Record<string, string>,
        body: view,
      });
    expect(view.Data.Status).toBe("CANC");
    expect(JSON.stringify(view.Data.StatusReason)).toContain("connected-apps");
    // Again: nothing left to withdraw.
    const again = await page.post("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: uk.id, confirm: "yes" });
    expect(again.statusCode).toBe(404);
  });

  it("withdraws a /v1 consent: its token answers 401 consent_revoked on /v1", async () => {
    const flow = await runAuthorization(t.app, { appId: APP, persona: "student" });
    const tokens = await exchange(t.app, APP, flow.code!, flow.verifier);
    const page = browser();
    const { list } = await page.signIn(APP, "student");
    const csrf = hidden(list!.body, "csrf_token");
    await page.post("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: tokens.body.consent_id, confirm: "yes" });
    const call = await t.app.inject({ url: "/v1/accounts", headers: gatewayHeaders(APP, { "x-consent-token": tokens.body.access_token }) });
    expect(call.statusCode).toBe(401);
    expect(call.json().code).toBe("consent_revoked");
  });

  it("logs out for good: the session ends at the bank, and its old cookie opens nothing", async () => {
    const page = browser();
    const { list } = await page.signIn(APP);
    const sessionCookie = page.jar.header();
    const out = await page.post("/oauth/connected-apps/logout", { csrf_token: hidden(list!.body, "csrf_token") });
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain("You have logged out");
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    const replayed = await t.app.inject({ url: "/oauth/connected-apps", headers: { ...internal, cookie: sessionCookie } });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.body).not.toContain("data-consent-id");
    expect(
      await t.app.db.bankOidcRecord.count({
        where: { kind: "ConnectedAppsSession", key: recordKey("ConnectedAppsSession", sessionCookie.split("=")[1]) },
      }),
    ).toBe(0);
  });
});

describe("the connected-apps page's security", () => {
  it("refuses a forged or altered link with the same page whether or not the tenant exists", async () => {
    const good = new URLSearchParams(link(APP).split("?")[1]);
    const altered = (changes: Record<string, string>) => new URLSearchParams({ ...Object.fromEntries(good), ...changes });
    const forged = altered({ sig: "A".repeat(43) });
    const otherTenant = altered({ tenant: OTHER });
    const unknownTenant = altered({ tenant: "app_doesNotExist" });
    const longer = altered({ exp: String(Number(good.get("exp")) + 3600) });
    const renamed = altered({ app: "Trusted Bank Helper" });
    const pages = [];
    for (const query of [forged, otherTenant, unknownTenant, longer, renamed, new URLSearchParams({ tenant: APP })]) {
      const response = await t.app.inject({ url: `/oauth/connected-apps?${query}`, headers: internal });
      expect(response.statusCode).toBe(403);
      expect(response.headers["set-cookie"]).toBeUndefined();
      pages.push(response.body);
    }
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain("This link is not valid");
  });

  it("refuses an expired link, before and at login", async () => {
    const old = link(APP, new Date(Date.now() - 11 * 60_000));
    const response = await t.app.inject({ url: old, headers: internal });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain("This link has expired");
  });

  it("opens nothing without a link or a session", async () => {
    const response = await t.app.inject({ url: "/oauth/connected-apps", headers: internal });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain("You are not logged in");
    const withoutSecret = await t.app.inject({ url: link(APP) });
    expect(withoutSecret.statusCode).toBe(403);
  });

  it("a wrong password is refused on the login page, and starts no session", async () => {
    const page = browser();
    const { submitted, list } = await page.signIn(APP, "good_credit", "pass_student");
    expect(list).toBeNull();
    expect(submitted.statusCode).toBe(401);
    expect(submitted.body).toContain("The username or password is not right");
    expect(submitted.body).toContain('value="user_good_credit"');
    expect((await page.get("/oauth/connected-apps")).statusCode).toBe(401);
    const unknown = await page.signIn(APP, "nobody");
    expect(unknown.submitted.statusCode).toBe(401);
  });

  it("a login form whose link fields were changed to another tenant is refused", async () => {
    const page = browser();
    const login = await page.get(link(APP));
    const submitted = await page.post("/oauth/connected-apps/login", {
      tenant: OTHER,
      app: hidden(login.body, "app"),
      exp: hidden(login.body, "exp"),
      sig: hidden(login.body, "sig"),
      csrf_token: hidden(login.body, "csrf_token"),
      username: "user_good_credit",
      password: "pass_good_credit",
    });
    expect(submitted.statusCode).toBe(403);
    expect((await page.get("/oauth/connected-apps")).statusCode).toBe(401);
  });

  it("needs the CSRF token of this browser's cookie on every form", async () => {
    const page = browser();
    const login = await page.get(link(APP));
    const fields = {
      tenant: hidden(login.body, "tenant"),
      app: hidden(login.body, "app"),
      exp: hidden(login.body, "exp"),
      sig: hidden(login.body, "sig"),
    };
    const credentials = { username: "user_good_credit", password: "pass_good_credit" };
    expect((await page.post("/oauth/connected-apps/login", { ...fields, ...credentials })).statusCode).toBe(403);
    // Another browser's token does not fit this browser's cookie (a cross-site form cannot read either).
    const elsewhere = await browser().get(link(APP));
    const stolen = await page.post("/oauth/connected-apps/login", {
      ...fields,
      ...credentials,
      csrf_token: hidden(elsewhere.body, "csrf_token"),
    });
    expect(stolen.statusCode).toBe(403);

    const olivia = await customerOf(APP, "good_credit");
    const consent = await standardConsent({
      standard: "berlin_group",
      kind: "account_access",
      status: "authorised",
      customerId: olivia.id,
    });
    const { list } = await page.signIn(APP);
    for (const token of ["", hidden(login.body, "csrf_token"), "x".repeat(43)]) {
      const refused = await page.post("/oauth/connected-apps/revoke", { csrf_token: token, consent_id: consent.id, confirm: "yes" });
      expect(refused.statusCode).toBe(403);
    }
    expect((await page.post("/oauth/connected-apps/logout", { csrf_token: "nope" })).statusCode).toBe(403);
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } })).status).toBe("authorised");
    expect(list!.body).toContain(consent.id);
  });

  it("never reaches another tenant's or another customer's consent", async () => {
    const mine = await customerOf(OTHER, "good_credit");
    const foreign = await standardConsent({
      appId: OTHER,
      standard: "berlin_group",
      kind: "account_access",
      status: "authorised",
      customerId: mine.id,
    });
    const student = await customerOf(APP, "student");
    const studentsOwn = await standardConsent({
      standard: "berlin_group",
      kind: "account_access",
      status: "authorised",
      customerId: student.id,
    });
    const page = browser();
    const { list } = await page.signIn(APP);
    expect(list!.body).not.toContain(foreign.id);
    const csrf = hidden(list!.body, "csrf_token");
    for (const id of [foreign.id, studentsOwn.id, "cns_0000000000000000000000"]) {
      const refused = await page.post("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: id, confirm: "yes" });
      expect(refused.statusCode).toBe(404);
    }
    for (const id of [foreign.id, studentsOwn.id])
      expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id } })).status).toBe("authorised");
  });

  it("a link to another sandbox ends this browser's session instead of showing the other tenant's list", async () => {
    const page = browser();
    const { list } = await page.signIn(APP);
    expect(list!.statusCode).toBe(200);
    const first = page.jar.header();
    const other = await page.get(link(OTHER));
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('name="password"');
    expect(other.body).not.toContain("data-consent-id");
    expect(page.jar.header()).not.toBe(first);
    expect((await t.app.inject({ url: "/oauth/connected-apps", headers: { ...internal, cookie: first } })).statusCode).toBe(401);
    // The same sandbox's link while signed in goes straight to the list, at an address without the signature.
    const again = await page.signIn(OTHER);
    const back = await page.get(link(OTHER));
    expect(again.list!.statusCode).toBe(200);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe("/oauth/connected-apps");
  });

  it("issues a new session id at login (a planted cookie never becomes the session)", async () => {
    const planted = "p".repeat(43);
    const login = await t.app.inject({ url: link(APP), headers: { ...internal, cookie: `ob_connected_apps=${planted}` } });
    expect(String(login.headers["set-cookie"])).toContain(`ob_connected_apps=${planted}`);
    const submitted = await t.app.inject({
      method: "POST",
      url: "/oauth/connected-apps/login",
      headers: { ...internal, cookie: `ob_connected_apps=${planted}`, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        ...Object.fromEntries(["tenant", "app", "exp", "sig", "csrf_token"].map((name) => [name, hidden(login.body, name)])),
        username: "user_good_credit",
        password: "pass_good_credit",
      }).toString(),
    });
    expect(submitted.statusCode).toBe(303);
    expect(String(submitted.headers["set-cookie"])).not.toContain(planted);
    expect(
      (await t.app.inject({ url: "/oauth/connected-apps", headers: { ...internal, cookie: `ob_connected_apps=${planted}` } })).statusCode,
    ).toBe(401);
  });

  it("names an app the bank never saw a client of with the name the portal signed into the link", async () => {
    const student = await customerOf(OTHER, "student");
    const consent = await standardConsent({
      appId: OTHER,
      standard: "berlin_group",
      kind: "funds_confirmation",
      status: "authorised",
      customerId: student.id,
    });
    const page = browser();
    const login = await page.get(link(OTHER, new Date(), "Pocket Money"));
    const fields = Object.fromEntries(["tenant", "app", "exp", "sig", "csrf_token"].map((name) => [name, hidden(login.body, name)]));
    const submitted = await page.post("/oauth/connected-apps/login", { ...fields, username: "user_student", password: "pass_student" });
    const list = await page.get(String(submitted.headers.location));
    expect(list.body).toMatch(new RegExp(`data-consent-id="${consent.id}">\\s*<h2[^>]*>Pocket Money</h2>`));
    expect(list.body).toContain("Confirm available funds");
  });

  it("escapes what apps name themselves", async () => {
    const client = { client_name: '<script>alert("x")</script>' };
    const flow = await runAuthorization(t.app, { appId: OTHER, persona: "thin_file", client });
    await exchange(t.app, OTHER, flow.code!, flow.verifier, REDIRECT, clientHeaders(OTHER, client));
    const { list } = await browser().signIn(OTHER, "thin_file");
    expect(list!.body).not.toContain("<script>");
    expect(list!.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});
