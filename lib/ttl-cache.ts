import { LRUCache } from "lru-cache";

/**
 * The portal's one in-memory cache (keys, OAuth clients, consent-token owners): bounded in
 * entries, least recently used out first, every entry with a time to live. A miss ("no such
 * thing", `null`) is remembered for a shorter time, to blunt floods of made-up credentials
 * without refusing a newly created one for long.
 */
export type TtlCache<V> = {
  /** The value, `null` for a remembered miss, `undefined` when nothing (fresh) is cached. */
  get(key: string): V | null | undefined;
  set(key: string, value: V | null): void;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
};

export function createTtlCache<V extends object | string>(options: {
  max: number;
  ttlMs: number;
  /** TTL of a remembered miss; default: the same as ttlMs. */
  missTtlMs?: number;
  /** The clock, in ms (tests). */
  now?: () => number;
}): TtlCache<V> {
  const missTtlMs = Math.min(options.missTtlMs ?? options.ttlMs, options.ttlMs);
  // lru-cache stores no null: a miss is kept as a boxed null.
  const entries = new LRUCache<string, { value: V | null }>({
    max: options.max,
    ttl: Math.max(options.ttlMs, 1),
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return {
    get: (key) => (options.ttlMs > 0 ? entries.get(key)?.value : undefined),
    set: (key, value) => {
      if (options.ttlMs <= 0) return;
      entries.set(key, { value }, { ttl: value === null ? Math.max(missTtlMs, 1) : options.ttlMs });
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
