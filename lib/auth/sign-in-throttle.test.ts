import { describe, expect, it } from "vitest";
import { createMemoryThrottle, signInThrottleKey } from "./sign-in-throttle";

function setup(options: { maxAttempts?: number; windowSeconds?: number; maxKeys?: number } = {}) {
  let clock = 1_000_000;
  const throttle = createMemoryThrottle(
    { name: "test", maxAttempts: options.maxAttempts ?? 3, windowSeconds: options.windowSeconds ?? 60 },
    { maxKeys: options.maxKeys, now: () => clock },
  );
  return { throttle, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe("createMemoryThrottle", () => {
  it("allows maxAttempts in the window, then refuses with the wait until the oldest expires", async () => {
    const { throttle, advance } = setup();
    expect(await throttle.attempt("k")).toEqual({ allowed: true });
    advance(10);
    expect(await throttle.attempt("k")).toEqual({ allowed: true });
    expect(await throttle.attempt("k")).toEqual({ allowed: true });
    expect(await throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it("checks without counting: check answers what attempt would, and leaves the window as it was", async () => {
    const { throttle, advance } = setup({ maxAttempts: 2 });
    for (let i = 0; i < 5; i++) expect(await throttle.check("k")).toEqual({ allowed: true });
    await throttle.attempt("k");
    advance(10);
    await throttle.attempt("k");
    expect(await throttle.check("k")).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 50 });
    advance(50);
    expect(await throttle.check("k")).toEqual({ allowed: true });
  });

  it("slides: one attempt frees up when the oldest leaves the window", async () => {
    const { throttle, advance } = setup();
    await throttle.attempt("k");
    advance(10);
    await throttle.attempt("k");
    await throttle.attempt("k");
    advance(50);
    expect(await throttle.attempt("k")).toEqual({ allowed: true });
    expect(await throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("does not count refused attempts, so hammering does not extend the lockout", async () => {
    const { throttle, advance } = setup({ maxAttempts: 1 });
    await throttle.attempt("k");
    for (let i = 0; i < 5; i++) {
      advance(10);
      await throttle.attempt("k");
    }
    advance(10);
    expect(await throttle.attempt("k")).toEqual({ allowed: true });
  });

  it("resets a key after a success and keeps keys independent", async () => {
    const { throttle } = setup({ maxAttempts: 2 });
    await throttle.attempt("a");
    await throttle.attempt("a");
    await throttle.attempt("b");
    expect((await throttle.attempt("a")).allowed).toBe(false);
    expect((await throttle.attempt("b")).allowed).toBe(true);
    await throttle.reset("a");
    expect((await throttle.attempt("a")).allowed).toBe(true);
  });

  it("counts parallel attempts exactly: 50 at once admit maxAttempts", async () => {
    const { throttle } = setup({ maxAttempts: 5 });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => throttle.attempt("burst")));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it("never reports a wait under one second", async () => {
    const { throttle, advance } = setup({ maxAttempts: 1, windowSeconds: 1 });
    await throttle.attempt("k");
    advance(0.9995);
    expect(await throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("bounds memory: stale keys are swept, then the longest-tracked live ones dropped", async () => {
    const { throttle, advance } = setup({ maxKeys: 3 });
    await throttle.attempt("old1");
    await throttle.attempt("old2");
    advance(61);
    await throttle.attempt("a");
    await throttle.attempt("b"); // 4 keys > 3: old1 and old2 have expired and go
    expect(throttle.size()).toBe(2);
    await throttle.attempt("b");
    await throttle.attempt("b");
    await throttle.attempt("c");
    await throttle.attempt("d"); // 4 live keys: "a" (least recently attempted) goes, full "b" stays
    expect(throttle.size()).toBe(3);
    expect((await throttle.attempt("b")).allowed).toBe(false);
  });
});

describe("signInThrottleKey", () => {
  it("normalises the email and includes the address", () => {
    expect(signInThrottleKey({ email: " Ada@Example.COM ", ip: "10.0.0.1" })).toBe(
      signInThrottleKey({ email: "ada@example.com", ip: "10.0.0.1" }),
    );
    expect(signInThrottleKey({ email: "ada@example.com", ip: "10.0.0.1" })).not.toBe(
      signInThrottleKey({ email: "ada@example.com", ip: "10.0.0.2" }),
    );
  });
});
