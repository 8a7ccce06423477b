import type Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { probeRedis, testRedis } from "@/tests/support/test-redis";
import { MemoryReplayStore, RedisReplayStore } from "./dpop-replay-store";

const available = await probeRedis("RedisReplayStore (DPoP jti)");
const prefix = `test:dpop:${process.pid}:${Date.now()}`;

describe("MemoryReplayStore", () => {
  it("accepts an id once within its time to live, and again after it", async () => {
    let now = 1_000_000;
    const store = new MemoryReplayStore({ ttlMs: 1_000, now: () => now });
    expect(await store.firstUse("a")).toBe(true);
    expect(await store.firstUse("a")).toBe(false);
    expect(await store.firstUse("b")).toBe(true);
    now += 1_001;
    expect(await store.firstUse("a")).toBe(true);
  });
});

describe("RedisReplayStore", () => {
  it("fails open to this instance's memory when Redis fails, saying so once each way", async () => {
    let down = true;
    const redis = { set: async () => (down ? Promise.reject(new Error("connection refused")) : "OK") } as unknown as Redis;
    const warnings: string[] = [];
    const store = new RedisReplayStore(redis, { ttlMs: 10_000, warn: (message) => warnings.push(message) });
    expect(await store.firstUse("x", 10_000)).toBe(true);
    expect(await store.firstUse("x", 10_000)).toBe(false);
    expect(store.isDegraded).toBe(true);
    down = false;
    expect(await store.firstUse("y", 10_000)).toBe(true);
    expect(store.isDegraded).toBe(false);
    expect(warnings).toHaveLength(2);
  });
});

describe.skipIf(!available)("RedisReplayStore on the real Redis", () => {
  const a = available ? testRedis() : (null as unknown as Redis);
  const b = available ? testRedis() : (null as unknown as Redis);
  afterAll(async () => {
    const keys = await a.keys(`${prefix}:*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
  });

  it("shares replays across instances and forgets them after the time to live", async () => {
    const one = new RedisReplayStore(a, { ttlMs: 200, keyPrefix: prefix });
    const two = new RedisReplayStore(b, { ttlMs: 200, keyPrefix: prefix });
    expect(await one.firstUse("proof", 200)).toBe(true);
    expect(await two.firstUse("proof", 200)).toBe(false);
    expect(await a.pttl(`${prefix}:proof`)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await two.firstUse("proof", 200)).toBe(true);
  });
});
