import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTppKeyPair, issueTppCertificate, type IssuedCertificate } from "../../tpp-certificates/issue-certificate";
import { sandboxCa, type SandboxCa } from "../../tpp-certificates/sandbox-ca";
import { signTppRequest } from "./sign-tpp-request";
import { parseSignature, signingRequired, verifyTppSignature, type RegisteredCertificate } from "./verify-tpp-signature";

const SECRET = "a-test-secret-of-32-characters-or-more";
const NOW = new Date();
const PATH = "/berlin-group/v1/payments/sepa-credit-transfers";
const BODY = JSON.stringify({ instructedAmount: { currency: "EUR", amount: "12.50" } });

let ca: SandboxCa;
let issued: IssuedCertificate;
let privateKeyPem: string;
let registered: RegisteredCertificate[];

beforeAll(async () => {
  ca = await sandboxCa(SECRET);
  const pair = await generateTppKeyPair();
  privateKeyPem = pair.privateKeyPem;
  issued = await issueTppCertificate({
    ca,
    publicKey: pair.publicKey,
    appId: "app_1",
    appName: "App",
    organisationName: "Team",
    roles: ["PSP_PI"],
  });
  registered = [{ fingerprint: issued.fingerprint, serialNumber: issued.serialNumber, roles: "PSP_PI", revokedAt: null }];
});

function signed(extra: Record<string, string> = {}, body: string | null = BODY) {
  return signTppRequest({
    certificatePem: issued.pem,
    privateKeyPem,
    headers: { "X-Request-ID": randomUUID(), "PSU-ID": "PSU-1", "TPP-Redirect-URI": "https://tpp.example/cb", ...extra },
    body: body ?? undefined,
  });
}

function check(
  headers: Record<string, string | undefined>,
  options: { body?: string; certificates?: RegisteredCertificate[]; required?: boolean; now?: Date } = {},
) {
  const map = new Map(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return verifyTppSignature({
    method: "POST",
    path: PATH,
    headers: { get: (name) => map.get(name.toLowerCase()) ?? null },
    body: "body" in options ? (options.body === undefined ? undefined : Buffer.from(options.body)) : Buffer.from(BODY),
    certificates: options.certificates ?? registered,
    ca,
    now: options.now ?? NOW,
    required: options.required ?? true,
  });
}

describe("verifyTppSignature: happy", () => {
  it("accepts a good signature over digest, x-request-id, psu-id and tpp-redirect-uri", () => {
    expect(check(signed())).toEqual({ ok: true, applies: true });
  });

  it("hashes an empty body as the empty string (GET)", () => {
    expect(check(signed({}, null), { body: undefined })).toEqual({ ok: true, applies: true });
  });

  it("checks nothing for an app without a certificate that presents none (as before certificates)", () => {
    expect(check({ "x-request-id": randomUUID() }, { required: false, certificates: [] })).toEqual({ ok: true, applies: false });
  });

  it("reads the document's example layout (spaces after commas, percent-encoded CA)", () => {
    const headers = signed();
    const caPart = /CA=([^"]+)"/.exec(headers.signature)![1];
    headers.signature = headers.signature.replace(caPart, encodeURIComponent(caPart)).replaceAll('",', '", ');
    expect(check(headers)).toEqual({ ok: true, applies: true });
  });
});

describe("verifyTppSignature: each header missing", () => {
  it.each([
    ["tpp-signature-certificate", "CERTIFICATE_MISSING", 401],
    ["signature", "SIGNATURE_MISSING", 401],
    ["digest", "FORMAT_ERROR", 400],
  ] as const)("without %s: %s", (header, code, status) => {
    expect(check({ ...signed(), [header]: undefined })).toMatchObject({ ok: false, code, status });
  });

  it.each(["digest", "x-request-id", "psu-id", "tpp-redirect-uri"])("a signature not covering %s is SIGNATURE_INVALID", (left) => {
    const all = ["digest", "x-request-id", "psu-id", "tpp-redirect-uri"];
    const headers = signTppRequest({
      certificatePem: issued.pem,
      privateKeyPem,
      headers: { "x-request-id": randomUUID(), "psu-id": "PSU-1", "tpp-redirect-uri": "https://tpp.example/cb" },
      body: BODY,
      signed: all.filter((name) => name !== left),
    });
    expect(check(headers)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID", detail: expect.stringContaining(left) });
  });
});

describe("verifyTppSignature: tampering", () => {
  it("a tampered body is a digest mismatch (SIGNATURE_INVALID on Digest)", () => {
    expect(check(signed(), { body: BODY.replace("12.50", "1250.00") })).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
      header: "Digest",
    });
  });

  it("a tampered signed header (PSU-ID changed after signing) is SIGNATURE_INVALID", () => {
    expect(check({ ...signed(), "psu-id": "PSU-2" })).toMatchObject({ ok: false, code: "SIGNATURE_INVALID", header: "Signature" });
  });

  it("a digest recomputed for a tampered body no longer matches the signature", () => {
    const headers = signed();
    const tampered = BODY.replace("12.50", "1250.00");
    const other = signTppRequest({ certificatePem: issued.pem, privateKeyPem, headers: {}, body: tampered });
    expect(check({ ...headers, digest: other.digest }, { body: tampered })).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
      header: "Signature",
    });
  });

  it("an unsupported digest algorithm or a malformed Signature is refused", () => {
    expect(check({ ...signed(), digest: "MD5=abc" })).toMatchObject({ ok: false, code: "FORMAT_ERROR", status: 400 });
    expect(check({ ...signed(), signature: "nonsense" })).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    const headers = signed();
    expect(check({ ...headers, signature: headers.signature.replace("rsa-sha256", "hmac-sha256") })).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
    });
  });
});

describe("verifyTppSignature: the certificate", () => {
  it("refuses a certificate of another CA", async () => {
    const otherCa = await sandboxCa("another-secret-of-32-characters-or-more");
    const pair = await generateTppKeyPair();
    const foreign = await issueTppCertificate({
      ca: otherCa,
      publicKey: pair.publicKey,
      appId: "app_1",
      appName: "App",
      organisationName: "T",
      roles: ["PSP_PI"],
    });
    const headers = signTppRequest({
      certificatePem: foreign.pem,
      privateKeyPem: pair.privateKeyPem,
      headers: { "x-request-id": randomUUID() },
      body: BODY,
    });
    expect(
      check(headers, {
        certificates: [
          ...registered,
          { fingerprint: foreign.fingerprint, serialNumber: foreign.serialNumber, roles: "PSP_PI", revokedAt: null },
        ],
      }),
    ).toMatchObject({
      ok: false,
      code: "CERTIFICATE_INVALID",
      detail: expect.stringContaining("sandbox test CA"),
    });
  });

  it("refuses the CA's certificate of another app", () => {
    expect(
      check(signed(), { certificates: [{ fingerprint: "AA:BB", serialNumber: "01", roles: "PSP_PI", revokedAt: null }] }),
    ).toMatchObject({
      ok: false,
      code: "CERTIFICATE_INVALID",
      detail: expect.stringContaining("not issued to this app"),
    });
  });

  it("refuses a revoked certificate, even when signing is no longer required", () => {
    const revoked = [{ ...registered[0], revokedAt: new Date(NOW.getTime() - 1000) }];
    expect(check(signed(), { certificates: revoked, required: false })).toMatchObject({ ok: false, code: "CERTIFICATE_REVOKED" });
  });

  it("refuses an expired certificate", async () => {
    const pair = await generateTppKeyPair();
    const old = await issueTppCertificate({
      ca,
      publicKey: pair.publicKey,
      appId: "app_1",
      appName: "App",
      organisationName: "T",
      roles: ["PSP_AI"],
      now: new Date(NOW.getTime() - 3 * 86_400_000),
      notAfter: new Date(NOW.getTime() - 86_400_000),
    });
    const headers = signTppRequest({
      certificatePem: old.pem,
      privateKeyPem: pair.privateKeyPem,
      headers: { "x-request-id": randomUUID() },
      body: BODY,
    });
    expect(
      check(headers, {
        certificates: [{ fingerprint: old.fingerprint, serialNumber: old.serialNumber, roles: "PSP_AI", revokedAt: null }],
      }),
    ).toMatchObject({
      ok: false,
      code: "CERTIFICATE_EXPIRED",
    });
  });

  it("refuses a keyId whose serial is not the certificate's, or whose CA is another", () => {
    const headers = signed();
    const wrongSerial = headers.signature.replace(`SN=${issued.serialNumber}`, "SN=9FA1");
    expect(check({ ...headers, signature: wrongSerial })).toMatchObject({
      ok: false,
      code: "CERTIFICATE_INVALID",
      detail: expect.stringContaining("9FA1"),
    });
    const wrongCa = headers.signature.replace(/CA=[^"]+"/, 'CA=CN=D-TRUST CA 2-1 2015,O=D-Trust GmbH,C=DE"');
    expect(check({ ...headers, signature: wrongCa })).toMatchObject({ ok: false, code: "CERTIFICATE_INVALID" });
  });

  it("refuses a certificate whose PSD2 roles lack the service's: ROLE_INVALID (PSP_PI for payments)", () => {
    const informationOnly = [{ ...registered[0], roles: "PSP_AI,PSP_IC" }];
    expect(check(signed(), { certificates: informationOnly })).toMatchObject({ ok: false, code: "ROLE_INVALID", status: 401 });
  });

  it("refuses a certificate that is not one", () => {
    expect(check({ ...signed(), "tpp-signature-certificate": "bm90IGEgY2VydA==" })).toMatchObject({
      ok: false,
      code: "CERTIFICATE_INVALID",
    });
  });
});

describe("signingRequired and parseSignature", () => {
  it("requires signing only while a certificate is active", () => {
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(signingRequired([], NOW)).toBe(false);
    expect(signingRequired([{ revokedAt: null, notAfter: later }], NOW)).toBe(true);
    expect(signingRequired([{ revokedAt: NOW, notAfter: later }], NOW)).toBe(false);
    expect(signingRequired([{ revokedAt: null, notAfter: NOW }], NOW)).toBe(false);
  });

  it("parses the parameters in any order and refuses trailing garbage", () => {
    expect(parseSignature('signature="c2ln",headers="digest x-request-id",keyId="SN=1,CA=CN=X"')).toEqual({
      keyId: "SN=1,CA=CN=X",
      algorithm: undefined,
      headers: "digest x-request-id",
      signature: "c2ln",
    });
    expect(parseSignature('keyId="a",headers="b",signature="c" junk')).toBeNull();
  });
});
