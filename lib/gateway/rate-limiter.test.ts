import { describe, expect, it } from "vitest";
import { MemoryRateLimiter, rateLimitHeaders } from "./rate-limiter";

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
    expect(refused.ratelimit).toBe('"sandbox";r=0;t=10');
  });
});
