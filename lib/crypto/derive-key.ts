import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

const keys = new Map<string, Buffer>();

/**
 * A 256-bit key for one purpose, derived by HKDF-SHA256 from a server secret (NEXTAUTH_SECRET by
 * default). Each purpose gets an unrelated key, so no new secret has to be configured and a key
 * used to seal TOTP seeds never doubles as the one that hashes recovery codes.
 */
export function deriveKey(purpose: string, secret: string = env().NEXTAUTH_SECRET): Buffer {
  const cacheKey = `${purpose}\0${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "openbank-portal", `openbank/${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}
