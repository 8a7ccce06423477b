import { db } from "../db";
import { env } from "../env";
import { hashApiKey, isWellFormedApiKey } from "./api-key";
import { portal } from "../runtime";
import type { CachedKey } from "./key-cache";

export type KeyFailureCode = "invalid_api_key" | "revoked_api_key" | "expired_api_key";

export type KeyVerification = { valid: true; key: CachedKey } | { valid: false; code: KeyFailureCode; detail?: string };

export const keyCacheSelect = {
  id: true,
  appId: true,
  prefix: true,
  revokedAt: true,
  scope: true,
  expiresAt: true,
  rolledToId: true,
  app: { select: { status: true } },
} as const;

export function toCachedKey(row: {
  id: string;
  appId: string;
  prefix: string;
  revokedAt: Date | null;
  scope: CachedKey["scope"];
  expiresAt: Date | null;
  rolledToId: string | null;
  app: { status: string };
}): CachedKey {
  return {
    keyId: row.id,
    appId: row.appId,
    prefix: row.prefix,
    revoked: row.revokedAt !== null,
    scope: row.scope,
    expiresAt: row.expiresAt?.getTime() ?? null,
    rolled: row.rolledToId !== null,
    appSuspended: row.app.status === "suspended",
  };
}

/**
 * Whether a known key may be used at `now`: revoked beats expired; an expired key says
 * whether it ran out or was rolled, and when, so its owner knows what happened.
 */
export function checkKey(key: CachedKey, now = Date.now()): KeyVerification {
  if (key.revoked) return { valid: false, code: "revoked_api_key" };
  if (key.expiresAt !== null && key.expiresAt <= now) {
    const when = new Date(key.expiresAt).toISOString();
    return {
      valid: false,
      code: "expired_api_key",
      detail: key.rolled
        ? `This key was rolled; its overlap window ended at ${when}. Use the key that replaced it.`
        : `This key expired at ${when}. Create a new key in the dashboard.`,
    };
  }
  return { valid: true, key };
}

/**
 * The gateway's key check. Expected failures are values, not exceptions. Garbage is
 * rejected by format and checksum before any lookup; known keys come from the cache, and
 * expiry is checked against the clock on every call (a cached key still stops on time).
 */
export async function verifyKey(secret: string, now = Date.now()): Promise<KeyVerification> {
  if (!isWellFormedApiKey(secret)) return { valid: false, code: "invalid_api_key" };
  const hash = hashApiKey(secret, env().API_KEY_PEPPER);
  const cache = portal().caches.keys;
  let key = cache.get(hash);
  if (key === undefined) {
    const row = await db().apiKey.findUnique({ where: { hash }, select: keyCacheSelect });
    key = row ? toCachedKey(row) : null;
    cache.set(hash, key);
  }
  if (!key) return { valid: false, code: "invalid_api_key" };
  return checkKey(key, now);
}
