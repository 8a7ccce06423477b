import type Redis from "ioredis";
import { createTtlCache, type TtlCache } from "../../ttl-cache";

/**
 * Where the gateway remembers the DPoP proofs it accepted (RFC 9449 §11.1), for as long as their
 * `iat` could still pass: a proof is accepted once. Keys are opaque (a hash of the key's
 * thumbprint and the proof's `jti`): nothing in the store identifies a developer or a request.
 */
export type ReplayStore = {
  /** True the first time `id` is seen within `ttlMs`; false for a replay. */
  firstUse(id: string, ttlMs: number): Promise<boolean>;
};

/** One instance: bounded, least recently used out first (a flood can only evict, never block). */
export class MemoryReplayStore implements ReplayStore {
  private readonly seen: TtlCache<string>;

  constructor(options: { max?: number; ttlMs: number; now?: () => number }) {
    this.seen = createTtlCache<string>({ max: options.max ?? 200_000, ttlMs: options.ttlMs, now: options.now });
  }

  async firstUse(id: string): Promise<boolean> {
    if (this.seen.get(id) !== undefined) return false;
    this.seen.set(id, "1");
    return true;
  }
}

/**
 * Scale-out mode (REDIS_URL): one `SET NX PX` per proof, so a proof accepted by one instance is a
 * replay on every other. Redis unreachable or slow: FAIL OPEN to this instance's memory, as the
 * rate limiter does (lib/gateway/redis-rate-limiter.ts), logged once each way. A replay across
 * instances during a Redis outage is the price; refusing every DPoP call would be a sandbox outage.
 */
export class RedisReplayStore implements ReplayStore {
  private readonly fallback: MemoryReplayStore;
  private readonly prefix: string;
  private readonly warn: (message: string) => void;
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    options: { ttlMs: number; keyPrefix?: string; warn?: (message: string) => void },
  ) {
    this.fallback = new MemoryReplayStore({ ttlMs: options.ttlMs });
    this.prefix = `${options.keyPrefix ?? "openbank:dpop:jti"}:`;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  get isDegraded(): boolean {
    return this.degraded;
  }

  async firstUse(id: string, ttlMs: number): Promise<boolean> {
    let reply: string | null;
    try {
      reply = await this.redis.set(this.prefix + id, "1", "PX", ttlMs, "NX");
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.warn(`[dpop] Redis unavailable (${(error as Error).message}): replay checks are per instance until it answers again`);
      }
      return this.fallback.firstUse(id);
    }
    if (this.degraded) {
      this.degraded = false;
      this.warn("[dpop] Redis answers again: replay checks shared again");
    }
    return reply === "OK";
  }
}
