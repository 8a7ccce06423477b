import { execFileSync } from "node:child_process";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { generateTppKeyPair, issueTppCertificate, readCsr } from "./issue-certificate";
import { QC_STATEMENTS_OID, rolesOfQcStatements } from "./psd2-qc-statement";
import { sandboxCa } from "./sandbox-ca";

const SECRET = "a-test-secret-of-32-characters-or-more";

function opensslCsr(bits: number): string {
  const dir = mkdtempSync(join(tmpdir(), "csr-"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  writeFileSync(join(dir, "key.pem"), privateKey.export({ format: "pem", type: "pkcs8" }));
  execFileSync("openssl", ["req", "-new", "-key", join(dir, "key.pem"), "-subj", "/CN=ignored", "-out", join(dir, "req.pem")]);
  return readFileSync(join(dir, "req.pem"), "utf8");
}

describe("sandbox CA", () => {
  it("is the same CA for the same secret (derived, never stored) and another for another secret", async () => {
    const a = await sandboxCa(SECRET);
    const again = await sandboxCa(`${SECRET}`.slice(0));
    const other = await sandboxCa("another-secret-of-32-characters-or-more");
    expect(again.publicKey.export({ format: "jwk" })).toEqual(a.publicKey.export({ format: "jwk" }));
    expect(other.publicKey.export({ format: "jwk" })).not.toEqual(a.publicKey.export({ format: "jwk" }));
    expect(a.certificate.ca).toBe(true);
    expect(a.certificate.verify(a.publicKey)).toBe(true);
  });
});

describe("issueTppCertificate", () => {
  it("issues a certificate node verifies against the CA, with the app's organisation identifier and PSD2 roles", async () => {
    const ca = await sandboxCa(SECRET);
    const { publicKey, privateKeyPem } = await generateTppKeyPair();
    const issued = await issueTppCertificate({
      ca,
      publicKey,
      appId: "app_123",
      appName: "Budget Buddy",
      organisationName: "Acme",
      roles: ["PSP_AI", "PSP_PI"],
    });
    const cert = new X509Certificate(issued.pem);
    expect(cert.checkIssued(ca.certificate)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.verify((await sandboxCa("another-secret-of-32-characters-or-more")).publicKey)).toBe(false);
    expect(cert.subject).toContain("CN=Budget Buddy");
    expect(cert.subject).toContain("organizationIdentifier=PSDXX-SANDBOX-app_123");
    expect(issued.serialNumber).toBe(cert.serialNumber.toUpperCase());
    expect(issued.fingerprint).toBe(cert.fingerprint256);
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBeGreaterThan(364 * 86_400_000);
    // The key in the certificate is the generated one: what it signs, the certificate verifies.
    expect(cert.publicKey.export({ format: "jwk" })).toMatchObject({ kty: "RSA" });
    expect(privateKeyPem).toContain("BEGIN PRIVATE KEY");
    const qc = new x509.X509Certificate(issued.pem).getExtension(QC_STATEMENTS_OID);
    expect(rolesOfQcStatements(Buffer.from(qc!.value))).toEqual(["PSP_PI", "PSP_AI"]);
  });

  it("reads the certificate's subject and roles with openssl too (the DER is well-formed)", async () => {
    const ca = await sandboxCa(SECRET);
    const { publicKey } = await generateTppKeyPair();
    const issued = await issueTppCertificate({ ca, publicKey, appId: "app_1", appName: "A", organisationName: "T", roles: ["PSP_IC"] });
    const text = execFileSync("openssl", ["x509", "-noout", "-text"], { input: issued.pem }).toString();
    expect(text).toContain("Issuer: CN = Open Bank Sandbox Test CA");
    expect(text).toContain("qcStatements");
    const qc = new x509.X509Certificate(issued.pem).getExtension(QC_STATEMENTS_OID)!;
    const parsed = execFileSync("openssl", ["asn1parse", "-inform", "DER", "-i"], { input: Buffer.from(qc.value) }).toString();
    expect(parsed).toMatch(/OBJECT\s+:0\.4\.0\.19495\.2/);
    expect(parsed).toMatch(/OBJECT\s+:0\.4\.0\.19495\.1\.4/);
    expect(parsed).toMatch(/UTF8STRING\s+:PSP_IC/);
  });
});

describe("readCsr", () => {
  it("takes an RSA 2048 request and issues for its key", async () => {
    const read = await readCsr(opensslCsr(2048));
    expect(read.ok).toBe(true);
  });

  it("refuses a short key, garbage and a non-PEM body", async () => {
    expect(await readCsr(opensslCsr(1024))).toMatchObject({ ok: false, detail: expect.stringContaining("2048") });
    expect(await readCsr("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")).toMatchObject({ ok: false });
    expect(await readCsr("hello")).toMatchObject({ ok: false });
  });
});
