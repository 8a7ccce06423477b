import { createTtlCache, type TtlCache } from "../ttl-cache";
import type { KeyScope } from "./key-lifecycle";

/**
 * In-process cache of key verifications, so the gateway's hot path skips the database.
 * Revocation in this process deletes the entry at once, and suspending an app clears the
 * cache; with REDIS_URL other instances do the same as the invalidation message arrives
 * (lib/keys/cache-invalidation.ts), and KEY_CACHE_TTL_SECONDS bounds a missed message.
 */
export type CachedKey = {
  keyId: string;
  appId: string;
  prefix: string;
  revoked: boolean;
  scope: KeyScope;
  /** Epoch ms; checked against the clock on every call, so a cached key still expires on time. */
  expiresAt: number | null;
  /** Rolled: its expiry is the end of the roll's overlap. */
  rolled: boolean;
  /** The app is suspended by a platform admin: the gateway refuses it (app_suspended). */
  appSuspended: boolean;
};

/** Verified keys for KEY_CACHE_TTL_SECONDS; unknown keys for at most 5 s, so a new key is never refused for long. */
export function createKeyCache(ttlMs: number, now?: () => number): TtlCache<CachedKey> {
  return createTtlCache<CachedKey>({ max: 10_000, ttlMs, missTtlMs: 5_000, now });
}
