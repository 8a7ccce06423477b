import { describe, expect, it } from "vitest";
import { createSignInThrottle, signInThrottleKey } from "./sign-in-throttle";

function setup(options: { maxAttempts?: number; windowSeconds?: number; maxKeys?: number } = {}) {
  let clock = 1_000_000;
  const throttle = createSignInThrottle({
    maxAttempts: options.maxAttempts ?? 3,
    windowSeconds: options.windowSeconds ?? 60,
    maxKeys: options.maxKeys,
    now: () => clock,
  });
  return { throttle, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe("createSignInThrottle", () => {
  it("allows maxAttempts in the window, then refuses with the wait until the oldest expires", () => {
    const { throttle, advance } = setup();
    expect(throttle.attempt("k")).toEqual({ allowed: true });
    advance(10);
    expect(throttle.attempt("k")).toEqual({ allowed: true });
    expect(throttle.attempt("k")).toEqual({ allowed: true });
    expect(throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it("slides: one attempt frees up when the oldest leaves the window", () => {
    const { throttle, advance } = setup();
    throttle.attempt("k");
    advance(10);
    throttle.attempt("k");
    throttle.attempt("k");
    advance(50);
    expect(throttle.attempt("k")).toEqual({ allowed: true });
    expect(throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("does not count refused attempts, so hammering does not extend the lockout", () => {
    const { throttle, advance } = setup({ maxAttempts: 1 });
    throttle.attempt("k");
    for (let i = 0; i < 5; i++) {
      advance(10);
      throttle.attempt("k");
    }
    advance(10);
    expect(throttle.attempt("k")).toEqual({ allowed: true });
  });

  it("resets a key after a success and keeps keys independent", () => {
    const { throttle } = setup({ maxAttempts: 2 });
    throttle.attempt("a");
    throttle.attempt("a");
    throttle.attempt("b");
    expect(throttle.attempt("a").allowed).toBe(false);
    expect(throttle.attempt("b").allowed).toBe(true);
    throttle.reset("a");
    expect(throttle.attempt("a").allowed).toBe(true);
  });

  it("never reports a wait under one second", () => {
    const { throttle, advance } = setup({ maxAttempts: 1, windowSeconds: 1 });
    throttle.attempt("k");
    advance(0.9995);
    expect(throttle.attempt("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("bounds memory: stale keys are swept, then the longest-tracked live ones dropped", () => {
    const { throttle, advance } = setup({ maxKeys: 3 });
    throttle.attempt("old1");
    throttle.attempt("old2");
    advance(61);
    throttle.attempt("a");
    throttle.attempt("b"); // 4 keys > 3: old1 and old2 have expired and go
    expect(throttle.size()).toBe(2);
    throttle.attempt("b");
    throttle.attempt("b");
    throttle.attempt("c");
    throttle.attempt("d"); // 4 live keys: "a" (least recently attempted) goes, full "b" stays
    expect(throttle.size()).toBe(3);
    expect(throttle.attempt("b").allowed).toBe(false);
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
