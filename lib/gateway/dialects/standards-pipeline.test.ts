import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedKey, keyTable, servePipeline, startRecordingBank, testDpopVerifier } from "@/tests/support/gateway-fixture";
import { dpopClientKey, makeProof } from "@/tests/support/dpop-proofs";
import { validateComponent } from "@/tests/support/standard-components";
import { expectConformant, standardsAvailable } from "@/tests/support/standards-contract";
import { berlinGroupDialect, BERLIN_GROUP_PREFIX } from "./berlin-group-dialect";
import type { Dialect } from "./dialect";
import type { ClientApp } from "../../oauth-clients/find-client-app";
import { decodeClientDescriptor } from "@openbank/contracts/oauth-client";
import { openBankingDialect, OPEN_BANKING_PREFIX } from "./open-banking-dialect";
import { flattenedVerify, importJWK } from "jose";
import { createMessageSigner, deriveMessageSigningJwk, publicJwkOf } from "@openbank/contracts/message-signing";
import { OB, signDetached, tppSigningKey } from "@/tests/support/uk-message-signing";

// The standards' pipelines behind the real fast path, with a bank that reports what it received:
// the same steps as /v1, with each surface's headers passed and answered, and the gateway's own
// refusals written in the standard's format and validated against its official document.
const keys = {
  rw: cachedKey(),
  ro: cachedKey({ keyId: "key_ro", scope: "read_only" }),
  suspended: cachedKey({ keyId: "key_sus", appSuspended: true }),
  unsigned: cachedKey({ keyId: "key_app2", appId: "app_2" }),
};
/** A client-credentials token (the app's own, no customer): the bank names its app like any other. */
const APP_TOKEN = "cc8Hx3kQv0wPnE5r9ZtYc2LmA7dF4sJ6uG1oK_-iWRV";
const BOUND_TOKEN = "Hx3kQ8bqv0wPnE5r9ZtYc2LmA7dF4sJ6uG1oK_-iWRV";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TPP_REQUEST_ID = "99391c7e-ad88-49ec-a2ad-99ddcb1f7721";

let dpopKey: Awaited<ReturnType<typeof dpopClientKey>>;
let bank: Awaited<ReturnType<typeof startRecordingBank>>;
let bankUrl: string;
/** The headers of every request the bank received, in order. */
const received: IncomingHttpHeaders[] = [];
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  bank = await startRecordingBank((request) => {
    received.push(request.headers);
    return {
      headers: {
        // A bank that echoes the request id it was given (x-request-id) must not decide what the TPP reads.
        "x-request-id": String(request.headers["x-request-id"]),
        // As the bank does when told the app signs: its own signature passes through untouched.
        ...(request.headers["x-ob-message-signing"] === "on" ? { "x-jws-signature": "signed-by-the-bank" } : {}),
      },
    };
  });
  bankUrl = bank.url;
  dpopKey = await dpopClientKey();
});

afterAll(async () => {
  await bank.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function surface(prefix: string, dialect: Dialect, options: { limit?: number; bankUrl?: string; maxBodyBytes?: number } = {}) {
  const { served, logs } = await servePipeline({
    prefix,
    bankUrl: options.bankUrl ?? bankUrl,
    limit: options.limit,
    maxBodyBytes: options.maxBodyBytes,
    dialect,
    credentials: {
      verifyKey: keyTable(keys),
      resolveConsentToken: async (token) =>
        token === APP_TOKEN
          ? { ok: true, owner: { appId: "app_1", jkt: null } }
          : token === BOUND_TOKEN
            ? { ok: true, owner: { appId: "app_1", jkt: dpopKey.jkt } }
            : { ok: true, owner: null },
      dpop: testDpopVerifier(),
    },
  });
  servers.push(served);
  const call = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
    served.handle(new Request(`http://portal.test${prefix}${path}`, { method: init.method, body: init.body, headers: init.headers }));
  return { call, logs };
}

function expectValid(result: ReturnType<typeof validateComponent>) {
  expect(result, JSON.stringify(result)).toMatchObject({ valid: true });
}

const checkConformance = standardsAvailable();

/** The answer is what the official document declares for this operation and status (headers, body or none). */
function conformant(method: string, path: string, response: Response, body: unknown) {
  if (checkConformance) expectConformant({ method, path, status: response.status, headers: response.headers, body });
}

describe("the UK Open Banking 4.0 surface", () => {
  const uk = (options: { limit?: number; bankUrl?: string } = {}) =>
    surface(OPEN_BANKING_PREFIX, openBankingDialect({ docsBaseUrl: "http://portal.test" }), options);
  const auth = { authorization: "Bearer rw" };

  it("passes the UK headers to the bank and nothing else, with an interaction id it made up, which the answer repeats", async () => {
    const { call, logs } = await uk();
    const response = await call("aisp/accounts", {
      headers: {
        ...auth,
        "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 GMT",
        "x-fapi-customer-ip-address": "203.0.113.7",
        "x-customer-user-agent": "Mozilla/5.0",
        "x-idempotency-key": "idem-1",
        "x-jws-signature": "e30..c2ln",
        "idempotency-key": "v1-style",
        "x-internal-secret": "forged",
        "x-tenant-id": "app_other",
        "x-anything": "dropped",
      },
    });
    expect(response.status).toBe(200);
    const seen = received.at(-1)!;
    expect(seen).toMatchObject({
      "x-fapi-auth-date": "Sun, 10 Sep 2017 19:43:31 GMT",
      "x-fapi-customer-ip-address": "203.0.113.7",
      "x-customer-user-agent": "Mozilla/5.0",
      "x-idempotency-key": "idem-1",
      "x-jws-signature": "e30..c2ln",
      "x-internal-secret": "internal-secret-for-tests-0123456789",
      "x-tenant-id": "app_1",
    });
    for (const name of ["idempotency-key", "x-anything", "x-consent-token"]) expect(seen[name], name).toBeUndefined();
    expect(seen["x-fapi-interaction-id"]).toMatch(UUID_V4);
    expect(seen["x-request-id"]).toMatch(/^req_/);
    expect(response.headers.get("x-fapi-interaction-id")).toBe(seen["x-fapi-interaction-id"]);
    expect(response.headers.get("x-request-id")).toBe(seen["x-request-id"]);
    expect(logs.map((entry) => [entry.requestId, entry.status])).toEqual([[seen["x-request-id"], 200]]);
  });

  it("keeps the TPP's interaction id, and refuses one that is not a UUID (400 U006, a fresh id answered)", async () => {
    const { call } = await uk();
    const mine = "93bac548-d2de-4546-b106-880a5018460d";
    const response = await call("aisp/accounts", { headers: { ...auth, "x-fapi-interaction-id": mine } });
    expect(received.at(-1)!["x-fapi-interaction-id"]).toBe(mine);
    expect(response.headers.get("x-fapi-interaction-id")).toBe(mine);

    const before = received.length;
    const bad = await call("aisp/accounts", { headers: { ...auth, "x-fapi-interaction-id": "not-a-uuid" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(bad.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
    const body = await bad.json();
    conformant("GET", `${OPEN_BANKING_PREFIX}aisp/accounts`, bad, body);
    expect(body).toMatchObject({ Id: bad.headers.get("x-request-id"), Errors: [{ ErrorCode: "U006", Path: "x-fapi-interaction-id" }] });
    expect(received.length).toBe(before);
  });

  it("answers a missing or unknown credential 401 with no body, the reason in WWW-Authenticate, and the interaction id", async () => {
    const { call, logs } = await uk();
    const missing = await call("aisp/accounts");
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe("");
    conformant("GET", `${OPEN_BANKING_PREFIX}aisp/accounts`, missing, "");
    expect(missing.headers.get("content-type")).toBeNull();
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm="sandbox", error_description="Send your sandbox key as/);
    expect(missing.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
    const unknown = await call("aisp/accounts", { headers: { authorization: "Bearer nope" } });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe("");
    conformant("GET", `${OPEN_BANKING_PREFIX}aisp/accounts`, unknown, "");
    expect(unknown.headers.get("www-authenticate")).toBe(
      'Bearer realm="sandbox", error="invalid_token", error_description="The API key is not valid. Check for typos, or create a new key in the dashboard."',
    );
    expect(logs).toEqual([]);
  });

  it("writes a DPoP refusal's precise reason into the DPoP challenge, printable ASCII only", async () => {
    const { call } = await uk();
    const url = `http://portal.test${OPEN_BANKING_PREFIX}pisp/domestic-payment-consents`;
    const first = await call("pisp/domestic-payment-consents", {
      method: "POST",
      body: "{}",
      headers: { authorization: `DPoP ${BOUND_TOKEN}`, dpop: await makeProof(dpopKey, { method: "POST", url, token: BOUND_TOKEN }) },
    });
    expect(first.status).toBe(401);
    const nonce = first.headers.get("dpop-nonce")!;
    const wrong = await makeProof(dpopKey, { method: "GET", url, token: BOUND_TOKEN, nonce });
    const response = await call("pisp/domestic-payment-consents", {
      method: "POST",
      body: "{}",
      headers: { authorization: `DPoP ${BOUND_TOKEN}`, dpop: wrong },
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("");
    conformant("POST", `${OPEN_BANKING_PREFIX}pisp/domestic-payment-consents`, response, "");
    expect(response.headers.get("www-authenticate")).toBe(
      `DPoP algs="ES256 PS256 EdDSA", error="invalid_dpop_proof", error_description="The proof's htm must be 'POST' (this request's method), got 'GET'."`,
    );
    expect(response.headers.get("dpop-nonce")).toBe(nonce);
  });

  it("forwards an app's client-credentials token to the bank, which decides what it may do", async () => {
    const { call, logs } = await uk();
    const response = await call("pisp/domestic-payment-consents", {
      method: "POST",
      body: "{}",
      headers: { authorization: `Bearer ${APP_TOKEN}`, "content-type": "application/json" },
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)!["x-consent-token"]).toBe(APP_TOKEN);
    expect(logs.map((entry) => [entry.appId, entry.keyId, entry.keyPrefix])).toEqual([["app_1", null, "cc8Hx3kQ…iWRV"]]);
  });

  it("refuses a suspended app and a read-only key's POST with 403 OBErrorResponse1 (AG08), logged, the bank not called", async () => {
    const { call, logs } = await uk();
    const before = received.length;
    for (const [credential, method, path] of [
      ["suspended", "GET", "aisp/accounts"],
      ["ro", "POST", "aisp/account-access-consents"],
    ]) {
      const response = await call(path, {
        method,
        body: method === "POST" ? "{}" : undefined,
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
      const body = await response.json();
      conformant(method, `${OPEN_BANKING_PREFIX}${path}`, response, body);
      expect(body.Errors[0]).toMatchObject({ ErrorCode: "AG08", Url: expect.stringMatching(/^http:\/\/portal\.test\/docs\/errors#/) });
    }
    expect(received.length).toBe(before);
    expect(logs.map((entry) => entry.status)).toEqual([403, 403]);
  });

  it("answers 429 with Retry-After and no body, and a body over the limit 413 with an OBErrorResponse1", async () => {
    const limited = await uk({ limit: 1 });
    expect((await limited.call("aisp/accounts", { headers: auth })).status).toBe(200);
    const tooMany = await limited.call("aisp/accounts", { headers: auth });
    expect(tooMany.status).toBe(429);
    expect(await tooMany.text()).toBe("");
    conformant("GET", `${OPEN_BANKING_PREFIX}aisp/accounts`, tooMany, "");
    expect(Number(tooMany.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(tooMany.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);

    const { call } = await uk();
    const large = await call("pisp/domestic-payments", { method: "POST", body: "x".repeat(65), headers: auth });
    expect(large.status).toBe(413);
    const body = await large.json();
    expectValid(validateComponent("ukPaymentInitiation", "OBErrorResponse1", body));
    expect(body.Errors[0].ErrorCode).toBe("U002");
  });

  it("answers an unreachable bank 502 with an OBErrorResponse1 (U000)", async () => {
    const { call } = await uk({ bankUrl: "http://127.0.0.1:1" });
    const response = await call("aisp/accounts", { headers: auth });
    expect(response.status).toBe(502);
    const body = await response.json();
    expectValid(validateComponent("ukAccountInfo", "OBErrorResponse1", body));
    expect(body.Errors[0].ErrorCode).toBe("U000");
    expect(response.headers.get("x-fapi-interaction-id")).toMatch(UUID_V4);
  });
});

describe("the Berlin Group NextGenPSD2 surface", () => {
  const bg = (options: { limit?: number; bankUrl?: string } = {}) => surface(BERLIN_GROUP_PREFIX, berlinGroupDialect(), options);
  const headers = { authorization: "Bearer rw", "x-request-id": TPP_REQUEST_ID };

  it("sends the TPP's X-Request-ID as x-bg-request-id, keeps its own id internal, and answers with the TPP's", async () => {
    const { call, logs } = await bg();
    const response = await call("consents", {
      method: "POST",
      body: "{}",
      headers: {
        ...headers,
        "content-type": "application/json",
        "psu-ip-address": "192.0.2.4",
        "psu-id": "PSU-1234",
        "tpp-redirect-uri": "https://tpp.example/cb",
        "tpp-redirect-preferred": "true",
        "consent-id": "cns_1",
        digest: "SHA-256=abc",
        signature: 'keyId="x",signature="y"',
        "x-fapi-interaction-id": "93bac548-d2de-4546-b106-880a5018460d",
        "idempotency-key": "dropped",
      },
    });
    expect(response.status).toBe(200);
    const seen = received.at(-1)!;
    expect(seen).toMatchObject({
      "x-bg-request-id": TPP_REQUEST_ID,
      "psu-ip-address": "192.0.2.4",
      "psu-id": "PSU-1234",
      "tpp-redirect-uri": "https://tpp.example/cb",
      "tpp-redirect-preferred": "true",
      "consent-id": "cns_1",
      digest: "SHA-256=abc",
      signature: 'keyId="x",signature="y"',
    });
    expect(seen["x-request-id"]).toMatch(/^req_/);
    for (const name of ["x-fapi-interaction-id", "idempotency-key"]) expect(seen[name], name).toBeUndefined();
    expect(response.headers.get("x-request-id")).toBe(TPP_REQUEST_ID);
    expect(response.headers.get("x-sandbox-request-id")).toBe(seen["x-request-id"]);
    expect(logs.map((entry) => entry.requestId)).toEqual([seen["x-request-id"]]);
  });

  it("tells the bank the app's OAuth client when a call names redirect URIs (REDIRECT SCA on an app's first call), never a forged one", async () => {
    const client: ClientApp = {
      appId: "app_1",
      name: "TPP app",
      redirectUris: ["https://tpp.example/cb"],
      clientId: "cli_0123456789abcdefABCDEF",
      secretHash: "hash-never-sent",
      profile: "basic",
      authMethod: "client_secret_basic",
      jwks: null,
      jwksUri: null,
      messageSigning: false,
      teamId: "team_1",
      tppCertificates: [],
    };
    const asked: string[] = [];
    const { call } = await surface(
      BERLIN_GROUP_PREFIX,
      berlinGroupDialect({ findClient: async (appId) => (asked.push(appId), appId === "app_1" ? client : null) }),
    );
    const redirect = await call("consents", {
      method: "POST",
      body: "{}",
      headers: { ...headers, "content-type": "application/json", "tpp-redirect-uri": "https://tpp.example/cb", "x-oauth-client": "forged" },
    });
    expect(redirect.status).toBe(200);
    const described = decodeClientDescriptor(received.at(-1)!["x-oauth-client"] as string);
    expect(described).toEqual({
      client_id: client.clientId,
      app_id: "app_1",
      client_name: "TPP app",
      redirect_uris: ["https://tpp.example/cb"],
      profile: "basic",
      token_endpoint_auth_method: "client_secret_basic",
    });
    expect(asked).toEqual(["app_1"]);
    // No redirect URI named: nothing to check, no lookup, and a developer's own header never passes.
    await call("accounts", { headers: { ...headers, "x-oauth-client": "forged" } });
    expect(received.at(-1)!["x-oauth-client"]).toBeUndefined();
    expect(asked).toEqual(["app_1"]);
  });

  it("refuses a call without X-Request-ID, or with one that is not a UUID: 400 FORMAT_ERROR, logged, the bank not called", async () => {
    const { call, logs } = await bg();
    const before = received.length;
    for (const value of [undefined, "req-1"]) {
      const response = await call("accounts", { headers: { authorization: "Bearer rw", ...(value ? { "x-request-id": value } : {}) } });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/json");
      // The document requires an X-Request-ID on every answer: one is made up when there is nothing to echo.
      expect(response.headers.get("x-request-id")).toMatch(UUID_V4);
      expect(response.headers.get("x-sandbox-request-id")).toMatch(/^req_/);
      const body = await response.json();
      conformant("GET", `${BERLIN_GROUP_PREFIX}accounts`, response, body);
      expect(body.tppMessages).toEqual([
        {
          category: "ERROR",
          code: "FORMAT_ERROR",
          path: "X-Request-ID",
          text: expect.stringMatching(/^X-Request-ID (is required|must be a UUID)/),
        },
      ]);
    }
    expect(received.length).toBe(before);
    expect(logs.map((entry) => entry.status)).toEqual([400, 400]);
  });

  it("names the missing, unknown or wrong credential the standard's way (401), echoing the TPP's X-Request-ID", async () => {
    const { call } = await bg();
    const cases: [Record<string, string>, string][] = [
      [{}, "CERTIFICATE_MISSING"],
      [{ authorization: "Bearer nope" }, "CERTIFICATE_INVALID"],
      [{ authorization: `Bearer ${"Z".repeat(43)}` }, "TOKEN_INVALID"],
      [{ authorization: `Bearer ${BOUND_TOKEN}` }, "TOKEN_INVALID"],
    ];
    for (const [credential, code] of cases) {
      const response = await call("accounts", { headers: { "x-request-id": TPP_REQUEST_ID, ...credential } });
      expect(response.status, code).toBe(401);
      expect(response.headers.get("x-request-id")).toBe(TPP_REQUEST_ID);
      expect(response.headers.get("www-authenticate")).not.toBeNull();
      const body = await response.json();
      conformant("GET", `${BERLIN_GROUP_PREFIX}accounts`, response, body);
      expect(body.tppMessages[0]).toMatchObject({ category: "ERROR", code });
    }
  });

  it("refuses a suspended app 403 SERVICE_BLOCKED and a read-only key's payment 401 ROLE_INVALID", async () => {
    const { call } = await bg();
    const suspended = await call("accounts", { headers: { ...headers, authorization: "Bearer suspended" } });
    expect(suspended.status).toBe(403);
    const blocked = await suspended.json();
    conformant("GET", `${BERLIN_GROUP_PREFIX}accounts`, suspended, blocked);
    expect(blocked.tppMessages[0].code).toBe("SERVICE_BLOCKED");
    const readOnly = await call("payments/sepa-credit-transfers", {
      method: "POST",
      body: "{}",
      headers: { ...headers, authorization: "Bearer ro" },
    });
    expect(readOnly.status).toBe(401);
    const role = await readOnly.json();
    conformant("POST", `${BERLIN_GROUP_PREFIX}payments/sepa-credit-transfers`, readOnly, role);
    expect(role.tppMessages[0].code).toBe("ROLE_INVALID");
  });

  it("answers 429 with ACCESS_EXCEEDED on account information, and without a body on payments (the document has no code there)", async () => {
    const { call } = await bg({ limit: 1 });
    expect((await call("accounts", { headers })).status).toBe(200);
    const accounts = await call("accounts", { headers });
    expect(accounts.status).toBe(429);
    expect(Number(accounts.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(accounts.headers.get("x-request-id")).toBe(TPP_REQUEST_ID);
    const body = await accounts.json();
    conformant("GET", `${BERLIN_GROUP_PREFIX}accounts`, accounts, body);
    expect(body.tppMessages[0].code).toBe("ACCESS_EXCEEDED");
    const payments = await call("payments/sepa-credit-transfers/pay_1", { headers });
    expect(payments.status).toBe(429);
    expect(await payments.text()).toBe("");
    conformant("GET", `${BERLIN_GROUP_PREFIX}payments/sepa-credit-transfers/pay_1`, payments, "");
    expect(payments.headers.get("x-request-id")).toBe(TPP_REQUEST_ID);
  });

  it("answers an unreachable bank 502 without a body (no 5xx has one in the document), the ids still answered", async () => {
    const { call } = await bg({ bankUrl: "http://127.0.0.1:1" });
    const response = await call("accounts", { headers });
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("");
    expect(response.headers.get("x-request-id")).toBe(TPP_REQUEST_ID);
    expect(response.headers.get("x-sandbox-request-id")).toMatch(/^req_/);
  });
});

describe("UK message signing", () => {
  const SECRET = "internal-secret-for-tests-0123456789";
  const tpp = tppSigningKey("tpp-sig-1");
  const ISS = "team_1/app_1";
  const TAN = "portal.test";
  const signed = () =>
    surface(
      OPEN_BANKING_PREFIX,
      openBankingDialect({
        docsBaseUrl: "http://portal.test",
        messageSigning: {
          // app_1 signs its messages with one registered RSA key; app_2 does not sign.
          appSigning: async (appId) => (appId === "app_1" ? { keys: [tpp.publicJwk], issuers: [ISS] } : null),
          trustAnchor: TAN,
          sign: (payload) => createMessageSigner({ secret: SECRET, trustAnchor: TAN }).sign(payload, new Date()),
        },
      }),
      { maxBodyBytes: 4096 },
    );
  const body = JSON.stringify({ Data: { Initiation: { InstructedAmount: { Amount: "10.00", Currency: "GBP" } } }, Risk: {} });
  const post = (call: Awaited<ReturnType<typeof signed>>["call"], headers: Record<string, string>, payload = body) =>
    call("pisp/domestic-payment-consents", {
      method: "POST",
      body: payload,
      headers: { authorization: "Bearer rw", "content-type": "application/json", ...headers },
    });

  /** The answer's x-jws-signature verifies with the published key, over the body as received. */
  async function expectSignedAnswer(response: Response, text: string) {
    const signature = response.headers.get("x-jws-signature");
    expect(signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const [header, , value] = signature!.split(".");
    const jwk = publicJwkOf(deriveMessageSigningJwk(SECRET));
    const { protectedHeader } = await flattenedVerify(
      { protected: header, payload: Buffer.from(text).toString("base64url"), signature: value },
      await importJWK(jwk, "PS256"),
      { algorithms: ["PS256"], crit: { [OB.iat]: true, [OB.iss]: true, [OB.tan]: true } },
    );
    expect(protectedHeader).toMatchObject({ alg: "PS256", kid: jwk.kid, [OB.tan]: TAN, crit: [OB.iat, OB.iss, OB.tan] });
    expect(protectedHeader?.b64).toBeUndefined();
  }

  it("forwards a payment request whose signature verifies, telling the bank the app signs (the bank's signature passes through)", async () => {
    const { call } = await signed();
    const response = await post(call, {
      "x-jws-signature": await signDetached(body, { privateKey: tpp.privateKey, kid: "tpp-sig-1" }, { iss: ISS, tan: TAN }),
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)!).toMatchObject({ "x-jws-signature": expect.stringMatching(/\.\./), "x-ob-message-signing": "on" });
    expect(response.headers.get("x-jws-signature")).toBe("signed-by-the-bank");
    // Reads too: the bank signs every answer to an app that signs.
    await call("aisp/accounts", { headers: { authorization: "Bearer rw" } });
    expect(received.at(-1)!["x-ob-message-signing"]).toBe("on");
  });

  it("refuses a missing, malformed or tampered signature with 400 (U019, U018, U015), the refusal itself signed and conformant", async () => {
    const { call, logs } = await signed();
    const before = received.length;
    const good = await signDetached(body, { privateKey: tpp.privateKey, kid: "tpp-sig-1" }, { iss: ISS, tan: TAN });
    const cases: [Record<string, string>, string, string][] = [
      [{}, "U019", body],
      [{ "x-jws-signature": "not-a-jws" }, "U018", body],
      [{ "x-jws-signature": good }, "U015", body.replace("10.00", "99.00")],
    ];
    for (const [headers, code, payload] of cases) {
      const response = await post(call, headers, payload);
      expect(response.status, code).toBe(400);
      const text = await response.text();
      const answer = JSON.parse(text);
      conformant("POST", `${OPEN_BANKING_PREFIX}pisp/domestic-payment-consents`, response, answer);
      expect(answer.Errors[0]).toMatchObject({ ErrorCode: code, Url: "http://portal.test/docs/errors#invalid_message_signature" });
      await expectSignedAnswer(response, text);
    }
    expect(received.length).toBe(before);
    expect(logs.map((entry) => entry.status)).toEqual([400, 400, 400]);
  });

  it("asks nothing of an app that does not sign, nor of reads; a payment answer the bank left unsigned is signed here", async () => {
    const { call } = await signed();
    const unsigned = await post(call, { authorization: "Bearer unsigned" });
    expect(unsigned.status).toBe(200);
    expect(received.at(-1)!["x-ob-message-signing"]).toBeUndefined();
    // Payment answers are signed whatever the app chose: the 4.0 documents require it.
    await expectSignedAnswer(unsigned, await unsigned.text());
    const read = await call("pisp/domestic-payment-consents/cns_1", { headers: { authorization: "Bearer unsigned" } });
    expect(read.status).toBe(200);
    await expectSignedAnswer(read, await read.text());
    const accounts = await call("aisp/accounts", { headers: { authorization: "Bearer unsigned" } });
    expect(accounts.headers.get("x-jws-signature")).toBeNull();
  });

  it("signs the gateway's own payment refusals too (403 on a payment is conformant only with a signature)", async () => {
    const { call } = await signed();
    const response = await call("pisp/domestic-payment-consents/cns_1", { headers: { authorization: "Bearer suspended" } });
    expect(response.status).toBe(403);
    const text = await response.text();
    conformant("GET", `${OPEN_BANKING_PREFIX}pisp/domestic-payment-consents/cns_1`, response, JSON.parse(text));
    await expectSignedAnswer(response, text);
  });
});
