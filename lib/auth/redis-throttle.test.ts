import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeRedis, testRedis } from "@/tests/support/test-redis";
import { createRedis } from "../redis";
import { createRedisThrottle } from "./redis-throttle";
import { createMemoryThrottle } from "./sign-in-throttle";
import { createThrottles } from "./throttles";

const available = await probeRedis("Redis throttle (Lua sliding window)");
const prefix = `test:throttle:${process.pid}:${Date.now()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)("createRedisThrottle (sliding window on the real Redis)", () => {
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

  const throttleOn = (redis: Redis, maxAttempts: number, windowSeconds: number, name = "sign-in") =>
    createRedisThrottle({ name, maxAttempts, windowSeconds }, { redis, keyPrefix: prefix });

  it("allows maxAttempts in the window, then refuses with the wait until the oldest leaves it", async () => {
    const throttle = throttleOn(a, 3, 60);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await throttle.attempt("ada@example.com\n10.0.0.1"));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const refused = decisions[3] as { allowed: false; retryAfterSeconds: number };
    expect(refused.allowed).toBe(false);
    // The oldest attempt was a few ms ago: about a full window to wait (whole seconds, rounded up).
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("checks without counting, on every instance, and agrees with the next attempt", async () => {
    const one = throttleOn(a, 2, 60, "check");
    const two = throttleOn(b, 2, 60, "check");
    for (let i = 0; i < 5; i++) expect(await one.check("10.0.0.9")).toEqual({ allowed: true });
    await one.attempt("10.0.0.9");
    await two.attempt("10.0.0.9");
    const checked = await two.check("10.0.0.9");
    expect(checked.allowed).toBe(false);
    expect((checked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect((await one.attempt("10.0.0.9")).allowed).toBe(false);
  });

  it("decides as the in-memory throttle does for the same sequence", async () => {
    const redisThrottle = throttleOn(a, 2, 30, "same-sequence");
    const memory = createMemoryThrottle({ name: "same-sequence", maxAttempts: 2, windowSeconds: 30 });
    for (const key of ["x", "x", "y", "x", "y", "y"]) {
      const [shared, local] = [await redisThrottle.attempt(key), await memory.attempt(key)];
      expect(shared.allowed, key).toBe(local.allowed);
    }
  });

  it("shares one exact window across instances: 200 concurrent attempts on two connections admit exactly maxAttempts", async () => {
    const one = throttleOn(a, 5, 60, "shared");
    const two = throttleOn(b, 5, 60, "shared");
    const decisions = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).attempt("victim@example.com")));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    expect(decisions.every((decision) => decision.allowed || decision.retryAfterSeconds >= 1)).toBe(true);
  });

  it("does not count refused attempts, slides, and forgets a key on reset (on every instance)", async () => {
    const one = throttleOn(a, 2, 1, "slide");
    const two = throttleOn(b, 2, 1, "slide");
    await one.attempt("k");
    await two.attempt("k");
    for (let i = 0; i < 5; i++) expect((await one.attempt("k")).allowed).toBe(false);
    await sleep(1_050);
    expect((await two.attempt("k")).allowed).toBe(true);
    await two.attempt("k");
    expect((await one.attempt("k")).allowed).toBe(false);
    await two.reset("k");
    expect((await one.attempt("k")).allowed).toBe(true);
  });

  it("keeps policies and keys apart, stores no email, and expires idle windows", async () => {
    const signIn = throttleOn(a, 1, 10, "sign-in");
    const forgot = throttleOn(a, 1, 10, "forgot-password");
    expect((await signIn.attempt("grace@example.com")).allowed).toBe(true);
    expect((await signIn.attempt("grace@example.com")).allowed).toBe(false);
    expect((await signIn.attempt("other@example.com")).allowed).toBe(true);
    expect((await forgot.attempt("grace@example.com")).allowed).toBe(true);
    const keys = await a.keys(`${prefix}:*`);
    expect(keys.some((key) => key.includes("example.com"))).toBe(false);
    const key = keys.find((candidate) => candidate.startsWith(`${prefix}:forgot-password:`))!;
    const ttl = await a.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(11_000);
  });

  it("falls back to a per-instance window when Redis is unreachable, logging once each way, never the URL", async () => {
    const dead = createRedis("redis://127.0.0.1:1/0", { name: "test-dead", timeoutMs: 100 });
    const warnings: string[] = [];
    const throttle = createRedisThrottle(
      { name: "sign-in", maxAttempts: 2, windowSeconds: 60 },
      { redis: dead, keyPrefix: prefix, warn: (message) => warnings.push(message) },
    );
    const decisions = [await throttle.attempt("k"), await throttle.attempt("k"), await throttle.attempt("k")];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(throttle.isDegraded).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/counting per instance/);
    expect(warnings[0]).not.toMatch(/127\.0\.0\.1:1/);
    dead.disconnect();
  });
});

describe("createThrottles", () => {
  it("builds every policy in memory without Redis, sign-in's from the settings", async () => {
    const throttles = createThrottles(
      {
        SIGN_IN_MAX_ATTEMPTS: 2,
        SIGN_IN_WINDOW_SECONDS: 60,
        SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: 7,
        SIGN_UP_MAX_PER_ADDRESS: 3,
        SIGN_UP_MAX_PER_NETWORK: 9,
      },
      null,
    );
    expect(Object.keys(throttles).sort()).toEqual([
      "deviceCodeIp",
      "deviceUserCode",
      "forgotPassword",
      "passwordResetIp",
      "resetPassword",
      "signIn",
      "signInAccount",
      "signUpAddress",
      "signUpNetwork",
    ]);
    expect(throttles.signIn.policy).toEqual({ name: "sign-in", maxAttempts: 2, windowSeconds: 60 });
    expect(throttles.signInAccount.policy).toEqual({ name: "sign-in-account", maxAttempts: 7, windowSeconds: 60 });
    expect(throttles.signUpAddress.policy).toEqual({ name: "sign-up-address", maxAttempts: 3, windowSeconds: 3600 });
    expect(throttles.signUpNetwork.policy).toEqual({ name: "sign-up-network", maxAttempts: 9, windowSeconds: 3600 });
    await throttles.signIn.attempt("k");
    await throttles.signIn.attempt("k");
    expect((await throttles.signIn.attempt("k")).allowed).toBe(false);
    expect((await throttles.forgotPassword.attempt("k")).allowed).toBe(true);
  });
});
