import { createHash, randomUUID } from "node:crypto";
import type Redis from "ioredis";
import { createMemoryThrottle, type Throttle, type ThrottleDecision, type ThrottlePolicy } from "./sign-in-throttle";

/** Drops attempts older than the window, then returns {0, wait_us} when the window is full. */
const FULL_WINDOW_CHECK = `
local window = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.ceil(tonumber(oldest[2]) + window - now)}
end
`;

/**
 * A sliding window in one Lua script over a sorted set of attempt times, so every instance counts
 * the same attempts and two instances can never both take the last one. The clock is Redis's
 * (TIME), so instances with skewed clocks agree. Times are microseconds; members are unique ids.
 * Returns {1, 0} when the attempt is counted, {0, wait_us} when the window is full (uncounted).
 */
export const SLIDING_WINDOW_SCRIPT = `${FULL_WINDOW_CHECK}
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1)
return {1, 0}
`;

/** The same decision as SLIDING_WINDOW_SCRIPT without counting: {1, 0} or {0, wait_us}. */
export const SLIDING_WINDOW_CHECK_SCRIPT = `${FULL_WINDOW_CHECK}
return {1, 0}
`;

type WindowRedis = Redis & {
  throttleAttempt(key: string, windowUs: number, max: number, member: string): Promise<[number, number]>;
  throttleCheck(key: string, windowUs: number, max: number): Promise<[number, number]>;
};

export type RedisThrottleOptions = {
  redis: Redis;
  /** Namespaces the keys (tests use their own). */
  keyPrefix?: string;
  /** Logs the fallback transitions; defaults to console.warn. */
  warn?: (message: string) => void;
};

/**
 * The scale-out throttle (REDIS_URL): one EVALSHA per attempt. Keys are hashed, so Redis holds no
 * email addresses. Redis unreachable or slower than REDIS_TIMEOUT_MS: the instance falls back to
 * its own in-memory window with the same policy (logged once each way), like the gateway's rate
 * limiter: sign-in keeps working, limited per instance, rather than failing or going unthrottled.
 */
export function createRedisThrottle(policy: ThrottlePolicy, options: RedisThrottleOptions): Throttle & { readonly isDegraded: boolean } {
  const redis = options.redis as WindowRedis;
  if (typeof redis.throttleAttempt !== "function") redis.defineCommand("throttleAttempt", { numberOfKeys: 1, lua: SLIDING_WINDOW_SCRIPT });
  if (typeof redis.throttleCheck !== "function")
    redis.defineCommand("throttleCheck", { numberOfKeys: 1, lua: SLIDING_WINDOW_CHECK_SCRIPT });
  const prefix = `${options.keyPrefix ?? "openbank:throttle"}:${policy.name}:`;
  const fallback = createMemoryThrottle(policy);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const windowUs = policy.windowSeconds * 1_000_000;
  let degraded = false;

  const redisKey = (key: string) => prefix + createHash("sha256").update(key).digest("base64url");

  function degrade(error: unknown) {
    if (degraded) return;
    degraded = true;
    warn(`[throttle:${policy.name}] Redis unavailable (${(error as Error).message}): counting per instance until it answers again`);
  }

  function recover() {
    if (!degraded) return;
    degraded = false;
    warn(`[throttle:${policy.name}] Redis answers again: shared counting restored`);
  }

  /** One script's decision, or the in-memory window's while Redis does not answer. */
  async function ask(script: () => Promise<[number, number]>, local: () => ThrottleDecision): Promise<ThrottleDecision> {
    let reply: [number, number];
    try {
      reply = await script();
    } catch (error) {
      degrade(error);
      return local();
    }
    recover();
    const [allowed, waitUs] = reply;
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitUs / 1_000_000)) };
  }

  return {
    policy,
    get isDegraded() {
      return degraded;
    },
    attempt: (key) =>
      ask(
        () => redis.throttleAttempt(redisKey(key), windowUs, policy.maxAttempts, randomUUID()),
        () => fallback.attemptNow(key),
      ),
    check: (key) =>
      ask(
        () => redis.throttleCheck(redisKey(key), windowUs, policy.maxAttempts),
        () => fallback.checkNow(key),
      ),
    async reset(key) {
      fallback.resetNow(key);
      try {
        await redis.del(redisKey(key));
        recover();
      } catch (error) {
        degrade(error);
      }
    },
  };
}
