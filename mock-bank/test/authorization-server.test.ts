import { compactVerify, CompactSign, generateKeyPair, importJWK, SignJWT } from "jose";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerClaims } from "../src/domain/oauth/identity-claims";
import { PrismaOidcAdapter, recordKey, sweepExpiredRecords } from "../src/domain/oauth/oidc-adapter";
import { deriveSigningKey } from "../src/domain/oauth/signing-keys";
import { deriveMessageSigningJwk } from "@openbank/contracts/message-signing";
import { buildTestApp, PORTAL_URL, TEST_SECRET, type TestApp } from "./helpers";
import { authorizeUrl, basicAuth, clientHeaders, CLIENT_ID, pkce, REDIRECT } from "./oauth-fixture";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("the signing key", () => {
  it("is derived from the internal secret: stable, a valid P-256 key, and another secret gives another key", async () => {
    const key = deriveSigningKey(TEST_SECRET);
    expect(deriveSigningKey(TEST_SECRET)).toEqual(key);
    expect(deriveSigningKey(`${TEST_SECRET}-rotated`).kid).not.toBe(key.kid);
    const jws = await new CompactSign(new TextEncoder().encode("hello"))
      .setProtectedHeader({ alg: "ES256" })
      .sign(await importJWK(key, "ES256"));
    const publicJwk = { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
    expect(new TextDecoder().decode((await compactVerify(jws, await importJWK(publicJwk, "ES256"))).payload)).toBe("hello");
  });

  it("is published without its private part", async () => {
    const response = await t.app.inject({ url: "/oauth/jwks", headers: { "x-internal-secret": TEST_SECRET } });
    expect(response.statusCode).toBe(200);
    const { keys } = response.json() as { keys: Record<string, string>[] };
    // The authorization server's ES256 key, then UK Open Banking's PS256 message-signing key.
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", kid: deriveSigningKey(TEST_SECRET).kid });
    expect(keys[1]).toMatchObject({ kty: "RSA", alg: "PS256", use: "sig", kid: deriveMessageSigningJwk(TEST_SECRET).kid });
    for (const key of keys) for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(key[secret]).toBeUndefined();
  });
});

describe("the storage adapter", () => {
  it("keeps no token in the clear: hashed key, payload without jti; find puts it back; consume and grant revocation work", async () => {
    const adapter = new PrismaOidcAdapter("AccessToken", t.app.db);
    const id = "A".repeat(20) + "secret-token-value-xyz";
    await adapter.upsert(id, { jti: id, grantId: "grant-1", clientId: "cli_x", kind: "AccessToken" }, 60);
    const rows = await t.app.db.bankOidcRecord.findMany({ where: { grantId: "grant-1" } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("secret-token-value");
    expect(await adapter.find(id)).toMatchObject({ jti: id, grantId: "grant-1" });
    expect(await adapter.find(`${id}x`)).toBeUndefined();
    await adapter.consume(id);
    expect((await adapter.find(id))?.consumed).toEqual(expect.any(Number));
    await adapter.revokeByGrantId("grant-1");
    expect(await adapter.find(id)).toBeUndefined();
  });

  it("sweeps expired records and keeps the live ones", async () => {
    const adapter = new PrismaOidcAdapter("RefreshToken", t.app.db);
    await adapter.upsert("sweep-live-000000000000000", { jti: "sweep-live-000000000000000" }, 600);
    await adapter.upsert("sweep-dead-000000000000000", { jti: "sweep-dead-000000000000000" }, 600);
    await t.app.db.bankOidcRecord.updateMany({
      where: { key: recordKey("RefreshToken", "sweep-dead-000000000000000") },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await sweepExpiredRecords(t.app.db)).toBeGreaterThanOrEqual(1);
    expect(await t.app.db.bankOidcRecord.count({ where: { key: recordKey("RefreshToken", "sweep-dead-000000000000000") } })).toBe(0);
    expect(await adapter.find("sweep-live-000000000000000")).toBeDefined();
  });

  it("treats an expired record as gone", async () => {
    const adapter = new PrismaOidcAdapter("AuthorizationCode", t.app.db);
    await adapter.upsert("code-expired-0000000000000", { jti: "code-expired-0000000000000" }, 1);
    await t.app.db.bankOidcRecord.updateMany({ where: { kind: "AuthorizationCode" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await adapter.find("code-expired-0000000000000")).toBeUndefined();
  });
});

describe("identity claims", () => {
  const customer = {
    id: "cus_1",
    givenName: "Ada",
    familyName: "Lovelace",
    email: "ada@example.com",
    dateOfBirth: new Date("1990-12-10T00:00:00Z"),
    createdAt: new Date("2026-01-02T03:04:05.678Z"),
    addressLine1: "1 St James's Square",
    city: "London",
    postcode: "SW1Y 4JU",
    country: "GB",
    nationalId: null,
  };
  it("a verified customer carries verified_claims: how, when, the evidence and the verified claims", () => {
    expect(customerClaims({ ...customer, kycStatus: "approved" })).toMatchObject({
      sub: "cus_1",
      name: "Ada Lovelace",
      birthdate: "1990-12-10",
      address: { street_address: "1 St James's Square", locality: "London", postal_code: "SW1Y 4JU", country: "GB" },
      verified_claims: {
        verification: { trust_framework: "uk_tfida", time: "2026-01-02T03:04:05Z", evidence: [{ type: "document" }] },
        claims: { given_name: "Ada", family_name: "Lovelace", birthdate: "1990-12-10" },
      },
    });
  });
  it.each(["review", "rejected"])("a customer whose KYC is %s has no verified_claims", (kycStatus) => {
    expect(customerClaims({ ...customer, kycStatus })).not.toHaveProperty("verified_claims");
  });
});

describe("pushed requests", () => {
  async function push(params: Record<string, string>) {
    const response = await t.app.inject({
      method: "POST",
      url: "/oauth/par",
      headers: { ...clientHeaders("app_par"), authorization: basicAuth(), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(params).toString(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().request_uri as string;
  }
  const pushedParams = () => ({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT,
    scope: "openid accounts:read",
    code_challenge: pkce().challenge,
    code_challenge_method: "S256",
  });

  it("with a request_uri, a parameter that was not pushed is refused on a bank page that names it and links the guide", async () => {
    const requestUri = await push(pushedParams());
    const response = await t.app.inject({
      url: authorizeUrl({ client_id: CLIENT_ID, request_uri: requestUri, scope: "openid payments:write", state: "s" }),
      headers: clientHeaders("app_par"),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain("scope, state were not pushed");
    expect(response.body).toContain("/docs/guides/openid-connect-fapi#par");
  });

  it("a pushed value repeated unchanged (as OpenID Connect clients do) is fine", async () => {
    const params = pushedParams();
    const requestUri = await push(params);
    const response = await t.app.inject({
      url: authorizeUrl({ client_id: CLIENT_ID, request_uri: requestUri, scope: params.scope, response_type: params.response_type }),
      headers: clientHeaders("app_par"),
    });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toContain("/oauth/interaction/");
  });
});

describe("registered clients", () => {
  it("lists only clients registered for the app, never the portal's own", async () => {
    await t.app.db.bankOidcRecord.createMany({
      data: [
        {
          key: "Client:a",
          kind: "Client",
          clientId: "dcr_a",
          payload: JSON.stringify({
            client_id: "dcr_a",
            app_id: "app_reg",
            client_name: "A",
            redirect_uris: [],
            token_endpoint_auth_method: "private_key_jwt",
            profile: "fapi2",
          }),
        },
        {
          key: "Client:b",
          kind: "Client",
          clientId: "dcr_b",
          payload: JSON.stringify({ client_id: "dcr_b", app_id: "app_other", client_name: "B" }),
        },
        { key: "Client:c", kind: "Client", clientId: "cli_c", payload: JSON.stringify({ client_id: "cli_c", app_id: "app_reg" }) },
      ],
    });
    const response = await t.app.inject({
      url: "/internal/oauth/registered-clients?app_id=app_reg",
      headers: { "x-internal-secret": TEST_SECRET },
    });
    expect(response.json()).toEqual({
      data: [
        {
          client_id: "dcr_a",
          client_name: "A",
          redirect_uris: [],
          token_endpoint_auth_method: "private_key_jwt",
          profile: "fapi2",
          created_at: expect.any(String),
        },
      ],
    });
    expect((await t.app.inject({ url: "/internal/oauth/registered-clients?app_id=app_reg" })).statusCode).toBe(403);
  });
});

describe("fetching a client's jwks_uri", () => {
  it("never connects to a jwks_uri that resolves to a loopback, private or metadata address (checked at connect time)", async () => {
    // A listener that counts connections: the guard must refuse before any is made.
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;
    const { privateKey } = await generateKeyPair("ES256");
    try {
      for (const jwksUri of [
        `https://127.0.0.1:${port}/jwks.json`,
        `https://localhost:${port}/jwks.json`,
        "https://169.254.169.254/jwks",
      ]) {
        const clientId = "cli_jwksuri00000000000000";
        const now = Math.floor(Date.now() / 1000);
        const assertion = await new SignJWT({})
          .setProtectedHeader({ alg: "ES256", kid: "k1" })
          .setIssuer(clientId)
          .setSubject(clientId)
          .setAudience(PORTAL_URL)
          .setJti(crypto.randomUUID())
          .setIssuedAt(now)
          .setExpirationTime(now + 60)
          .sign(privateKey);
        const response = await t.app.inject({
          method: "POST",
          url: "/oauth/token",
          headers: {
            ...clientHeaders("app_jwks", { client_id: clientId, token_endpoint_auth_method: "private_key_jwt", jwks_uri: jwksUri }),
            "content-type": "application/x-www-form-urlencoded",
          },
          payload: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: clientId,
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: assertion,
          }).toString(),
        });
        expect(response.statusCode, jwksUri).toBe(401);
        expect(response.json()).toMatchObject({ error: "invalid_client" });
      }
      expect(connections).toBe(0);
    } finally {
      listener.close();
    }
  });
});
