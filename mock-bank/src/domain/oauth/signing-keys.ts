import { createECDH, createHash, hkdfSync } from "node:crypto";

export type PrivateJwk = { kty: "EC"; crv: "P-256"; x: string; y: string; d: string; kid: string; use: "sig"; alg: "ES256" };

/** The order of P-256: a derived scalar must be below it (and not zero). */
const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

/**
 * The authorization server's ES256 signing key (id_tokens, userinfo, introspection and JARM
 * answers), derived from the bank's internal secret with HKDF: every instance of the bank has the
 * same key without storing one, and a new secret is a key rotation. The kid is the RFC 7638
 * thumbprint of the public key.
 */
export function deriveSigningKey(secret: string, purpose = "authorization-server-signing-key"): PrivateJwk {
  for (let counter = 0; ; counter++) {
    const d = Buffer.from(hkdfSync("sha256", secret, "openbank-sandbox", `${purpose}:${counter}`, 32));
    const scalar = BigInt(`0x${d.toString("hex")}`);
    if (scalar === 0n || scalar >= P256_ORDER) continue;
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(d);
    const point = ecdh.getPublicKey();
    const x = point.subarray(1, 33).toString("base64url");
    const y = point.subarray(33, 65).toString("base64url");
    const thumbprint = createHash("sha256")
      .update(JSON.stringify({ crv: "P-256", kty: "EC", x, y }))
      .digest("base64url");
    return { kty: "EC", crv: "P-256", x, y, d: d.toString("base64url"), kid: thumbprint, use: "sig", alg: "ES256" };
  }
}

/** 32 bytes for cookies and DPoP nonces, derived the same way. */
export function deriveSecret(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "openbank-sandbox", purpose, 32));
}
