import { randomUUID, createHash } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from "jose";

/** A client's DPoP key and proofs made as a client library makes them, right or wrong on purpose (unit and integration tests). */
export async function dpopClientKey(alg: "ES256" | "PS256" | "EdDSA" = "ES256") {
  const { privateKey, publicKey } = await generateKeyPair(alg, { crv: alg === "EdDSA" ? "Ed25519" : undefined });
  const jwk = await exportJWK(publicKey);
  const jkt = await calculateJwkThumbprint(jwk, "sha256");
  return { alg, privateKey, jwk, jkt };
}

export type ProofOptions = {
  method?: string;
  url?: string;
  token?: string;
  nonce?: string;
  iat?: number;
  jti?: string;
  /** Claims to replace or, with undefined, leave out. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** Sign with this key instead of the one whose jwk is in the header. */
  signWith?: KeyLike;
};

export async function makeProof(key: Awaited<ReturnType<typeof dpopClientKey>>, options: ProofOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: options.method ?? "GET",
    htu: options.url ?? "https://portal.example/v1/accounts",
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    jti: options.jti ?? randomUUID(),
    ...(options.token ? { ath: createHash("sha256").update(options.token).digest("base64url") } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  };
  for (const [name, value] of Object.entries(options.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ typ: "dpop+jwt", alg: key.alg, jwk: key.jwk as JWK, ...options.header } as never)
    .sign(options.signWith ?? key.privateKey);
}
