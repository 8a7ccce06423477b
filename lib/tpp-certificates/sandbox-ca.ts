import { createECDH, createPublicKey, hkdfSync, webcrypto, X509Certificate, type JsonWebKey as NodeJwk, type KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * The portal's sandbox test CA: it issues the eIDAS-style test certificates (QWAC/QSealC-like)
 * that Berlin Group TPPs sign their requests with. Nothing of it is stored: its ECDSA P-256 key is
 * derived from a server secret (HKDF, as the UK message-signing key is: packages/contracts
 * message-signing.ts), so every portal instance has the same CA, and a new secret is a new CA
 * (every certificate it issued stops verifying). The self-signed certificate has a fixed serial,
 * name and validity; its signature bytes differ between instances (ECDSA is randomised), which
 * changes nothing: issued certificates are checked against the CA's name and public key.
 *
 * Not a real trust service: a test CA for the sandbox only, named so in its subject.
 */

export const SANDBOX_CA_NAME = "CN=Open Bank Sandbox Test CA, O=Open Bank Sandbox, C=XX";

const SIGNING = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
/** The order of P-256's base point: the private scalar is taken below it. */
const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type SandboxCa = {
  /** The CA's certificate, as node reads it (checkIssued, verify). */
  certificate: X509Certificate;
  /** PEM of the CA certificate: what a TPP or an ASPSP would put in its trust store. */
  pem: string;
  publicKey: KeyObject;
  /** The issuer's distinguished name as `keyId`'s `CA=` part names it (RFC 4514, comma-separated). */
  name: string;
  signingKey: CryptoKey;
};

/** The CA's private key as a JWK, derived from the secret: HKDF output reduced to a valid P-256 scalar. */
function deriveCaJwk(secret: string): JsonWebKey {
  const okm = Buffer.from(hkdfSync("sha256", secret, "openbank-sandbox", "tpp-test-ca:p256", 48));
  const scalar = (BigInt(`0x${okm.toString("hex")}`) % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, "0"), "hex");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  return {
    kty: "EC",
    crv: "P-256",
    d: d.toString("base64url"),
    x: point.subarray(1, 33).toString("base64url"),
    y: point.subarray(33, 65).toString("base64url"),
  };
}

const cas = new Map<string, Promise<SandboxCa>>();

/** The sandbox CA of this secret (made once per process and secret). */
export function sandboxCa(secret: string): Promise<SandboxCa> {
  let ca = cas.get(secret);
  if (!ca) {
    ca = buildCa(secret);
    cas.set(secret, ca);
  }
  return ca;
}

async function buildCa(secret: string): Promise<SandboxCa> {
  const jwk = deriveCaJwk(secret);
  const signingKey = await webcrypto.subtle.importKey("jwk", jwk, SIGNING, false, ["sign"]);
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const publicCryptoKey = await webcrypto.subtle.importKey("jwk", publicJwk, SIGNING, true, ["verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: SANDBOX_CA_NAME,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2046-01-01T00:00:00Z"),
    signingAlgorithm: SIGNING,
    keys: { privateKey: signingKey, publicKey: publicCryptoKey },
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(publicCryptoKey),
    ],
  });
  const pem = certificate.toString("pem");
  return {
    certificate: new X509Certificate(pem),
    pem,
    publicKey: createPublicKey({ key: publicJwk as NodeJwk, format: "jwk" }),
    name: SANDBOX_CA_NAME.replaceAll(", ", ","),
    signingKey,
  };
}
