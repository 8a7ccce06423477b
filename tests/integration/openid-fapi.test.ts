import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { SignJWT, importJWK, type JWK } from "jose";
import { custom, generators, Issuer, type BaseClient } from "openid-client";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { BankBrowser } from "../support/bank-browser";
import {
  dpopKey,
  ecKey,
  fapiApp as createFapiApp,
  fapiAuthorize as authorizeFapi,
  FAPI_REDIRECT as REDIRECT,
  newOAuthApp,
  onlyRequestUri,
  registerWithStatement,
} from "../support/fapi-client";
import { PortalClient } from "../support/portal-client";

/**
 * The authorization server as a partner's relying party meets it: openid-client (a certified RP
 * library) against the portal's one origin, through the real gateway and the bank. OpenID Connect
 * sign-in with verified claims, the FAPI 2.0 profile (PAR, private_key_jwt, DPoP-bound tokens on
 * /v1), refresh, revocation, introspection, client credentials and dynamic registration with the
 * portal's software statement; then one refusal per FAPI 2.0 requirement.
 */
const portalUrl = inject("portalUrl");
custom.setHttpOptionsDefaults({ timeout: 10_000 });

let issuer: Issuer<BaseClient>;
let developer: PortalClient;

const newApp = (name: string) => newOAuthApp(developer, name);
const fapiApp = (name: string) => createFapiApp(issuer, developer, name);
const fapiAuthorize = (client: BaseClient, scope?: string) => authorizeFapi(portalUrl, client, scope);

beforeAll(async () => {
  developer = (await PortalClient.newDeveloper(portalUrl, "Fapi Partner", { verified: true })).client;
  issuer = await Issuer.discover(portalUrl);
}, 60_000);

describe("discovery", () => {
  it("advertises OpenID Connect, PAR, DPoP, private_key_jwt, revocation, introspection and registration", () => {
    expect(issuer.metadata).toMatchObject({
      issuer: portalUrl,
      jwks_uri: `${portalUrl}/oauth/jwks`,
      pushed_authorization_request_endpoint: `${portalUrl}/oauth/par`,
      registration_endpoint: `${portalUrl}/oauth/register`,
      revocation_endpoint: `${portalUrl}/oauth/revoke`,
      introspection_endpoint: `${portalUrl}/oauth/introspect`,
      userinfo_endpoint: `${portalUrl}/oauth/userinfo`,
      authorization_response_iss_parameter_supported: true,
    });
    expect(issuer.metadata.token_endpoint_auth_methods_supported).toContain("private_key_jwt");
    expect(issuer.metadata.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(["ES256", "PS256", "EdDSA"]));
  });

  it("serves the signing keys as a public JWKS", async () => {
    const response = await fetch(`${portalUrl}/oauth/jwks`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: JWK[] };
    // The authorization server's ES256 key, and UK Open Banking's PS256 message-signing key.
    expect(keys).toEqual([
      expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", kid: expect.any(String) }),
      expect.objectContaining({ kty: "RSA", alg: "PS256", use: "sig", kid: expect.any(String) }),
    ]);
    for (const key of keys) expect(key).not.toHaveProperty("d");
  });
});

describe("Sign in with Open Bank (OpenID Connect, Basic profile)", () => {
  it("id_token and userinfo carry the persona's name, email and verified_claims", async () => {
    const app = await newApp("Sign-in app");
    const secret = (await developer.json("POST", `/api/apps/${app.appId}/oauth-client/secret`)).body.client_secret as string;
    const client = new issuer.Client({
      client_id: app.clientId,
      client_secret: secret,
      redirect_uris: [REDIRECT],
      response_types: ["code"],
      id_token_signed_response_alg: "ES256",
    });
    const verifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const url = client.authorizationUrl({
      scope: "openid profile email kyc",
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const walk = await new BankBrowser(portalUrl).authorize(url, { choose: () => [] });
    expect(walk.consentPage?.html).toContain("Know that Open Bank verified your identity");
    expect(walk.accountIds).toEqual([]);
    const tokens = await client.callback(REDIRECT, client.callbackParams(walk.location!.toString()), {
      code_verifier: verifier,
      state,
      nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: portalUrl,
      aud: app.clientId,
      nonce,
      name: expect.any(String),
      email: expect.stringContaining("@"),
    });
    expect(claims.verified_claims).toMatchObject({
      verification: {
        trust_framework: "uk_tfida",
        time: expect.any(String),
        evidence: [expect.objectContaining({ type: expect.any(String) })],
      },
      claims: { given_name: expect.any(String), family_name: expect.any(String), birthdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    const userinfo = await client.userinfo(tokens);
    expect(userinfo).toMatchObject({ sub: claims.sub, name: claims.name, email: claims.email, verified_claims: claims.verified_claims });
  });
});

describe("FAPI 2.0: PAR, private_key_jwt and DPoP", () => {
  it("code → DPoP-bound tokens → /v1 with proofs → refresh → introspection → revocation", async () => {
    const app = await fapiApp("fapi-flow");
    const dpop = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const { params, checks } = await fapiAuthorize(app.client);
    const tokens = await app.client.callback(REDIRECT, params, checks, { DPoP: dpop });
    expect(tokens.token_type).toBe("DPoP");
    expect(tokens.claims().aud).toBe(app.clientId);

    const accounts = await app.client.requestResource(`${portalUrl}/v1/accounts`, tokens.access_token!, { DPoP: dpop });
    expect(accounts.statusCode, String(accounts.body)).toBe(200);
    expect(JSON.parse(String(accounts.body)).data).toHaveLength(1);

    // A permission the consent lacks: 403, and the challenge names the DPoP scheme the token needs.
    const payments = await app.client.requestResource(`${portalUrl}/v1/payments`, tokens.access_token!, { DPoP: dpop });
    expect(payments.statusCode).toBe(403);
    expect(payments.headers["www-authenticate"]).toBe('DPoP algs="ES256 PS256 EdDSA", error="insufficient_scope", scope="payments:write"');

    // The same token without its proof is refused: it is bound to the key.
    const bare = await fetch(`${portalUrl}/v1/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(bare.status).toBe(401);

    const refreshed = await app.client.refresh(tokens.refresh_token!, { DPoP: dpop });
    expect(refreshed.token_type).toBe("DPoP");
    const introspected = await app.client.introspect(refreshed.access_token!);
    expect(introspected).toMatchObject({ active: true, client_id: app.clientId, token_type: "DPoP", cnf: { jkt: expect.any(String) } });
    await app.client.revoke(refreshed.access_token!);
    expect((await app.client.introspect(refreshed.access_token!)).active).toBe(false);
  });

  it("client credentials: an app-level token for the app's own client", async () => {
    const app = await fapiApp("fapi-cc");
    const dpop = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const tokens = await app.client.grant({ grant_type: "client_credentials", scope: "accounts:read" }, { DPoP: dpop });
    expect(tokens).toMatchObject({ token_type: "DPoP", expires_in: expect.any(Number) });
    expect(await app.client.introspect(tokens.access_token!)).toMatchObject({ active: true, client_id: app.clientId });
  });

  it("dynamic registration with the portal's software statement, then self-management with the registration access token", async () => {
    const app = await newApp("dcr-app");
    const signing = ecKey("dcr-sig");
    const settings = await developer.json("PUT", `/api/apps/${app.appId}/oauth-client/settings`, {
      profile: "fapi2",
      token_endpoint_auth_method: "private_key_jwt",
      jwks: { keys: [signing.publicJwk] },
    });
    expect(settings.status).toBe(200);
    // A public client is not registered, whatever the statement.
    const statement = (await developer.json("POST", `/api/apps/${app.appId}/software-statement`)).body.software_statement as string;
    const publicClient = await fetch(`${portalUrl}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ software_statement: statement, redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }),
    });
    expect(publicClient.status).toBe(400);
    expect(await publicClient.json()).toMatchObject({ error: "invalid_client_metadata" });
    const registered = await registerWithStatement(issuer, developer, app.appId, signing);
    expect(registered.metadata).toMatchObject({
      client_name: "dcr-app",
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "private_key_jwt",
    });
    expect(registered.metadata.client_id).toMatch(/^dcr_/);
    // Recognisable (and so masked wherever it appears in a request log): @openbank/contracts/credential-formats.
    expect(registered.metadata.registration_access_token).toMatch(/^rat_[0-9A-Za-z]{43}$/);
    const dpop = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const { params, checks } = await fapiAuthorize(registered, "openid accounts:read");
    const tokens = await registered.callback(REDIRECT, params, checks, { DPoP: dpop });
    const accounts = await registered.requestResource(`${portalUrl}/v1/accounts`, tokens.access_token!, { DPoP: dpop });
    expect(accounts.statusCode, String(accounts.body)).toBe(200);

    // RFC 7592: read itself with the registration access token.
    const self = await fetch(registered.metadata.registration_client_uri as string, {
      headers: { authorization: `Bearer ${registered.metadata.registration_access_token}` },
    });
    expect(self.status).toBe(200);
    expect((await self.json()).client_id).toBe(registered.metadata.client_id);
  });

  it("registration without a software statement, or with a forged one, is refused", async () => {
    const missing = await fetch(`${portalUrl}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ redirect_uris: [REDIRECT] }),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_software_statement" });
    const forgedKey = ecKey("forged");
    const forged = await new SignJWT({ software_id: "app_x", software_redirect_uris: [REDIRECT] })
      .setProtectedHeader({ alg: "ES256", kid: "forged" })
      .setIssuer(`${portalUrl}/directory`)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(await importJWK(forgedKey.privateJwk, "ES256"));
    const refused = await fetch(`${portalUrl}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ software_statement: forged, redirect_uris: [REDIRECT] }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "unapproved_software_statement" });
  });
});

describe("tenant isolation of the new kinds", () => {
  it("another app cannot introspect, refresh or revoke a token, nor read a registered client with its own registration token", async () => {
    const [a, b] = [await fapiApp("iso-a"), await fapiApp("iso-b")];
    const dpop = dpopKey();
    const { params, checks } = await fapiAuthorize(a.client);
    const tokens = await a.client.callback(REDIRECT, params, checks, { DPoP: dpop });
    // Introspection answers "inactive" for another client's token (RFC 7662 §2.2), whatever it is.
    expect((await b.client.introspect(tokens.access_token!)).active).toBe(false);
    expect((await b.client.introspect(tokens.refresh_token!)).active).toBe(false);
    // B cannot use A's refresh token, even with A's DPoP key.
    await expect(b.client.refresh(tokens.refresh_token!, { DPoP: dpop })).rejects.toMatchObject({ error: "invalid_grant" });
    // Revocation by B is refused, and A's token lives on.
    await expect(b.client.revoke(tokens.access_token!)).rejects.toMatchObject({ error: "invalid_request" });
    expect((await a.client.introspect(tokens.access_token!)).active).toBe(true);
    // Registered clients: one's registration access token reads only itself.
    const regA = await registerWithStatement(issuer, developer, a.appId, a.signing);
    const regB = await registerWithStatement(issuer, developer, b.appId, b.signing);
    const crossRead = await fetch(regA.metadata.registration_client_uri as string, {
      headers: { authorization: `Bearer ${regB.metadata.registration_access_token}` },
    });
    expect(crossRead.status).toBe(401);
    // The bank stores no private key of the apps' and no registration token in the clear (secrets-at-rest checks every table).
  });
});

describe("FAPI 2.0: one refusal per requirement, each naming the rule and the guide", () => {
  let app: Awaited<ReturnType<typeof fapiApp>>;
  beforeAll(async () => {
    app = await fapiApp("fapi-refusals");
  });

  const expectGuide = (body: { error_description?: string; error_uri?: string }, anchor: string) => {
    expect(body.error_uri).toBe(`${portalUrl}/docs/guides/openid-connect-fapi#${anchor}`);
    expect(body.error_description).toBeTruthy();
  };

  it("PAR is required: an authorization request that was not pushed is refused", async () => {
    const url = app.client.authorizationUrl({
      scope: "openid accounts:read",
      code_challenge: generators.codeChallenge(generators.codeVerifier()),
      code_challenge_method: "S256",
      state: "s",
    });
    const walk = await new BankBrowser(portalUrl).authorize(url);
    const refusal = walk.location ? Object.fromEntries(walk.location.searchParams) : {};
    const page = walk.loginPage.html;
    expect(refusal.error === "invalid_request" || page.includes("Pushed Authorization Request")).toBe(true);
  });

  it("a parameter sent to /authorize beside the request_uri (not pushed) is refused", async () => {
    const verifier = generators.codeVerifier();
    const pushed = await app.client.pushedAuthorizationRequest({
      scope: "openid accounts:read",
      redirect_uri: REDIRECT,
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: "S256",
      state: "s",
    });
    const url = new URL(onlyRequestUri(app.client, pushed.request_uri as string));
    url.searchParams.set("scope", "openid accounts:read payments:write");
    const walk = await new BankBrowser(portalUrl).authorize(url.toString());
    expect(walk.code).toBeNull();
    expect(walk.loginPage.html + JSON.stringify(walk.location)).toMatch(/not pushed|scope/);
  });

  it("a client_secret on a FAPI app is refused at the token endpoint", async () => {
    const response = await fetch(`${portalUrl}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${app.clientId}:cs_sandbox_${"a".repeat(40)}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(401);
    expectGuide(await response.json(), "client-authentication");
  });

  it("a public client (no client authentication) is refused", async () => {
    const response = await fetch(`${portalUrl}/oauth/par`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: app.clientId, response_type: "code", redirect_uri: REDIRECT, scope: "openid" }),
    });
    expect([400, 401]).toContain(response.status);
    const body = await response.json();
    expect(body.error).toMatch(/invalid_client|invalid_request/);
    expectGuide(body, "client-authentication");
  });

  it("a token request without a DPoP proof is refused (tokens must be sender-constrained)", async () => {
    const response = await app.client.grant({ grant_type: "client_credentials", scope: "accounts:read" }).catch((error) => error);
    expect(response).toBeInstanceOf(Error);
    expect(String(response.error_description ?? response.message)).toMatch(/DPoP/);
  });

  it("a signed request object (JAR) is accepted at PAR while valid, and refused once expired", async () => {
    const signed = async (nbf: number, exp: number) =>
      new SignJWT({
        client_id: app.clientId,
        response_type: "code",
        redirect_uri: REDIRECT,
        scope: "openid accounts:read",
        state: "jar",
        code_challenge: createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url"),
        code_challenge_method: "S256",
      })
        .setProtectedHeader({ alg: "ES256", kid: app.signing.privateJwk.kid })
        .setIssuer(app.clientId)
        .setAudience(portalUrl)
        .setNotBefore(nbf)
        .setIssuedAt(nbf)
        .setExpirationTime(exp)
        .sign(await importJWK(app.signing.privateJwk, "ES256"));
    const now = Math.floor(Date.now() / 1000);
    const accepted = await app.client.pushedAuthorizationRequest({ request: await signed(now, now + 300) });
    expect(accepted.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const walk = await new BankBrowser(portalUrl).authorize(onlyRequestUri(app.client, accepted.request_uri as string));
    expect(walk.loginPage.html).toContain("Log in to Open Bank");

    const pushed = await app.client.pushedAuthorizationRequest({ request: await signed(now - 7200, now - 3600) }).catch((error) => error);
    expect(pushed).toBeInstanceOf(Error);
    expect(pushed.error).toBe("invalid_request_object");
    expect(String(pushed.error_description)).toMatch(/expired|exp/);
  });
});
