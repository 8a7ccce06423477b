import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { deriveKey } from "../crypto/derive-key";

/** Ed25519 private keys in PKCS#8 DER: this fixed prefix, then the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export const DIRECTORY_ALG = "EdDSA";

export type DirectoryKey = { privateKey: KeyObject; publicJwk: JWK & { kid: string }; kid: string };

const keys = new Map<string, Promise<DirectoryKey>>();

async function buildKey(seed: Buffer): Promise<DirectoryKey> {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" }) as JWK;
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: DIRECTORY_ALG, use: "sig" } };
}

/**
 * The sandbox directory's signing key: Ed25519 from a seed derived by HKDF from NEXTAUTH_SECRET, so
 * every portal instance holds the same key without storing one, and it changes only with the
 * secret. Its kid is its RFC 7638 thumbprint. Software statements are signed with it; banks verify
 * them with `GET /directory/jwks.json`.
 */
export function directoryKey(secret?: string): Promise<DirectoryKey> {
  const seed = deriveKey("directory/signing-key/v1", secret);
  const cacheKey = seed.toString("hex");
  let key = keys.get(cacheKey);
  if (!key) {
    key = buildKey(seed);
    keys.set(cacheKey, key);
  }
  return key;
}

/** The directory's public JWK Set, as `GET /directory/jwks.json` serves it. */
export async function directoryJwks(secret?: string): Promise<{ keys: (JWK & { kid: string })[] }> {
  return { keys: [(await directoryKey(secret)).publicJwk] };
}
