import { env } from "../env";
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

type Entry = { value: CachedKey | null; expiresAt: number };

const MAX_ENTRIES = 10_000;

export class KeyCache {
  private entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: () => number) {}

  get(hash: string, now = Date.now()): CachedKey | null | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  /** `null` caches "no such key" for a short time, to blunt floods of made-up keys. */
  set(hash: string, value: CachedKey | null, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const ttl = value ? this.ttlMs() : Math.min(this.ttlMs(), 5_000);
    this.entries.set(hash, { value, expiresAt: now + ttl });
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }

  clear(): void {
    this.entries.clear();
  }
}

const globalForCache = globalThis as unknown as { keyCache?: KeyCache };

export const keyCache: KeyCache =
  globalForCache.keyCache ??
  (globalForCache.keyCache = new KeyCache(() => env().KEY_CACHE_TTL_SECONDS * 1000));
