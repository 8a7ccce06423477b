import { createPublicKey, generateKeyPairSync, randomBytes, webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { psd2QcStatements, QC_STATEMENTS_OID, type Psd2Role } from "./psd2-qc-statement";
import type { SandboxCa } from "./sandbox-ca";

/** How long a test certificate is valid. */
export const TPP_CERTIFICATE_DAYS = 365;
const MAX_CSR_CHARS = 8_000;

export type IssuedCertificate = {
  pem: string;
  /** The serial as upper-case hex (what `keyId="SN=…"` carries). */
  serialNumber: string;
  subject: string;
  /** SHA-256 of the DER, colon-separated hex (node's `fingerprint256`). */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
};

export type CsrReading = { ok: true; publicKey: x509.PublicKey } | { ok: false; detail: string };

/**
 * The public key of a PKCS#10 request (PEM), once its self-signature proves the sender holds the
 * private key. The Berlin Group signs with rsa-sha256: RSA keys of 2048 bits or more only. The
 * request's subject is ignored: the CA writes the subject itself, from the app.
 */
export async function readCsr(pem: string): Promise<CsrReading> {
  if (pem.length > MAX_CSR_CHARS || !pem.includes("-----BEGIN CERTIFICATE REQUEST-----")) {
    return { ok: false, detail: "Send a PKCS#10 certificate signing request in PEM (-----BEGIN CERTIFICATE REQUEST-----)." };
  }
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem.trim());
  } catch {
    return { ok: false, detail: "The certificate signing request could not be read: it is not a PKCS#10 request in PEM." };
  }
  const key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "rsa" || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    return { ok: false, detail: "The request's key must be RSA of 2048 bits or more: Berlin Group signatures are rsa-sha256." };
  }
  if (!(await csr.verify().catch(() => false))) {
    return { ok: false, detail: "The request's signature does not verify with its own public key." };
  }
  return { ok: true, publicKey: csr.publicKey };
}

/** A fresh RSA 2048 key pair for a developer who did not send a request: the private key is returned once and never stored. */
export async function generateTppKeyPair(): Promise<{ publicKey: x509.PublicKey; privateKeyPem: string }> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ format: "der", type: "spki" });
  return { publicKey: new x509.PublicKey(spki), privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString() };
}

/** The organisation identifier of an app, in ETSI TS 119 495's form `PSD` country `-` NCA `-` id. */
export function organisationIdentifier(appId: string): string {
  return `PSDXX-SANDBOX-${appId}`;
}

/**
 * Issues a test certificate to an app: subject CN (the app's name), O (its team),
 * organizationIdentifier (2.5.4.97, as eIDAS certificates carry it) and C; the PSD2 roles in a
 * qcStatements extension; key usage for signing (QSealC) and client authentication (QWAC).
 * A random 127-bit serial; valid from a minute ago (clock skew) for a year, or until `notAfter`.
 */
export async function issueTppCertificate(options: {
  ca: SandboxCa;
  publicKey: x509.PublicKey;
  appId: string;
  appName: string;
  organisationName: string;
  roles: readonly Psd2Role[];
  now?: Date;
  notAfter?: Date;
}): Promise<IssuedCertificate> {
  const now = options.now ?? new Date();
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive, as RFC 5280 requires
  if (serial[0] === 0) serial[0] = 0x01; // no leading zero byte: keyId's hex and node's serial agree
  const subject = new x509.Name([
    { CN: [name(options.appName)] },
    { O: [name(options.organisationName)] },
    { "2.5.4.97": [organisationIdentifier(options.appId)] },
    { C: ["XX"] },
  ]);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString("hex"),
    subject,
    issuer: options.ca.certificate.subject.replaceAll("\n", ", "),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: options.notAfter ?? new Date(now.getTime() + TPP_CERTIFICATE_DAYS * 86_400_000),
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    publicKey: options.publicKey,
    signingKey: options.ca.signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(await caPublicCryptoKey(options.ca)),
      new x509.Extension(
        QC_STATEMENTS_OID,
        false,
        new Uint8Array(psd2QcStatements({ roles: options.roles, ncaName: "Open Bank Sandbox", ncaId: "XX-SANDBOX" })),
      ),
    ],
  });
  const pem = certificate.toString("pem");
  const read = new X509Certificate(pem);
  return {
    pem,
    serialNumber: read.serialNumber.toUpperCase(),
    subject: read.subject.replaceAll("\n", ", "),
    fingerprint: read.fingerprint256,
    notBefore: new Date(read.validFrom),
    notAfter: new Date(read.validTo),
  };
}

/** Subject attributes are the developer's words: printable, short. */
function name(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (clean || "Sandbox app").slice(0, 64);
}

async function caPublicCryptoKey(ca: SandboxCa): Promise<CryptoKey> {
  const spki = ca.publicKey.export({ format: "der", type: "spki" });
  return webcrypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
}
