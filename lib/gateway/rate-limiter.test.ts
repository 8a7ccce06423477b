import { describe, expect, it } from "vitest";
import { MemoryRateLimiter, rateLimitHeaders, refusedRateLimitHeaders } from "./rate-limiter";

function limiter(limit = 10, windowMs = 10_000) {
  let now = 1_000_000;
  const rl = new MemoryRateLimiter({ name: "sandbox", limit, windowMs }, () => now);
  return { rl, advance: (ms: number) => (now += ms) };
}

describe("MemoryRateLimiter (GCRA)", () => {
  it("admits a full burst of `limit` requests, then refuses", () => {
    const { rl } = limiter(10);
    const decisions = Array.from({ length: 11 }, () => rl.consume("k"));
    expect(decisions.slice(0, 10).every((d) => d.allowed)).toBe(true);
    expect(decisions.map((d) => d.remaining).slice(0, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(decisions[10]).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it("refills one request per emission interval", () => {
    const { rl, advance } = limiter(10, 10_000);
    for (let i = 0; i < 10; i++) rl.consume("k");
    expect(rl.consume("k").allowed).toBe(false);
    advance(999);
    expect(rl.consume("k").allowed).toBe(false);
    advance(1);
    expect(rl.consume("k").allowed).toBe(true);
    expect(rl.consume("k").allowed).toBe(false);
  });

  it("never admits more than limit + elapsed/interval over any stretch", () => {
    const { rl, advance } = limiter(5, 1_000);
    let admitted = 0;
    for (let step = 0; step < 1_000; step++) {
      if (rl.consume("k").allowed) admitted++;
      advance(7);
    }
    // 7 s of traffic at 5 req/s plus the initial burst of 5.
    expect(admitted).toBeLessThanOrEqual(5 + Math.floor(7_000 / 200));
    expect(admitted).toBeGreaterThanOrEqual(Math.floor(7_000 / 200));
  });

  it("a client that honours Retry-After is admitted", () => {
    const { rl, advance } = limiter(3, 3_000);
    for (let i = 0; i < 3; i++) rl.consume("k");
    const refused = rl.consume("k");
    expect(refused.allowed).toBe(false);
    advance(refused.retryAfterSeconds * 1000);
    expect(rl.consume("k").allowed).toBe(true);
  });

  it("keeps keys independent", () => {
    const { rl } = limiter(1);
    expect(rl.consume("a").allowed).toBe(true);
    expect(rl.consume("a").allowed).toBe(false);
    expect(rl.consume("b").allowed).toBe(true);
  });

  it("formats IETF RateLimit headers, with Retry-After only when refused", () => {
    const { rl } = limiter(2, 10_000);
    const policy = rl.policy;
    expect(rateLimitHeaders(policy, rl.consume("k"))).toEqual({
      "ratelimit-policy": '"sandbox";q=2;w=10',
      ratelimit: '"sandbox";r=1;t=5',
    });
    rl.consume("k");
    const refused = rateLimitHeaders(policy, rl.consume("k"));
    expect(refused["retry-after"]).toBe("5");
    // t on a refusal is the GCRA's wait, the same as Retry-After (not the time until the bucket is full).
    expect(refused.ratelimit).toBe('"sandbox";r=0;t=5');
  });

  it("makes t equal Retry-After equal the actual wait on every refusal", () => {
    for (const offset of [0, 1, 999, 1_000, 2_500, 4_999]) {
      let now = 0;
      const rl = new MemoryRateLimiter({ name: "sandbox", limit: 2, windowMs: 10_000 }, () => now);
      rl.consume("k");
      rl.consume("k");
      now = offset;
      const decision = rl.consume("k");
      expect(decision.allowed).toBe(false);
      const headers = rateLimitHeaders(rl.policy, decision);
      const t = Number(/;t=(\d+)$/.exec(headers.ratelimit)?.[1]);
      expect(t).toBe(Number(headers["retry-after"]));
      // The least whole number of seconds that is enough: one second less is still refused.
      now = offset + (t - 1) * 1000;
      expect(rl.consume("k").allowed).toBe(false);
      now = offset + t * 1000;
      expect(rl.consume("k").allowed).toBe(true);
    }
  });

  it("gives a 429 decided elsewhere (the simulated one) the same policy and shape", () => {
    const policy = { name: "sandbox", limit: 100, windowMs: 10_000 };
    expect(refusedRateLimitHeaders(policy, "1")).toEqual({
      "ratelimit-policy": '"sandbox";q=100;w=10',
      ratelimit: '"sandbox";r=0;t=1',
      "retry-after": "1",
    });
    expect(refusedRateLimitHeaders(policy, null)["retry-after"]).toBe("1");
  });
});
