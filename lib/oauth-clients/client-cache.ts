import { createTtlCache, type TtlCache } from "../ttl-cache";
import type { ClientApp } from "./find-client-app";

/**
 * Short-lived cache of client lookups for the gateway's /oauth paths. Any change in this process
 * (secret rotation, redirect URIs) clears it; other instances clear theirs on the invalidation
 * message (REDIS_URL, lib/keys/cache-invalidation.ts), or within 10 s.
 */
export function createClientCache(): TtlCache<ClientApp> {
  return createTtlCache<ClientApp>({ max: 5_000, ttlMs: 10_000 });
}
