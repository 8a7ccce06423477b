import type { ClientApp } from "./find-client-app";

/**
 * Short-lived in-process cache of client lookups for the gateway's /oauth paths. Any change
 * in this process (secret rotation, redirect URIs) clears it; other instances clear theirs on the
 * invalidation message (REDIS_URL, lib/keys/cache-invalidation.ts), or within TTL_MS.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

class ClientCache {
  private entries = new Map<string, { value: ClientApp | null; expiresAt: number }>();

  get(key: string, now = Date.now()): ClientApp | null | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) return undefined;
    return entry.value;
  }

  set(key: string, value: ClientApp | null, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: now + TTL_MS });
  }

  clear(): void {
    this.entries.clear();
  }
}

const globalForCache = globalThis as unknown as { oauthClientCache?: ClientCache };
export const clientCache: ClientCache = (globalForCache.oauthClientCache ??= new ClientCache());
