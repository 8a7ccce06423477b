import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  authorizeUrl,
  basicAuth,
  clientHeaders,
  CLIENT_ID,
  CookieJar,
  exchange,
  pkce,
  REDIRECT,
  runAuthorization,
  token,
} from "./oauth-fixture";
import { bankClient, buildTestApp, expectProblemShape, PORTAL_URL, TEST_SECRET, type TestApp } from "./helpers";

const clock = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const asToken = (appId: string, accessToken: string) => ({ tenant: appId, headers: { "x-consent-token": accessToken } });

describe("GET /oauth/authorize: client and redirect URI checked before any redirect", () => {
  const { challenge } = pkce();
  const base = {
    client_id: CLIENT_ID,
    response_type: "code",
    scope: "accounts:read",
    state: "s1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  };

  it.each([
    ["a trailing slash", `${REDIRECT}/`],
    ["another case in the path", "https://client.example/Callback"],
    ["an extra query", `${REDIRECT}?next=/admin`],
    ["another port", "https://client.example:8443/callback"],
    ["another host", "https://evil.example/callback"],
    ["http instead of https", "http://client.example/callback"],
    ["a fragment", `${REDIRECT}#x`],
  ])("%s → a bank error page, no redirect", async (_name, redirectUri) => {
    const response = await t.app.inject({
      url: authorizeUrl({ ...base, redirect_uri: redirectUri }),
      headers: clientHeaders("app_oauth_pages"),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toContain("redirect_uri did not match any of the client&#39;s registered redirect_uris");
    expect(response.body).toContain(`${PORTAL_URL}/docs/guides/openid-connect-fapi#redirect-uris`);
  });

  it("no redirect_uri with one registered: that one is used (OpenID Connect allows omitting it)", async () => {
    const response = await t.app.inject({ url: authorizeUrl(base), headers: clientHeaders("app_oauth_pages") });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toMatch(/\/oauth\/interaction\//);
  });

  it("an unknown client (the gateway named no app) → an error page", async () => {
    const response = await t.app.inject({
      url: authorizeUrl({ ...base, redirect_uri: REDIRECT, client_id: "cli_unknown000000000000000" }),
      headers: { "x-internal-secret": TEST_SECRET },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain("client is invalid");
    // Its own page policy (inline styles, nothing else), as the sign-in and consent pages: through
    // the gateway a page without one gets the API policy, which refuses its styles.
    expect(response.headers["content-security-policy"]).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it("refuses calls without the internal secret", async () => {
    const response = await t.app.inject({ url: authorizeUrl({ ...base, redirect_uri: REDIRECT }) });
    expect(response.statusCode).toBe(403);
  });

  const state = "a b&c=d/é?%";
  it.each([
    ["PKCE missing", { code_challenge: undefined, code_challenge_method: undefined }, "invalid_request"],
    ["PKCE plain", { code_challenge_method: "plain" }, "invalid_request"],
    ["a malformed challenge", { code_challenge: "short" }, "invalid_request"],
    ["no response_type", { response_type: undefined }, "invalid_request"],
    [
      "response_type=token (answered in the fragment, as that response type would be)",
      { response_type: "token" },
      "unsupported_response_type",
    ],
    ["no scope (after the bank's first page)", { scope: undefined }, "invalid_scope"],
    ["only unknown scopes (after the bank's first page)", { scope: "admin" }, "invalid_scope"],
  ])("%s → redirected with an OAuth error and state untouched", async (_name, override, error) => {
    const jar = new CookieJar();
    let response = await t.app.inject({
      url: authorizeUrl({ ...base, state, redirect_uri: REDIRECT, ...override }),
      headers: clientHeaders("app_oauth_pages"),
    });
    // The scope is judged on the bank's own page (the authorization server takes any it knows).
    while (String(response.headers.location ?? "").startsWith("/oauth") || String(response.headers.location ?? "").startsWith(PORTAL_URL)) {
      jar.take(response.headers["set-cookie"]);
      response = await t.app.inject({
        url: String(response.headers.location).replace(PORTAL_URL, ""),
        headers: { "x-internal-secret": TEST_SECRET, cookie: jar.header() },
      });
    }
    expect(response.statusCode).toBe(303);
    const location = new URL(String(response.headers.location).replace("#", "?"));
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("state")).toBe(state);
    expect(location.searchParams.get("iss")).toBe(PORTAL_URL);
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("keeps a registered URI's own query and appends the response", async () => {
    const registered = "https://client.example/cb?tenant=7";
    const response = await t.app.inject({
      url: authorizeUrl({ ...base, redirect_uri: registered, response_type: "token" }),
      headers: clientHeaders("app_oauth_pages", { redirect_uris: [registered] }),
    });
    const location = new URL(String(response.headers.location).replace("#", "&"));
    expect(location.searchParams.get("tenant")).toBe("7");
    expect(location.searchParams.get("error")).toBe("unsupported_response_type");
  });

  it("an unknown scope is dropped, not granted", async () => {
    const run = await runAuthorization(t.app, { appId: "app_oauth_pages", scope: "accounts:read admin" });
    expect(run.consent!.body).not.toContain("admin");
    expect((await exchange(t.app, "app_oauth_pages", run.code!, run.verifier)).body.scope).toBe("accounts:read");
  });

  it("serves an accessible, bank-branded login page bound to the browser", async () => {
    const start = await t.app.inject({
      url: authorizeUrl({ ...base, redirect_uri: REDIRECT }),
      headers: clientHeaders("app_oauth_pages"),
    });
    expect(start.statusCode).toBe(303);
    const cookies = [start.headers["set-cookie"] ?? []].flat();
    expect(cookies.find((c) => c.startsWith("ob_interaction="))).toMatch(
      /; path=\/oauth\/interaction\/[\w-]+; expires=[^;]+; samesite=lax; httponly$/,
    );
    const response = await t.app.inject({
      url: String(start.headers.location).replace(PORTAL_URL, ""),
      headers: { "x-internal-secret": TEST_SECRET, cookie: cookies.map((c) => c.split(";")[0]).join("; ") },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain("Open Bank");
    expect(response.body).toContain("Budget Buddy");
    expect(response.body).toMatch(/<label for="username">Username<\/label><input type="text" id="username"/);
    expect(response.body).toMatch(/<label for="password">Password<\/label><input type="password" id="password"/);
  });

  it("escapes the app's name", async () => {
    const run = await runAuthorization(t.app, { appId: "app_oauth_pages", client: { client_name: "<script>alert(1)</script>" } });
    expect(run.start.body).not.toContain("<script>alert(1)");
    expect(run.start.body).toContain("&lt;script&gt;");
  });
});

describe("login and consent screens", () => {
  const action = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)![1];
  const csrfOf = (html: string) => /name="csrf_token" value="([^"]*)"/.exec(html)![1];

  it("a wrong password shows an error and lets the customer retry; five end the request as access_denied", async () => {
    const first = await runAuthorization(t.app, { appId: "app_login", password: "wrong" });
    expect(first.login!.statusCode).toBe(200);
    expect(first.login!.body).toContain('role="alert"');
    expect(first.login!.body).toContain('aria-invalid="true"');
    expect(first.login!.body).toContain('value="user_good_credit"');
    let response = first.login!;
    for (let i = 0; i < 4; i++) {
      response = await t.app.inject({
        method: "POST",
        url: action(response.body),
        headers: { "x-internal-secret": TEST_SECRET, cookie: first.jar.header(), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ csrf_token: csrfOf(first.login!.body), username: "user_good_credit", password: "nope" }).toString(),
      });
      if (response.statusCode !== 200) break;
    }
    expect(response.statusCode).toBe(303);
    first.jar.take(response.headers["set-cookie"]);
    const back = await t.app.inject({
      url: String(response.headers.location).replace(PORTAL_URL, ""),
      headers: { "x-internal-secret": TEST_SECRET, cookie: first.jar.header() },
    });
    const location = new URL(String(back.headers.location));
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toContain("too many attempts");
  });

  it("asks the customer to log in on every authorization, even with the bank's session of an earlier one in the browser", async () => {
    const browser = new CookieJar();
    const first = await runAuthorization(t.app, { appId: "app_again_a", jar: browser });
    expect(first.code).toBeTruthy();
    expect(browser.header()).toContain("ob_session=");
    // Same browser, same app: the login page again.
    const second = await runAuthorization(t.app, { appId: "app_again_a", jar: browser });
    expect(second.start.body).toContain('name="username"');
    expect(second.code).toBeTruthy();
    // Same browser, another app (another tenant): the login page, and that tenant's customer.
    const other = await runAuthorization(t.app, { appId: "app_again_b", jar: browser, client: { client_id: "cli_againb000000000000000" } });
    expect(other.start.body).toContain('name="username"');
    expect(other.code).toBeTruthy();
  });

  it("refuses a form from another browser (no cookie) or with a wrong CSRF token", async () => {
    const run = await runAuthorization(t.app, { appId: "app_login", password: "wrong" });
    const url = action(run.login!.body);
    const csrf = csrfOf(run.login!.body);
    const post = (headers: Record<string, string>, fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { "x-internal-secret": TEST_SECRET, "content-type": "application/x-www-form-urlencoded", ...headers },
        payload: new URLSearchParams({ username: "user_good_credit", password: "pass_good_credit", ...fields }).toString(),
      });
    expect((await post({}, { csrf_token: csrf })).statusCode).toBe(400);
    expect((await post({ cookie: "ob_interaction=" + "A".repeat(21) }, { csrf_token: csrf })).statusCode).toBe(400);
    // Flip the first character to one it cannot already be: the last character of a base64url
    // SHA-256 carries 4 bits, so setting it to "A" left the token unchanged 1 time in 16.
    const tampered = (csrf[0] === "A" ? "B" : "A") + csrf.slice(1);
    expect(tampered).not.toBe(csrf);
    expect((await post({ cookie: run.jar.header() }, { csrf_token: tampered })).statusCode).toBe(400);
    expect((await post({ cookie: run.jar.header() }, { csrf_token: csrf })).statusCode).toBe(303);
  });

  it("shows the app, the permissions and one checkbox per account; approving needs an account", async () => {
    const run = await runAuthorization(t.app, { appId: "app_consent_screen", accounts: () => [] });
    expect(run.consent!.body).toContain("Share accounts with Budget Buddy");
    expect(run.consent!.body).toContain("See the chosen accounts&#39; transactions");
    expect(run.consent!.body).toContain("<legend>Choose the accounts to share</legend>");
    expect(run.accountIds).toHaveLength(3);
    expect(run.decision!.statusCode).toBe(200);
    expect(run.decision!.body).toContain("Choose at least one account");
  });

  it("deny → access_denied with the state, and no consent", async () => {
    const run = await runAuthorization(t.app, { appId: "app_deny", accounts: () => [] });
    const response = await t.app.inject({
      method: "POST",
      url: action(run.consent!.body),
      headers: { "x-internal-secret": TEST_SECRET, cookie: run.jar.header(), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ csrf_token: csrfOf(run.consent!.body), decision: "deny" }).toString(),
    });
    expect(response.statusCode).toBe(303);
    run.jar.take(response.headers["set-cookie"]);
    const back = await t.app.inject({
      url: String(response.headers.location).replace(PORTAL_URL, ""),
      headers: { "x-internal-secret": TEST_SECRET, cookie: run.jar.header() },
    });
    const location = new URL(String(back.headers.location));
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(await t.app.db.bankConsent.count({ where: { tenantId: "app_deny" } })).toBe(0);
  });
});

describe("the whole flow, and what the token may do", () => {
  it("code → tokens → only the chosen accounts and permissions", async () => {
    const run = await runAuthorization(t.app, {
      appId: "app_flow",
      scope: "accounts:read transactions:read",
      accounts: (ids) => ids.slice(0, 2),
    });
    expect(run.final!.statusCode).toBe(303);
    expect(run.location!.searchParams.get("state")).toBe("xyz");
    expect(run.location!.searchParams.get("iss")).toBe(PORTAL_URL);
    const issued = await exchange(t.app, "app_flow", run.code!, run.verifier);
    expect(issued.status).toBe(200);
    expect(issued.headers["cache-control"]).toBe("no-store");
    expect(issued.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: "accounts:read transactions:read",
      consent_id: expect.stringMatching(/^cns_/),
    });
    expect(issued.body.access_token).toMatch(/^[\w-]{43}$/);
    expect(issued.body.refresh_token).toMatch(/^[\w-]{43}$/);
    // Stored only hashed: no row holds a token, anywhere.
    const stored = await t.app.db.bankOidcRecord.findMany();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(issued.body.access_token);
    expect(JSON.stringify(stored)).not.toContain(issued.body.refresh_token);
    expect(JSON.stringify(stored)).not.toContain(run.code!);

    const as = asToken("app_flow", issued.body.access_token);
    const accounts = await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...as });
    expect(accounts.status).toBe(200);
    expect(accounts.body.data.map((a: { id: string }) => a.id).sort()).toEqual(run.chosen!.sort());
    const all = await bank.get("/v1/accounts", "/v1/accounts", { tenant: "app_flow" });
    expect(all.body.data.length).toBeGreaterThan(2);

    const shared = run.chosen![0];
    const other = run.accountIds!.find((id) => !run.chosen!.includes(id))!;
    expect(
      (await bank.request({ url: `/v1/accounts/${shared}/balances`, template: "/v1/accounts/{account_id}/balances", ...as })).status,
    ).toBe(200);
    expect(
      (await bank.request({ url: `/v1/accounts/${shared}/transactions`, template: "/v1/accounts/{account_id}/transactions", ...as }))
        .status,
    ).toBe(200);
    expectProblemShape(
      await bank.request({ url: `/v1/accounts/${other}`, template: "/v1/accounts/{account_id}", ...as }),
      403,
      "consent_account_not_granted",
    );
    expectProblemShape(
      await bank.request({ url: `/v1/accounts/${other}/transactions`, template: "/v1/accounts/{account_id}/transactions", ...as }),
      403,
      "consent_account_not_granted",
    );
    expectProblemShape(
      await bank.request({ url: "/v1/accounts/acc_0000000000000000000000", template: "/v1/accounts/{account_id}", ...as }),
      404,
      "resource_not_found",
    );
    const payments = await bank.request({ url: "/v1/payments", template: "/v1/payments", ...as });
    expectProblemShape(payments, 403, "insufficient_scope");
    expect(payments.headers["www-authenticate"]).toBe('Bearer realm="sandbox", error="insufficient_scope", scope="payments:write"');
    expectProblemShape(await bank.request({ url: "/v1/customers", template: "/v1/customers", ...as }), 403, "api_key_required");
    expectProblemShape(await bank.request({ url: "/v1/consents", template: "/v1/consents", ...as }), 403, "api_key_required");
  });

  it("payments:write: pays only from a shared account, and lists only those payments", async () => {
    const run = await runAuthorization(t.app, {
      appId: "app_pay",
      scope: "payments:write accounts:read",
      accounts: (ids) => ids.slice(0, 1),
    });
    const issued = await exchange(t.app, "app_pay", run.code!, run.verifier);
    expect(issued.body.scope.split(" ").sort()).toEqual(["accounts:read", "payments:write"]);
    const accounts = (
      await bank.get(
        "/v1/accounts",
        "/v1/accounts?customer_id=" +
          (await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: "app_pay", persona: "good_credit" } })).id,
        { tenant: "app_pay" },
      )
    ).body.data as { id: string; type: string }[];
    const current = accounts.find((a) => a.type === "current")!;
    const savings = accounts.find((a) => a.type === "savings")!;
    const shared = run.chosen![0];
    const from = shared === current.id ? current : accounts.find((a) => a.id === shared)!;
    const to = from.id === savings.id ? current : savings;
    const pay = (debtor: string, key: string) =>
      bank.request({
        method: "POST",
        url: "/v1/payments",
        template: "/v1/payments",
        tenant: "app_pay",
        headers: { "x-consent-token": issued.body.access_token, "idempotency-key": key, "content-type": "application/json" },
        payload: JSON.stringify({
          debtor_account_id: debtor,
          amount: { amount: "1.00", currency: "GBP" },
          creditor: { type: "account", account_id: debtor === to.id ? from.id : to.id },
        }),
      });
    if (from.type !== "credit_card") {
      const ok = await pay(from.id, "k1");
      expect(ok.status).toBe(201);
    }
    expectProblemShape(await pay(to.id, "k2"), 403, "consent_account_not_granted");
    const listed = await bank.request({ url: "/v1/payments", template: "/v1/payments", ...asToken("app_pay", issued.body.access_token) });
    expect(listed.body.data.every((p: { debtor_account_id: string }) => p.debtor_account_id === from.id)).toBe(true);
  });
});

/** A consent whose tokens a replay revoked reads revoked (`token_replay`), once, with its event. */
async function expectRevokedByReplay(consentId: string) {
  const consent = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
  expect(consent).toMatchObject({ status: "revoked", revokedBy: "token_replay" });
  expect(consent.revokedAt).not.toBeNull();
  const events = await t.app.db.bankEvent.findMany({ where: { tenantId: consent.tenantId, type: "consent.revoked" } });
  expect(events.filter((event) => event.payload.includes(consentId))).toHaveLength(1);
}

describe("POST /oauth/token: RFC 6749 §5.2 and RFC 9700 rules", () => {
  it("a reused code is refused and revokes every token issued from it", async () => {
    const run = await runAuthorization(t.app, { appId: "app_reuse" });
    const first = await exchange(t.app, "app_reuse", run.code!, run.verifier);
    expect(first.status).toBe(200);
    const again = await exchange(t.app, "app_reuse", run.code!, run.verifier);
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expectProblemShape(
      await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_reuse", first.body.access_token) }),
      401,
      "invalid_token",
    );
    expect((await token(t.app, "app_reuse", { grant_type: "refresh_token", refresh_token: first.body.refresh_token })).body.error).toBe(
      "invalid_grant",
    );
    // The consent says so: revoked, and why, not `authorised` with no token that works.
    await expectRevokedByReplay(first.body.consent_id);
  });

  it("PKCE: a wrong or missing verifier is invalid_grant, a malformed one invalid_request", async () => {
    const run = await runAuthorization(t.app, { appId: "app_pkce" });
    expect((await exchange(t.app, "app_pkce", run.code!, pkce().verifier)).body.error).toBe("invalid_grant");
    // A failed exchange spends the code (the authorization server consumes it on the first use).
    const again = await runAuthorization(t.app, { appId: "app_pkce" });
    expect(
      (await token(t.app, "app_pkce", { grant_type: "authorization_code", code: again.code!, redirect_uri: REDIRECT })).body.error,
    ).toBe("invalid_grant");
    const third = await runAuthorization(t.app, { appId: "app_pkce" });
    expect((await exchange(t.app, "app_pkce", third.code!, "short")).body.error).toBe("invalid_request");
  });

  it("redirect_uri must equal the authorised one", async () => {
    const run = await runAuthorization(t.app, { appId: "app_redirect" });
    expect((await exchange(t.app, "app_redirect", run.code!, run.verifier, `${REDIRECT}/`)).body).toMatchObject({ error: "invalid_grant" });
  });

  it("codes expire after 60 s of real time", async () => {
    const run = await runAuthorization(t.app, { appId: "app_slow" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect((await exchange(t.app, "app_slow", run.code!, run.verifier)).body).toMatchObject({ error: "invalid_grant" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a token of app A is useless to app B: code, refresh token and access token", async () => {
    const run = await runAuthorization(t.app, { appId: "app_a" });
    const asB = {
      ...clientHeaders("app_b", { client_id: "cli_appb000000000000000000" }),
      authorization: basicAuth("cli_appb000000000000000000"),
    };
    expect((await exchange(t.app, "app_b", run.code!, run.verifier, REDIRECT, asB)).body.error).toBe("invalid_grant");
    const second = await runAuthorization(t.app, { appId: "app_a" });
    const issued = await exchange(t.app, "app_a", second.code!, second.verifier);
    expect(issued.status).toBe(200);
    expect((await token(t.app, "app_b", { grant_type: "refresh_token", refresh_token: issued.body.refresh_token }, asB)).body.error).toBe(
      "invalid_grant",
    );
    expectProblemShape(
      await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_b", issued.body.access_token) }),
      401,
      "invalid_token",
    );
    // Tokens are not interchangeable: a refresh token is no access token.
    expectProblemShape(
      await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_a", issued.body.refresh_token) }),
      401,
      "invalid_token",
    );
  });

  it("refresh tokens rotate; reusing one revokes the family", async () => {
    const run = await runAuthorization(t.app, { appId: "app_rotate" });
    const first = await exchange(t.app, "app_rotate", run.code!, run.verifier);
    const second = await token(t.app, "app_rotate", { grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(second.body.consent_id).toBe(first.body.consent_id);
    expect(
      (await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_rotate", second.body.access_token) })).status,
    ).toBe(200);
    expect(
      (await token(t.app, "app_rotate", { grant_type: "refresh_token", refresh_token: second.body.refresh_token, scope: "payments:write" }))
        .body.error,
    ).toBe("invalid_scope");
    const third = await token(t.app, "app_rotate", {
      grant_type: "refresh_token",
      refresh_token: second.body.refresh_token,
      scope: "accounts:read",
    });
    expect(third.status).toBe(200);

    const replay = await token(t.app, "app_rotate", { grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(replay.body.error).toBe("invalid_grant");
    for (const accessToken of [first.body.access_token, second.body.access_token, third.body.access_token]) {
      expectProblemShape(
        await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_rotate", accessToken) }),
        401,
        "invalid_token",
      );
    }
    expect((await token(t.app, "app_rotate", { grant_type: "refresh_token", refresh_token: third.body.refresh_token })).body.error).toBe(
      "invalid_grant",
    );
    await expectRevokedByReplay(first.body.consent_id);
  });

  it("answers protocol errors in OAuth's JSON format", async () => {
    const noClient = await token(t.app, null, { grant_type: "authorization_code" });
    expect(noClient).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    const wrongSecret = await token(
      t.app,
      "app_x",
      { grant_type: "authorization_code", code: "x" },
      { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:nope`).toString("base64")}` },
    );
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await token(t.app, "app_x", {})).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(await token(t.app, "app_x", { grant_type: "password" })).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type" },
    });
    expect(await token(t.app, "app_x", { grant_type: "refresh_token" })).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(await token(t.app, "app_x", { grant_type: "refresh_token", refresh_token: "ort_nope" })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
    const repeated = await t.app.inject({
      method: "POST",
      url: "/oauth/token",
      headers: { ...clientHeaders("app_x"), authorization: basicAuth(), "content-type": "application/x-www-form-urlencoded" },
      payload: "grant_type=refresh_token&grant_type=authorization_code",
    });
    expect(repeated.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("consent lifetime on the sandbox clock", () => {
  it("an expired consent's tokens stop working, and it cannot be refreshed", async () => {
    const run = await runAuthorization(t.app, { appId: "app_expiry" });
    const issued = await exchange(t.app, "app_expiry", run.code!, run.verifier);
    const advance = (days: number) =>
      bank.request({
        method: "POST",
        url: "/v1/sandbox/clock/advance",
        template: "/v1/sandbox/clock/advance",
        tenant: "app_expiry",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ days }),
      });
    expect((await advance(1)).status).toBe(200);
    // The access token lives an hour on the sandbox clock.
    expectProblemShape(
      await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken("app_expiry", issued.body.access_token) }),
      401,
      "invalid_token",
    );
    const refreshed = await token(t.app, "app_expiry", { grant_type: "refresh_token", refresh_token: issued.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect((await advance(90)).status).toBe(200);
    const expired = await bank.request({
      url: "/v1/accounts",
      template: "/v1/accounts",
      ...asToken("app_expiry", refreshed.body.access_token),
    });
    expectProblemShape(expired, 401, "consent_expired");
    expect(
      (await token(t.app, "app_expiry", { grant_type: "refresh_token", refresh_token: refreshed.body.refresh_token })).body.error,
    ).toBe("invalid_grant");
    const consent = await bank.get("/v1/consents/{consent_id}", `/v1/consents/${issued.body.consent_id}`, { tenant: "app_expiry" });
    expect(consent.body.status).toBe("expired");
  });
});

describe("the gateway's token-owner lookup", () => {
  it("names the app of any known access token, revoked or not, and nothing else", async () => {
    const run = await runAuthorization(t.app, { appId: "app_owner" });
    const issued = await exchange(t.app, "app_owner", run.code!, run.verifier);
    const ask = (token: string, headers: Record<string, string> = { "x-internal-secret": TEST_SECRET }) =>
      t.app.inject({
        method: "POST",
        url: "/internal/oauth/token-owner",
        headers: { ...headers, "content-type": "application/json" },
        payload: JSON.stringify({ token }),
      });
    expect((await ask(issued.body.access_token)).json()).toEqual({ app_id: "app_owner", jkt: null });
    expect((await ask(issued.body.refresh_token)).json()).toEqual({ app_id: null, jkt: null });
    expect((await ask(`oat_${"A".repeat(43)}`)).json()).toEqual({ app_id: null, jkt: null });
    expect((await ask("A".repeat(43))).json()).toEqual({ app_id: null, jkt: null });
    expect((await ask(issued.body.access_token, {})).statusCode).toBe(403);
  });
});

describe("discovery", () => {
  it.each(["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"])(
    "%s: the same metadata, with the portal's public base URL",
    async (url) => {
      const response = await t.app.inject({ url, headers: { "x-internal-secret": TEST_SECRET } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        issuer: PORTAL_URL,
        authorization_endpoint: `${PORTAL_URL}/oauth/authorize`,
        token_endpoint: `${PORTAL_URL}/oauth/token`,
        pushed_authorization_request_endpoint: `${PORTAL_URL}/oauth/par`,
        jwks_uri: `${PORTAL_URL}/oauth/jwks`,
        userinfo_endpoint: `${PORTAL_URL}/oauth/userinfo`,
        revocation_endpoint: `${PORTAL_URL}/oauth/revoke`,
        introspection_endpoint: `${PORTAL_URL}/oauth/introspect`,
        registration_endpoint: `${PORTAL_URL}/oauth/register`,
        code_challenge_methods_supported: ["S256"],
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        id_token_signing_alg_values_supported: ["ES256"],
        dpop_signing_alg_values_supported: ["ES256", "PS256", "EdDSA"],
        authorization_response_iss_parameter_supported: true,
        claims_supported: expect.arrayContaining(["sub", "name", "email", "verified_claims"]),
      });
      expect(response.json().scopes_supported).toEqual(
        expect.arrayContaining(["openid", "kyc", "accounts:read", "transactions:read", "payments:write"]),
      );
    },
  );
});
