/**
 * Per-key rate limiting with GCRA (generic cell rate algorithm): a token bucket kept as a
 * single "theoretical arrival time" per key. `limit` requests per `windowMs`, bursts up to
 * `limit`. Memory per key is one number; idle keys are pruned.
 */
export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds to wait before a retry can succeed (0 when allowed). */
  retryAfterSeconds: number;
};

export type RateLimitPolicy = { name: string; limit: number; windowMs: number };

/**
 * What the gateway needs from a limiter: one decision per request for a bucket key. The
 * in-memory limiter answers synchronously (one instance); the Redis one (scale-out mode,
 * lib/gateway/redis-rate-limiter.ts) asynchronously. Callers always `await` the answer.
 */
export type RateLimiter = {
  readonly policy: RateLimitPolicy;
  consume(key: string): RateLimitDecision | Promise<RateLimitDecision>;
};

export class MemoryRateLimiter implements RateLimiter {
  private tats = new Map<string, number>();
  private readonly interval: number;
  private lastPrune = 0;

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.interval = policy.windowMs / policy.limit;
  }

  consume(key: string): RateLimitDecision {
    const now = this.now();
    this.prune(now);
    const { limit, windowMs } = this.policy;
    const tat = Math.max(this.tats.get(key) ?? now, now);
    const newTat = tat + this.interval;
    const allowAt = newTat - windowMs;
    if (now < allowAt) {
      return {
        allowed: false,
        limit,
        remaining: 0,
        resetSeconds: Math.ceil((tat - now) / 1000),
        retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)),
      };
    }
    this.tats.set(key, newTat);
    return {
      allowed: true,
      limit,
      remaining: Math.floor((now - allowAt) / this.interval),
      resetSeconds: Math.ceil((newTat - now) / 1000),
      retryAfterSeconds: 0,
    };
  }

  /** Forgets keys whose bucket has refilled: they behave exactly like unseen keys. */
  private prune(now: number): void {
    if (now - this.lastPrune < this.policy.windowMs) return;
    this.lastPrune = now;
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}

/**
 * IETF RateLimit / RateLimit-Policy header fields (draft-ietf-httpapi-ratelimit-headers). `t` is
 * when the quota has room again: while requests remain, the seconds until it is full; on a
 * refusal, the GCRA's wait for the next request, the same number as `Retry-After`.
 */
export function rateLimitHeaders(policy: RateLimitPolicy, decision: RateLimitDecision): Record<string, string> {
  const t = decision.allowed ? decision.resetSeconds : decision.retryAfterSeconds;
  const headers: Record<string, string> = {
    "ratelimit-policy": `"${policy.name}";q=${policy.limit};w=${Math.round(policy.windowMs / 1000)}`,
    ratelimit: `"${policy.name}";r=${decision.remaining};t=${t}`,
  };
  if (!decision.allowed) headers["retry-after"] = String(decision.retryAfterSeconds);
  return headers;
}

/**
 * The headers of a 429 the gateway did not decide itself (the bank's simulated one, `Sandbox-Scenario:
 * rate_limited`): the key's policy, no requests remaining, and `t` equal to the bank's `Retry-After`,
 * so it reads exactly like a real refusal.
 */
export function refusedRateLimitHeaders(policy: RateLimitPolicy, retryAfter: string | null): Record<string, string> {
  const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 1));
  return rateLimitHeaders(policy, {
    allowed: false,
    limit: policy.limit,
    remaining: 0,
    resetSeconds: seconds,
    retryAfterSeconds: seconds,
  });
}
