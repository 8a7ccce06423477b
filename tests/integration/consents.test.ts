import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { BankBrowser } from "../support/bank-browser";
import { expectProblem, loadContract } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";

/**
 * Open-banking consent through the real gateway, on the developer's one origin: client
 * credentials from the portal, the bank's login and consent pages at /oauth/authorize,
 * the token endpoint, consent-scoped data calls, and the /v1/consents operations.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
const REDIRECT = "http://localhost:8080/callback";

type App = { id: string; key: string; clientId: string; secret: string; developer: PortalClient };
let appA: App;
let appB: App;

async function newApp(name: string): Promise<App> {
  const { client } = await PortalClient.newDeveloper(portalUrl, name);
  const created = await client.createApp(`${name}'s app`);
  const oauthClient = await client.json("GET", `/api/apps/${created.app.id}/oauth-client`);
  expect(oauthClient.body).toMatchObject({ client_id: expect.stringMatching(/^cli_/), secret_prefix: null, redirect_uris: [REDIRECT] });
  const rotated = await client.json("POST", `/api/apps/${created.app.id}/oauth-client/secret`);
  expect(rotated.status).toBe(201);
  expect(rotated.body.client_secret).toMatch(/^cs_sandbox_/);
  return {
    id: created.app.id,
    key: created.secret,
    clientId: oauthClient.body.client_id,
    secret: rotated.body.client_secret,
    developer: client,
  };
}

beforeAll(async () => {
  [appA, appB] = await Promise.all([newApp("Grace"), newApp("Heidi")]);
});

const basic = (app: App, secret = app.secret) =>
  `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function tokenRequest(params: Record<string, string>, authorization?: string) {
  return fetch(`${portalUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(params),
  });
}

/** A browser's walk through the bank's pages, on the portal origin, with only what a browser keeps. */
async function authorize(app: App, options: { choose?: (ids: string[]) => string[]; decision?: "approve" | "deny"; scope?: string } = {}) {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = `st-${randomBytes(4).toString("hex")}`;
  const query = new URLSearchParams({
    response_type: "code",
    client_id: app.clientId,
    redirect_uri: REDIRECT,
    scope: options.scope ?? "accounts:read transactions:read",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const browser = new BankBrowser(portalUrl);
  const walk = await browser.authorize(`/oauth/authorize?${query}`, { choose: options.choose, decision: options.decision });
  expect(walk.loginPage.status).toBe(200);
  // The authorization server's cookies are path-scoped to its own pages.
  expect(browser.has("ob_interaction")).toBe(true);
  expect(walk.consentPage?.html).toContain(`Share accounts with ${app === appA ? "Grace" : "Heidi"}`);
  const location = walk.location!;
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe(state);
  expect(location.searchParams.get("iss")).toBe(portalUrl);
  return { code: walk.code, error: walk.error, verifier, chosen: walk.chosen, accountIds: walk.accountIds };
}

describe("discovery and the authorization endpoint", () => {
  it.each(["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"])(
    "publishes the metadata at %s on the portal's origin",
    async (path) => {
      const response = await fetch(`${portalUrl}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        issuer: portalUrl,
        authorization_endpoint: `${portalUrl}/oauth/authorize`,
        token_endpoint: `${portalUrl}/oauth/token`,
        jwks_uri: `${portalUrl}/oauth/jwks`,
        code_challenge_methods_supported: ["S256"],
      });
    },
  );

  it("shows an error page, never a redirect, for an unknown client or an unregistered redirect URI", async () => {
    for (const [clientId, redirectUri] of [
      ["cli_0000000000000000000000", REDIRECT],
      [appA.clientId, `${REDIRECT}/`],
      [appA.clientId, "http://localhost:8081/callback"],
    ]) {
      const response = await fetch(
        `${portalUrl}/oauth/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: "code", scope: "accounts:read", code_challenge: "a".repeat(43), code_challenge_method: "S256" })}`,
        { redirect: "manual" },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
    }
  });

  it("the deny path returns access_denied to the app", async () => {
    const denied = await authorize(appA, { decision: "deny", choose: () => [] });
    expect(denied).toMatchObject({ code: null, error: "access_denied" });
  });
});

describe("code → tokens → consent-scoped calls", () => {
  it("runs the whole flow through the gateway and sees only the chosen accounts", async () => {
    const run = await authorize(appA, { choose: (ids) => ids.slice(0, 2) });
    // Recognisable (and so masked wherever it appears in a request log): @openbank/contracts/credential-formats.
    expect(run.code).toMatch(/^oac_[0-9A-Za-z]{43}$/);
    const issued = await tokenRequest(
      { grant_type: "authorization_code", code: run.code!, redirect_uri: REDIRECT, code_verifier: run.verifier },
      basic(appA),
    );
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const tokens = await issued.json();
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "accounts:read transactions:read" });

    const accounts = await sandbox(portalUrl, tokens.access_token, "/v1/accounts");
    const body = await accounts.json();
    contract.expectValid("get", "/v1/accounts", accounts, body);
    expect(body.data.map((a: { id: string }) => a.id).sort()).toEqual([...run.chosen].sort());
    // A token's calls are limited like a key's: the app's sandbox policy.
    expect(accounts.headers.get("ratelimit")).toMatch(/^"sandbox";r=\d+;t=\d+$/);
    expect(accounts.headers.get("x-request-id")).toMatch(/^req_/);
    const transactions = await sandbox(portalUrl, tokens.access_token, `/v1/accounts/${run.chosen[0]}/transactions?limit=5`);
    contract.expectValid("get", "/v1/accounts/{account_id}/transactions", transactions, await transactions.json());
    const other = run.accountIds.find((id) => !run.chosen.includes(id))!;
    await expectProblem(
      await sandbox(portalUrl, tokens.access_token, `/v1/accounts/${other}/balances`),
      403,
      "consent_account_not_granted",
    );
    await expectProblem(await sandbox(portalUrl, tokens.access_token, "/v1/payments"), 403, "insufficient_scope");
    await expectProblem(await sandbox(portalUrl, tokens.access_token, "/v1/customers"), 403, "api_key_required");

    // The code works once; a replay revokes what it issued.
    const replay = await tokenRequest(
      { grant_type: "authorization_code", code: run.code!, redirect_uri: REDIRECT, code_verifier: run.verifier },
      basic(appA),
    );
    expect(replay.status).toBe(400);
    expect((await replay.json()).error).toBe("invalid_grant");
    await expectProblem(await sandbox(portalUrl, tokens.access_token, "/v1/accounts"), 401, "invalid_token");

    // The request log keys on the app, never shows the token. Logs are written just after
    // the response, in batches, so wait for the token call's row.
    const line = await eventually(async () => {
      const text = JSON.stringify((await appA.developer.json("GET", `/api/apps/${appA.id}/requests?limit=100`)).body);
      return text.includes("/oauth/token") && text;
    });
    expect(line).not.toContain(tokens.access_token);
  });

  it("authenticates the client by Basic or client_secret_post; a wrong, rotated or other app's secret is invalid_client", async () => {
    const run = await authorize(appA);
    const wrong = await tokenRequest(
      { grant_type: "authorization_code", code: run.code!, redirect_uri: REDIRECT, code_verifier: run.verifier },
      basic(appA, appB.secret),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Basic realm="oauth"');
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    expect((await tokenRequest({ grant_type: "authorization_code", code: run.code! })).status).toBe(401);

    const issued = await tokenRequest({
      grant_type: "authorization_code",
      code: run.code!,
      redirect_uri: REDIRECT,
      code_verifier: run.verifier,
      client_id: appA.clientId,
      client_secret: appA.secret,
    });
    expect(issued.status).toBe(200);
    const tokens = await issued.json();
    // App B's client cannot use app A's refresh token; app A's can, once.
    const stolen = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, basic(appB));
    expect((await stolen.json()).error).toBe("invalid_grant");
    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, basic(appA));
    expect(refreshed.status).toBe(200);
    const reused = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, basic(appA));
    expect((await reused.json()).error).toBe("invalid_grant");
    await expectProblem(await sandbox(portalUrl, (await refreshed.json()).access_token, "/v1/accounts"), 401, "invalid_token");

    const old = appA.secret;
    const rotated = await appA.developer.json("POST", `/api/apps/${appA.id}/oauth-client/secret`);
    appA.secret = rotated.body.client_secret;
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: "ort_x" }, basic(appA, old))).status).toBe(401);
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: "ort_x" }, basic(appA))).status).toBe(400);
  });

  it("answers an unknown consent token with 401 invalid_token", async () => {
    await expectProblem(await sandbox(portalUrl, `oat_${"A".repeat(43)}`, "/v1/accounts"), 401, "invalid_token");
  });
});

describe("/v1/consents and the sandbox shortcut", () => {
  it("mints a consent with the API key, lists, reads and revokes it; revocation is immediate", async () => {
    const minted = await sandbox(portalUrl, appA.key, "/v1/sandbox/consents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "small_business", permissions: ["accounts:read"] }),
    });
    expect(minted.status).toBe(201);
    const body = await minted.json();
    contract.expectValid("post", "/v1/sandbox/consents", minted, body);
    const accounts = await sandbox(portalUrl, body.access_token, "/v1/accounts");
    expect((await accounts.json()).data).toHaveLength(body.consent.account_ids.length);

    const list = await sandbox(portalUrl, appA.key, "/v1/consents?limit=100");
    const listed = await list.json();
    contract.expectValid("get", "/v1/consents", list, listed);
    expect(listed.data.some((c: { id: string }) => c.id === body.consent.id)).toBe(true);
    const one = await sandbox(portalUrl, appA.key, `/v1/consents/${body.consent.id}`);
    contract.expectValid("get", "/v1/consents/{consent_id}", one, await one.json());

    // Another app sees nothing of it.
    await expectProblem(await sandbox(portalUrl, appB.key, `/v1/consents/${body.consent.id}`), 404, "resource_not_found");
    await expectProblem(
      await sandbox(portalUrl, appB.key, `/v1/consents/${body.consent.id}`, { method: "DELETE" }),
      404,
      "resource_not_found",
    );

    const portalList = await appA.developer.json("GET", `/api/apps/${appA.id}/consents`);
    expect(portalList.body.data.find((c: { id: string }) => c.id === body.consent.id)).toMatchObject({
      status: "authorised",
      persona: "small_business",
    });

    const revoked = await sandbox(portalUrl, appA.key, `/v1/consents/${body.consent.id}`, { method: "DELETE" });
    const revokedBody = await revoked.json();
    contract.expectValid("delete", "/v1/consents/{consent_id}", revoked, revokedBody);
    expect(revokedBody.status).toBe("revoked");
    await expectProblem(await sandbox(portalUrl, body.access_token, "/v1/accounts"), 401, "consent_revoked");
  });

  it("expires a consent now with the sandbox control: its token answers consent_expired, its refresh token invalid_grant", async () => {
    const minted = await sandbox(portalUrl, appA.key, "/v1/sandbox/consents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "good_credit", permissions: ["accounts:read"] }),
    });
    const body = await minted.json();
    expect((await sandbox(portalUrl, body.access_token, "/v1/accounts")).status).toBe(200);
    const path = `/v1/sandbox/consents/${body.consent.id}/expire`;

    // Another app's key, the consent's own token and a malformed id change nothing.
    await expectProblem(await sandbox(portalUrl, appB.key, path, { method: "POST" }), 404, "resource_not_found");
    await expectProblem(await sandbox(portalUrl, body.access_token, path, { method: "POST" }), 403, "api_key_required");
    await expectProblem(
      await sandbox(portalUrl, appA.key, "/v1/sandbox/consents/not-an-id/expire", { method: "POST" }),
      400,
      "validation_failed",
    );
    expect((await sandbox(portalUrl, body.access_token, "/v1/accounts")).status).toBe(200);

    const expired = await sandbox(portalUrl, appA.key, path, { method: "POST" });
    const expiredBody = await expired.json();
    contract.expectValid("post", "/v1/sandbox/consents/{consent_id}/expire", expired, expiredBody);
    expect(expiredBody).toMatchObject({ id: body.consent.id, status: "expired", revoked_at: null });
    await expectProblem(await sandbox(portalUrl, body.access_token, "/v1/accounts"), 401, "consent_expired");
    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: body.refresh_token }, basic(appA));
    expect(refresh.status).toBe(400);
    expect((await refresh.json()).error).toBe("invalid_grant");
    const portalList = await appA.developer.json("GET", `/api/apps/${appA.id}/consents`);
    expect(portalList.body.data.find((c: { id: string }) => c.id === body.consent.id)).toMatchObject({ status: "expired" });
  });

  it("revokes from the dashboard API too", async () => {
    const minted = await (
      await sandbox(portalUrl, appB.key, "/v1/sandbox/consents", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ persona: "student", permissions: ["accounts:read"] }),
      })
    ).json();
    const revoked = await appB.developer.json("DELETE", `/api/apps/${appB.id}/consents/${minted.consent.id}`);
    expect(revoked.body.status).toBe("revoked");
    await expectProblem(await sandbox(portalUrl, minted.access_token, "/v1/accounts"), 401, "consent_revoked");
    expect((await appA.developer.json("DELETE", `/api/apps/${appB.id}/consents/${minted.consent.id}`)).status).toBe(404);
  });

  it("mints for the docs' Try-it-out from a signed-in session", async () => {
    const minted = await appA.developer.json("POST", `/api/apps/${appA.id}/sandbox-consents`, {
      persona: "good_credit",
      permissions: ["accounts:read", "transactions:read"],
    });
    expect(minted.status).toBe(201);
    expect((await sandbox(portalUrl, minted.body.access_token, "/v1/accounts")).status).toBe(200);
    expect(
      (
        await appB.developer.json("POST", `/api/apps/${appA.id}/sandbox-consents`, {
          persona: "good_credit",
          permissions: ["accounts:read"],
        })
      ).status,
    ).toBe(404);
  });
});

describe("redirect URIs in the portal", () => {
  it("validates them (https, or http on localhost; no fragment) and the bank follows the change at once", async () => {
    const bad = await appB.developer.json("PUT", `/api/apps/${appB.id}/redirect-uris`, {
      redirect_uris: ["http://example.com/cb", "https://ok.example/cb#x"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/redirect_uris/0", "/body/redirect_uris/1"]);
    const ok = await appB.developer.json("PUT", `/api/apps/${appB.id}/redirect-uris`, {
      redirect_uris: ["https://heidi.example/oauth/callback"],
    });
    expect(ok.body).toEqual({ redirect_uris: ["https://heidi.example/oauth/callback"] });
    const query = new URLSearchParams({
      client_id: appB.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "accounts:read",
      code_challenge: "a".repeat(43),
      code_challenge_method: "S256",
    });
    expect((await fetch(`${portalUrl}/oauth/authorize?${query}`, { redirect: "manual" })).status).toBe(400);
    query.set("redirect_uri", "https://heidi.example/oauth/callback");
    expect((await fetch(`${portalUrl}/oauth/authorize?${query}`, { redirect: "manual" })).status).toBe(303);
  });
});

describe("coverage", () => {
  it("exercised every consent operation", () => {
    const mine = contract.validator.unexercised().filter((operation) => operation.includes("/consents"));
    expect(mine).toEqual([]);
  });
});
