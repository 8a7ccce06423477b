import { generateKeyPairSync, randomUUID } from "node:crypto";
import { flattenedVerify, importJWK, type JWK } from "jose";
import { custom, Issuer, type BaseClient } from "openid-client";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { fapiApp } from "../support/fapi-client";
import { eventually, PortalClient } from "../support/portal-client";
import { expectConformant, standardsAvailable } from "../support/standards-contract";
import { storedRows } from "../support/stored-rows";
import { OB, signDetached, tppSigningKey } from "../support/uk-message-signing";

/**
 * The two standards' surfaces through the real gateway (the built portal, the bank): what the
 * gateway itself decides, in each standard's own terms. The bank's routes answer for themselves
 * (their suites check them); here a call that passes the gateway is only followed as far as the
 * headers the gateway adds and the request log it writes.
 */
const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
custom.setHttpOptionsDefaults({ timeout: 10_000 });

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UK = `${portalUrl}/open-banking/v4.0`;
const BG = `${portalUrl}/berlin-group/v1`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes are checked by the assertions
const parsed = (value: unknown): any => (typeof value === "string" ? JSON.parse(value) : value);

type App = { appId: string; secret: string; keyId: string };
let developer: PortalClient;
let app: App;

async function newApp(name: string): Promise<App> {
  const created = await developer.json("POST", "/api/apps", { name, redirect_uris: ["http://localhost:8080/callback"] });
  expect(created.status).toBe(201);
  return { appId: created.body.app.id, secret: created.body.secret, keyId: created.body.key.id };
}

async function newKey(name: string): Promise<string> {
  const created = await developer.json("POST", `/api/apps/${app.appId}/keys`, { name });
  expect(created.status).toBe(201);
  return created.body.secret as string;
}

/** The stored request-log row of a call, once the write-behind buffer has written it. */
function storedLog(id: string) {
  return eventually(async () => (await storedRows(databaseUrl, "RequestLog")).find((row) => row.id === id), 8_000);
}

const checkConformance = standardsAvailable();

/** The answer is what the official document declares for this operation and status (headers, body or none). */
function conformant(method: string, url: string, response: Response, body: unknown) {
  const path = new URL(url).pathname;
  if (checkConformance) expectConformant({ method, path, status: response.status, headers: response.headers, body });
}

beforeAll(async () => {
  developer = (await PortalClient.newDeveloper(portalUrl, "Standards Partner", { verified: true })).client;
  app = await newApp("standards-gateway");
}, 60_000);

describe("UK Open Banking 4.0 through the gateway", () => {
  it("forwards a key's call with a made-up interaction id, answers it, and logs the call masked", async () => {
    const response = await fetch(`${UK}/aisp/accounts`, {
      headers: {
        authorization: `Bearer ${app.secret}`,
        "x-fapi-customer-ip-address": "198.51.100.23",
        "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 GMT",
      },
    });
    // Whatever the bank's route answers (its own suites check that), the gateway's headers are on it.
    await response.arrayBuffer();
    const interactionId = response.headers.get("x-fapi-interaction-id");
    expect(interactionId).toMatch(UUID_V4);
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^req_/);

    const row = await storedLog(requestId);
    expect(row).toMatchObject({ appId: app.appId, apiKeyId: app.keyId, method: "GET", path: "/open-banking/v4.0/aisp/accounts" });
    const requestHeaders = parsed(row.requestHeaders);
    expect(requestHeaders).toMatchObject({
      authorization: "Bearer [REDACTED]",
      "x-fapi-customer-ip-address": "198.51.100.***",
      "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 GMT",
    });
    expect(JSON.stringify(row)).not.toContain(app.secret);
    expect(parsed(row.responseHeaders)["x-fapi-interaction-id"]).toBe(interactionId);
  });

  it("takes the docs' Try-it-out credential (the portal session and a key id), as /v1 does", async () => {
    const response = await developer.request("GET", "/open-banking/v4.0/aisp/accounts", undefined, { "x-portal-key-id": app.keyId });
    await response.arrayBuffer();
    // Past the gateway (the bank then decides: accounts need a customer's token).
    expect(response.status).not.toBe(401);
    const row = await storedLog(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ appId: app.appId, apiKeyId: app.keyId });
    const bg = await developer.request("GET", "/berlin-group/v1/accounts", undefined, {
      "x-portal-key-id": app.keyId,
      "x-request-id": randomUUID(),
    });
    await bg.arrayBuffer();
    expect(bg.status).not.toBe(401);
  });

  it("echoes the TPP's interaction id", async () => {
    const mine = randomUUID();
    const response = await fetch(`${UK}/aisp/accounts`, {
      headers: { authorization: `Bearer ${app.secret}`, "x-fapi-interaction-id": mine },
    });
    expect(response.headers.get("x-fapi-interaction-id")).toBe(mine);
  });

  it("answers a missing or unknown credential 401 with no body (as the document declares), the reason in WWW-Authenticate", async () => {
    const mine = randomUUID();
    const missing = await fetch(`${UK}/aisp/accounts`, { headers: { "x-fapi-interaction-id": mine } });
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe("");
    conformant("GET", `${UK}/aisp/accounts`, missing, "");
    expect(missing.headers.get("x-fapi-interaction-id")).toBe(mine);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm="sandbox", error_description="/);
    const unknown = await fetch(`${UK}/pisp/domestic-payment-consents`, {
      method: "POST",
      headers: { authorization: `Bearer sk_sandbox_${"A".repeat(36)}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe("");
    conformant("POST", `${UK}/pisp/domestic-payment-consents`, unknown, "");
    expect(unknown.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
    expect(unknown.headers.get("www-authenticate")).toMatch(/error="invalid_token", error_description="The API key is not valid/);
  });

  it("refuses an interaction id that is not a UUID: 400 OBErrorResponse1 U006", async () => {
    const response = await fetch(`${UK}/aisp/accounts`, {
      headers: { authorization: `Bearer ${app.secret}`, "x-fapi-interaction-id": "abc" },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    conformant("GET", `${UK}/aisp/accounts`, response, body);
    expect(body.Errors).toEqual([expect.objectContaining({ ErrorCode: "U006", Path: "x-fapi-interaction-id" })]);
  });

  it("answers 429 with Retry-After and no body once the key's quota is spent, the interaction id still answered", async () => {
    const { limit } = inject("rateLimit");
    const key = await newKey("uk rate limit probe");
    const responses = await Promise.all(
      Array.from({ length: limit + 10 }, () => fetch(`${UK}/aisp/accounts`, { headers: { authorization: `Bearer ${key}` } })),
    );
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(await limited[0].text()).toBe("");
    conformant("GET", `${UK}/aisp/accounts`, limited[0], "");
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited[0].headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
    await Promise.all(responses.filter((response) => !response.bodyUsed).map((response) => response.body?.cancel()));
  });

  it("accepts the app's own client-credentials token, DPoP-bound, and forwards the call to the bank", async () => {
    const issuer = await Issuer.discover(portalUrl);
    const fapi = await fapiApp(issuer as Issuer<BaseClient>, developer, "uk-client-credentials");
    const dpop = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const tokens = await fapi.client.grant({ grant_type: "client_credentials", scope: "accounts" }, { DPoP: dpop });
    expect(tokens.token_type).toBe("DPoP");
    const interactionId = randomUUID();
    const response = await fapi.client.requestResource(`${UK}/aisp/account-access-consents`, tokens.access_token!, {
      DPoP: dpop,
      method: "POST",
      headers: { "content-type": "application/json", "x-fapi-interaction-id": interactionId },
      body: JSON.stringify({ Data: { Permissions: ["ReadAccountsBasic"] }, Risk: {} }),
    });
    // Past the gateway: whatever the bank's route answers, it is not the gateway's 401.
    expect(response.headers["www-authenticate"] ?? "", String(response.body)).not.toMatch(/invalid_token|use_dpop_nonce/);
    expect(response.statusCode).not.toBe(401);
    expect(response.headers["x-fapi-interaction-id"]).toBe(interactionId);
    const row = await storedLog(String(response.headers["x-request-id"]));
    expect(row).toMatchObject({ appId: fapi.appId, apiKeyId: null, method: "POST" });
    expect(row.keyPrefix).toBe(`${tokens.access_token!.slice(0, 8)}…${tokens.access_token!.slice(-4)}`);
    expect(JSON.stringify(row)).not.toContain(tokens.access_token!);
  });
});

describe("Berlin Group NextGenPSD2 through the gateway", () => {
  it("forwards a key's call, answers with the TPP's X-Request-ID and the sandbox's own id, and logs under the sandbox's id, masked", async () => {
    const tppRequestId = randomUUID();
    const response = await fetch(`${BG}/accounts?withBalance=true`, {
      headers: {
        authorization: `Bearer ${app.secret}`,
        "x-request-id": tppRequestId,
        "consent-id": "cns_unknown",
        "psu-ip-address": "192.0.2.44",
        "psu-id": "PSU-0042",
      },
    });
    await response.arrayBuffer();
    expect(response.headers.get("x-request-id")).toBe(tppRequestId);
    const sandboxId = response.headers.get("x-sandbox-request-id")!;
    expect(sandboxId).toMatch(/^req_/);

    const row = await storedLog(sandboxId);
    expect(row).toMatchObject({ appId: app.appId, apiKeyId: app.keyId, path: "/berlin-group/v1/accounts?withBalance=true" });
    expect(parsed(row.requestHeaders)).toMatchObject({
      "x-request-id": tppRequestId,
      "consent-id": "cns_unknown",
      "psu-ip-address": "192.0.2.***",
      "psu-id": "******42",
      authorization: "Bearer [REDACTED]",
    });
    expect(parsed(row.responseHeaders)).toMatchObject({ "x-request-id": tppRequestId, "x-sandbox-request-id": sandboxId });
  });

  it("refuses a call without a UUID X-Request-ID: 400 FORMAT_ERROR in tppMessages", async () => {
    for (const value of [undefined, "42"]) {
      const response = await fetch(`${BG}/consents`, {
        method: "POST",
        headers: { authorization: `Bearer ${app.secret}`, "content-type": "application/json", ...(value ? { "x-request-id": value } : {}) },
        body: "{}",
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("x-request-id")).toMatch(UUID_V4);
      const body = await response.json();
      conformant("POST", `${BG}/consents`, response, body);
      expect(body.tppMessages).toEqual([expect.objectContaining({ category: "ERROR", code: "FORMAT_ERROR", path: "X-Request-ID" })]);
    }
  });

  it("answers a missing or unknown key 401 with CERTIFICATE_MISSING or CERTIFICATE_INVALID, echoing X-Request-ID", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "CERTIFICATE_MISSING"],
      [{ authorization: `Bearer sk_sandbox_${"B".repeat(36)}` }, "CERTIFICATE_INVALID"],
    ];
    for (const [credential, code] of cases) {
      const tppRequestId = randomUUID();
      const response = await fetch(`${BG}/payments/sepa-credit-transfers`, {
        method: "POST",
        headers: { "x-request-id": tppRequestId, "content-type": "application/json", ...credential },
        body: "{}",
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("x-request-id")).toBe(tppRequestId);
      const body = await response.json();
      conformant("POST", `${BG}/payments/sepa-credit-transfers`, response, body);
      expect(body.tppMessages[0]).toMatchObject({ category: "ERROR", code });
    }
  });

  it("answers 429 ACCESS_EXCEEDED on account information once the key's quota is spent", async () => {
    const { limit } = inject("rateLimit");
    const key = await newKey("bg rate limit probe");
    const responses = await Promise.all(
      Array.from({ length: limit + 10 }, () =>
        fetch(`${BG}/accounts`, { headers: { authorization: `Bearer ${key}`, "x-request-id": randomUUID() } }),
      ),
    );
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited[0].headers.get("x-request-id")).toMatch(UUID_V4);
    const body = await limited[0].json();
    conformant("GET", `${BG}/accounts`, limited[0], body);
    expect(body.tppMessages[0].code).toBe("ACCESS_EXCEEDED");
    await Promise.all(responses.filter((response) => !response.bodyUsed).map((response) => response.body?.cancel()));
  });
});

describe("a suspended app on both standards", () => {
  it("is refused 403 in each standard's format (AG08, SERVICE_BLOCKED), and served again once reinstated", async () => {
    const suspendedApp = await newApp("standards-suspended");
    const admin = new PortalClient(portalUrl);
    await admin.signIn("admin@example.com", "Programme-Review-2026");
    expect((await admin.json("POST", `/api/admin/apps/${suspendedApp.appId}/suspend`, { reason: "Standards test" })).status).toBe(200);
    try {
      const uk = await fetch(`${UK}/pisp/domestic-payments`, {
        method: "POST",
        headers: { authorization: `Bearer ${suspendedApp.secret}`, "content-type": "application/json" },
        body: "{}",
      });
      expect(uk.status).toBe(403);
      expect(uk.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
      const ukBody = await uk.json();
      conformant("POST", `${UK}/pisp/domestic-payments`, uk, ukBody);
      expect(ukBody.Errors[0].ErrorCode).toBe("AG08");

      const tppRequestId = randomUUID();
      const bg = await fetch(`${BG}/accounts`, {
        headers: { authorization: `Bearer ${suspendedApp.secret}`, "x-request-id": tppRequestId },
      });
      expect(bg.status).toBe(403);
      expect(bg.headers.get("x-request-id")).toBe(tppRequestId);
      const bgBody = await bg.json();
      conformant("GET", `${BG}/accounts`, bg, bgBody);
      expect(bgBody.tppMessages[0].code).toBe("SERVICE_BLOCKED");
    } finally {
      await admin.request("POST", `/api/admin/apps/${suspendedApp.appId}/reinstate`);
    }
    // A call the app's key may make (customer data such as /aisp/accounts needs the customer's token: 403 from the bank).
    const again = await fetch(`${UK}/aisp/account-access-consents/cns_unknown`, {
      headers: { authorization: `Bearer ${suspendedApp.secret}` },
    });
    expect(again.status).toBe(400);
  });
});

describe("UK message signing through the gateway", () => {
  const tpp = tppSigningKey("tpp-rsa-1");
  const TAN = new URL(portalUrl).hostname;
  const body = JSON.stringify({
    Data: { Initiation: { InstructionIdentification: "ACME412", InstructedAmount: { Amount: "15.00", Currency: "GBP" } } },
    Risk: {},
  });
  let signer: { appId: string; teamId: string; clientId: string; secret: string };

  beforeAll(async () => {
    const created = await developer.json("POST", "/api/apps", { name: "uk-signing", redirect_uris: ["http://localhost:8080/callback"] });
    expect(created.status).toBe(201);
    const appId = created.body.app.id as string;
    const settings = await developer.json("PUT", `/api/apps/${appId}/oauth-client/settings`, {
      profile: "basic",
      token_endpoint_auth_method: "client_secret_basic",
      jwks: { keys: [tpp.publicJwk] },
      message_signing: true,
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.message_signing).toBe(true);
    signer = { appId, teamId: created.body.app.team_id, clientId: settings.body.client_id, secret: created.body.secret };
  });

  const pay = (headers: Record<string, string>, payload = body, secret = signer.secret) =>
    fetch(`${UK}/pisp/domestic-payment-consents`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
      body: payload,
    });

  /** The bank's signature on an answer verifies with the key the portal publishes. */
  async function expectBankSignature(response: Response, text: string) {
    const jwks = (await (await fetch(`${portalUrl}/oauth/jwks`)).json()) as { keys: JWK[] };
    const [header, , value] = response.headers.get("x-jws-signature")!.split(".");
    const kid = JSON.parse(Buffer.from(header, "base64url").toString()).kid;
    const jwk = jwks.keys.find((key) => key.kid === kid)!;
    await flattenedVerify(
      { protected: header, payload: Buffer.from(text).toString("base64url"), signature: value },
      await importJWK(jwk, "PS256"),
      { algorithms: ["PS256"], crit: { [OB.iat]: true, [OB.iss]: true, [OB.tan]: true } },
    );
  }

  it("finds the bank's signing key in its published JWKS: an RSA key for PS256, public members only", async () => {
    const response = await fetch(`${portalUrl}/oauth/jwks`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    const rsa = keys.filter((key) => key.alg === "PS256");
    expect(rsa).toHaveLength(1);
    expect(Object.keys(rsa[0]).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(rsa[0]).toMatchObject({ kty: "RSA", use: "sig" });
  });

  it("refuses a payment request without a signature, or with a tampered body: 400 U019 / U015, signed by the bank", async () => {
    const missing = await pay({});
    const missingText = await missing.text();
    expect(missing.status).toBe(400);
    conformant("POST", `${UK}/pisp/domestic-payment-consents`, missing, JSON.parse(missingText));
    expect(JSON.parse(missingText).Errors[0].ErrorCode).toBe("U019");
    await expectBankSignature(missing, missingText);

    const signature = await signDetached(
      body,
      { privateKey: tpp.privateKey, kid: "tpp-rsa-1" },
      { iss: `${signer.teamId}/${signer.appId}`, tan: TAN },
    );
    const tampered = await pay({ "x-jws-signature": signature }, body.replace("15.00", "1500.00"));
    const tamperedText = await tampered.text();
    expect(tampered.status).toBe(400);
    conformant("POST", `${UK}/pisp/domestic-payment-consents`, tampered, JSON.parse(tamperedText));
    expect(JSON.parse(tamperedText).Errors[0]).toMatchObject({ ErrorCode: "U015", Path: "x-jws-signature" });
  });

  it("passes a payment request whose signature verifies on to the bank (iss as the directory names the app, or its client id)", async () => {
    for (const iss of [`${signer.teamId}/${signer.appId}`, signer.clientId]) {
      const signature = await signDetached(body, { privateKey: tpp.privateKey, kid: "tpp-rsa-1" }, { iss, tan: TAN });
      const response = await pay({ "x-jws-signature": signature });
      const text = await response.text();
      // Past the gateway: not its signature refusal, whatever the bank's route answers.
      expect(text.includes("invalid_message_signature"), text).toBe(false);
      if (text) await expectBankSignature(response, text);
    }
  });

  it("asks no signature of an app with signing off", async () => {
    const response = await pay({}, body, app.secret);
    const text = await response.text();
    expect(text.includes("invalid_message_signature"), text).toBe(false);
  });
});
