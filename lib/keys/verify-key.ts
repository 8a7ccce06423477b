import { db } from "../db";
import { env } from "../env";
import { hashApiKey, isWellFormedApiKey } from "./api-key";
import { keyCache, type CachedKey } from "./key-cache";

export type KeyVerification =
  | { valid: true; key: CachedKey }
  | { valid: false; code: "invalid_api_key" | "revoked_api_key" };

/**
 * The gateway's key check. Expected failures are values, not exceptions. Garbage is
 * rejected by format and checksum before any lookup; known keys come from the cache.
 */
export async function verifyKey(secret: string): Promise<KeyVerification> {
  if (!isWellFormedApiKey(secret)) return { valid: false, code: "invalid_api_key" };
  const hash = hashApiKey(secret, env().API_KEY_PEPPER);
  let key = keyCache.get(hash);
  if (key === undefined) {
    const row = await db.apiKey.findUnique({
      where: { hash },
      select: { id: true, appId: true, prefix: true, revokedAt: true, app: { select: { status: true } } },
    });
    key = row
      ? { keyId: row.id, appId: row.appId, prefix: row.prefix, revoked: row.revokedAt !== null, appSuspended: row.app.status === "suspended" }
      : null;
    keyCache.set(hash, key);
  }
  if (!key) return { valid: false, code: "invalid_api_key" };
  if (key.revoked) return { valid: false, code: "revoked_api_key" };
  return { valid: true, key };
}
