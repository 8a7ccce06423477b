import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedKey, keyTable, servePipeline, startRecordingBank } from "@/tests/support/gateway-fixture";
import { expectConformant, standardsAvailable } from "@/tests/support/standards-contract";
import type { ClientApp, TppCertificateRef } from "../../oauth-clients/find-client-app";
import { generateTppKeyPair, issueTppCertificate, type IssuedCertificate } from "../../tpp-certificates/issue-certificate";
import { sandboxCa } from "../../tpp-certificates/sandbox-ca";
import { berlinGroupDialect, BERLIN_GROUP_PREFIX } from "../dialects/berlin-group-dialect";
import { signTppRequest } from "./sign-tpp-request";

// The Berlin Group pipeline with the signing check on, behind the real fast path, with a bank that
// reports what it received: signed calls reach the bank with the exact body, refusals are tppMessages
// validated against the official document, and an app that never had a certificate is unchanged.

const SECRET = "pepper-for-tests-0123456789abcdef";
const REQUEST_ID = "99391c7e-ad88-49ec-a2ad-99ddcb1f7721";
const BODY = '{"instructedAmount":{"currency":"EUR","amount":"12.50"}}';
const PAYMENTS = "payments/sepa-credit-transfers";

const keys = {
  signs: cachedKey({ keyId: "key_1", appId: "app_signs" }),
  plain: cachedKey({ keyId: "key_2", appId: "app_plain" }),
  revoked: cachedKey({ keyId: "key_3", appId: "app_revoked" }),
  aisOnly: cachedKey({ keyId: "key_4", appId: "app_ais_only" }),
};

let issued: IssuedCertificate;
let privateKeyPem: string;
const clients = new Map<string, ClientApp>();
let bank: Awaited<ReturnType<typeof startRecordingBank>>;
const servers: { close(): Promise<void> }[] = [];

function clientWith(appId: string, tppCertificates: TppCertificateRef[]): ClientApp {
  return {
    appId,
    name: "TPP",
    redirectUris: [],
    clientId: "cli_0123456789abcdefABCDEF",
    secretHash: null,
    profile: "basic",
    authMethod: "client_secret_basic",
    jwks: null,
    jwksUri: null,
    messageSigning: false,
    teamId: "team_1",
    tppCertificates,
  };
}

beforeAll(async () => {
  const ca = await sandboxCa(SECRET);
  const pair = await generateTppKeyPair();
  privateKeyPem = pair.privateKeyPem;
  issued = await issueTppCertificate({
    ca,
    publicKey: pair.publicKey,
    appId: "app_signs",
    appName: "TPP",
    organisationName: "T",
    roles: ["PSP_PI"],
  });
  const ref = { fingerprint: issued.fingerprint, serialNumber: issued.serialNumber, roles: "PSP_PI", notAfter: issued.notAfter };
  clients.set("app_signs", clientWith("app_signs", [{ ...ref, revokedAt: null }]));
  clients.set("app_plain", clientWith("app_plain", []));
  clients.set("app_ais_only", clientWith("app_ais_only", [{ ...ref, roles: "PSP_AI", revokedAt: null }]));
  clients.set("app_revoked", clientWith("app_revoked", [{ ...ref, revokedAt: new Date(Date.now() - 60_000) }]));

  bank = await startRecordingBank(() => ({ status: 201, body: { transactionStatus: "RCVD", paymentId: "pay_1", _links: {} } }));
});

afterAll(async () => {
  await bank.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function surface() {
  const { served, logs } = await servePipeline({
    prefix: BERLIN_GROUP_PREFIX,
    bankUrl: bank.url,
    maxBodyBytes: 4096,
    credentials: { verifyKey: keyTable(keys), resolveConsentToken: async () => ({ ok: true, owner: null }), dpop: undefined as never },
    dialect: berlinGroupDialect({ findClient: async (appId) => clients.get(appId) ?? null, ca: () => sandboxCa(SECRET) }),
  });
  servers.push(served);
  const call = (init: { body?: string; headers: Record<string, string> }) =>
    served.handle(
      new Request(`http://portal.test${BERLIN_GROUP_PREFIX}${PAYMENTS}`, {
        method: "POST",
        body: init.body ?? BODY,
        headers: init.headers,
      }),
    );
  return { call, logs };
}

const base = (credential: string) => ({
  authorization: `Bearer ${credential}`,
  "x-request-id": REQUEST_ID,
  "content-type": "application/json",
  "psu-ip-address": "192.0.2.4",
});
const sign = (credential = "signs", body = BODY) =>
  signTppRequest({ certificatePem: issued.pem, privateKeyPem, headers: base(credential), body });

const checkConformance = standardsAvailable();

async function expectRefusal(response: Response, status: number, code: string, path: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("x-request-id")).toBe(REQUEST_ID);
  const body = await response.json();
  expect(body).toMatchObject({ tppMessages: [{ category: "ERROR", code, path }] });
  if (checkConformance) {
    expectConformant({
      method: "POST",
      path: `${BERLIN_GROUP_PREFIX}${PAYMENTS}`,
      status: response.status,
      headers: response.headers,
      body,
    });
  }
}

describe("Berlin Group request signing through the gateway", () => {
  it("forwards a signed call, with the exact body its Digest covers and the signing headers", async () => {
    const { call } = await surface();
    const before = bank.received.length;
    const response = await call({ headers: sign() });
    expect(response.status).toBe(201);
    expect(bank.received.length).toBe(before + 1);
    expect(bank.received.at(-1)!.body).toBe(BODY);
    expect(bank.received.at(-1)!.headers.digest).toBe(sign().digest);
    expect(bank.received.at(-1)!.headers["tpp-signature-certificate"]).toBeDefined();
  });

  it("refuses an unsigned call of an app holding a certificate: 401 CERTIFICATE_MISSING, logged, the bank not called", async () => {
    const { call, logs } = await surface();
    const before = bank.received.length;
    await expectRefusal(await call({ headers: base("signs") }), 401, "CERTIFICATE_MISSING", "TPP-Signature-Certificate");
    expect(bank.received.length).toBe(before);
    expect(logs.map((entry) => [entry.appId, entry.status])).toEqual([["app_signs", 401]]);
  });

  it("refuses a body changed after signing (SIGNATURE_INVALID on Digest) and a missing Digest (400 FORMAT_ERROR)", async () => {
    const { call } = await surface();
    const before = bank.received.length;
    await expectRefusal(await call({ headers: sign(), body: BODY.replace("12.50", "99.50") }), 401, "SIGNATURE_INVALID", "Digest");
    const without = (name: string) => Object.fromEntries(Object.entries(sign()).filter(([header]) => header !== name));
    await expectRefusal(await call({ headers: without("digest") }), 400, "FORMAT_ERROR", "Digest");
    await expectRefusal(await call({ headers: without("signature") }), 401, "SIGNATURE_MISSING", "Signature");
    expect(bank.received.length).toBe(before);
  });

  it("refuses a payment signed with a certificate without PSP_PI: 401 ROLE_INVALID", async () => {
    const { call } = await surface();
    await expectRefusal(await call({ headers: sign("aisOnly") }), 401, "ROLE_INVALID", "TPP-Signature-Certificate");
  });

  it("lets an app that never had a certificate call unsigned, exactly as before", async () => {
    const { call } = await surface();
    expect((await call({ headers: base("plain") })).status).toBe(201);
  });

  it("after revocation: unsigned calls pass again, a call still presenting the revoked certificate is CERTIFICATE_REVOKED", async () => {
    const { call } = await surface();
    expect((await call({ headers: base("revoked") })).status).toBe(201);
    await expectRefusal(await call({ headers: sign("revoked") }), 401, "CERTIFICATE_REVOKED", "TPP-Signature-Certificate");
  });
});
