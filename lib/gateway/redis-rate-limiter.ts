import type Redis from "ioredis";
import { MemoryRateLimiter, type RateLimitDecision, type RateLimiter, type RateLimitPolicy } from "./rate-limiter";

/**
 * GCRA in one Lua script, so every instance shares one exact bucket per key. The script reads
 * the clock from Redis (TIME), so instances with skewed clocks still agree, and does the
 * read-compare-write atomically: two instances can never both take the last slot.
 * Times are microseconds. Returns {allowed, remaining, reset_us, retry_after_us}.
 * Same arithmetic as MemoryRateLimiter, so headers and decisions match the in-memory mode.
 */
export const GCRA_SCRIPT = `
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local stored = redis.call('GET', KEYS[1])
local tat = now
if stored then tat = math.max(tonumber(stored), now) end
local new_tat = tat + interval
local allow_at = new_tat - window
if now < allow_at then
  return {0, 0, math.ceil(tat - now), math.ceil(allow_at - now)}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, math.floor((now - allow_at) / interval), math.ceil(new_tat - now), 0}
`;

type GcraRedis = Redis & { gcra(key: string, intervalUs: number, windowUs: number): Promise<[number, number, number, number]> };

export type RedisRateLimiterOptions = {
  redis: Redis;
  /** Namespaces the bucket keys (tests use their own). */
  keyPrefix?: string;
  /** Logs the fail-open transitions; defaults to console.warn. */
  warn?: (message: string) => void;
};

/**
 * Scale-out rate limiter (REDIS_URL). One round trip per request (EVALSHA of the script above).
 *
 * Redis unreachable or slower than REDIS_TIMEOUT_MS: FAIL OPEN to a per-instance in-memory GCRA
 * with the same policy, logged once when it starts and once when Redis answers again. A sandbox
 * outage costs developers more than a temporarily looser limit (at most `limit` per instance),
 * and the gateway never answers 500 because of Redis.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: GcraRedis;
  private readonly prefix: string;
  private readonly fallback: MemoryRateLimiter;
  private readonly warn: (message: string) => void;
  private degraded = false;

  constructor(
    readonly policy: RateLimitPolicy,
    options: RedisRateLimiterOptions,
  ) {
    this.redis = options.redis as GcraRedis;
    if (typeof this.redis.gcra !== "function") this.redis.defineCommand("gcra", { numberOfKeys: 1, lua: GCRA_SCRIPT });
    this.prefix = `${options.keyPrefix ?? "openbank:rl"}:${policy.name}:`;
    this.fallback = new MemoryRateLimiter(policy);
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  /** True while decisions come from the in-memory fallback. */
  get isDegraded(): boolean {
    return this.degraded;
  }

  async consume(key: string): Promise<RateLimitDecision> {
    const { limit, windowMs } = this.policy;
    const windowUs = windowMs * 1000;
    let reply: [number, number, number, number];
    try {
      reply = await this.redis.gcra(this.prefix + key, windowUs / limit, windowUs);
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.warn(
          `[rate-limit] Redis unavailable (${(error as Error).message}): failing open to per-instance in-memory limits until it answers again`,
        );
      }
      return this.fallback.consume(key);
    }
    if (this.degraded) {
      this.degraded = false;
      this.warn("[rate-limit] Redis answers again: shared limits restored");
    }
    const [allowed, remaining, resetUs, retryAfterUs] = reply;
    return {
      allowed: allowed === 1,
      limit,
      remaining,
      resetSeconds: Math.ceil(resetUs / 1_000_000),
      // Whole seconds, rounded up: a client that waits this long after the answer is admitted.
      retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryAfterUs / 1_000_000)),
    };
  }
}
