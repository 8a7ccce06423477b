import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeRedis, testRedis } from "@/tests/support/test-redis";
import { createRedis } from "../redis";
import { MemoryRateLimiter, rateLimitHeaders } from "./rate-limiter";
import { RedisRateLimiter } from "./redis-rate-limiter";

const available = await probeRedis("RedisRateLimiter (Lua GCRA)");
const prefix = `test:rl:${process.pid}:${Date.now()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)("RedisRateLimiter (Lua GCRA on the real Redis)", () => {
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = testRedis();
    b = testRedis();
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}:*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
  });

  const limiterOn = (redis: Redis, limit: number, windowMs: number, name = "sandbox") =>
    new RedisRateLimiter({ name, limit, windowMs }, { redis, keyPrefix: prefix });

  it("admits a burst of `limit`, then refuses, with the in-memory limiter's numbers", async () => {
    const rl = limiterOn(a, 10, 10_000);
    const decisions = [];
    for (let i = 0; i < 11; i++) decisions.push(await rl.consume("burst"));
    expect(decisions.slice(0, 10).every((d) => d.allowed)).toBe(true);
    expect(decisions.map((d) => d.remaining).slice(0, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(decisions[10]).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 10 });
    // The same sequence in memory gives the same headers.
    const memory = new MemoryRateLimiter({ name: "sandbox", limit: 10, windowMs: 10_000 });
    const first = memory.consume("k");
    expect(rateLimitHeaders(rl.policy, decisions[0])).toEqual(rateLimitHeaders(memory.policy, first));
  });

  it("shares one exact bucket across instances: 400 concurrent calls on two connections admit exactly `limit`", async () => {
    const one = limiterOn(a, 50, 60_000);
    const two = limiterOn(b, 50, 60_000);
    const decisions = await Promise.all(Array.from({ length: 400 }, (_, i) => (i % 2 ? one : two).consume("shared")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused.every((d) => d.retryAfterSeconds >= 1 && d.remaining === 0)).toBe(true);
  });

  it("keeps keys and policies apart", async () => {
    const sandbox = limiterOn(a, 1, 10_000, "sandbox");
    const oauth = limiterOn(a, 1, 10_000, "oauth");
    expect((await sandbox.consume("x")).allowed).toBe(true);
    expect((await sandbox.consume("x")).allowed).toBe(false);
    expect((await sandbox.consume("y")).allowed).toBe(true);
    expect((await oauth.consume("x")).allowed).toBe(true);
  });

  it("a client that waits Retry-After seconds is admitted", async () => {
    const rl = limiterOn(a, 2, 1_000);
    await rl.consume("retry");
    await rl.consume("retry");
    const refused = await rl.consume("retry");
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await sleep(refused.retryAfterSeconds * 1000);
    expect((await rl.consume("retry")).allowed).toBe(true);
  });

  it("expires idle buckets in Redis once they have refilled", async () => {
    const rl = limiterOn(a, 5, 1_000);
    await rl.consume("idle");
    const ttl = await a.pttl(`${prefix}:sandbox:idle`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(202);
  });

  it("fails open to per-instance memory limits when Redis is unreachable, logging once each way", async () => {
    const dead = createRedis("redis://127.0.0.1:1/0", { name: "test-dead", timeoutMs: 100 });
    const warnings: string[] = [];
    const rl = new RedisRateLimiter(
      { name: "sandbox", limit: 2, windowMs: 10_000 },
      { redis: dead, keyPrefix: prefix, warn: (m) => warnings.push(m) },
    );
    const decisions = [await rl.consume("k"), await rl.consume("k"), await rl.consume("k")];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(decisions[2].retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(rl.isDegraded).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/failing open/);
    expect(warnings[0]).not.toMatch(/127\.0\.0\.1:1\/0/);
    dead.disconnect();
  });
});
