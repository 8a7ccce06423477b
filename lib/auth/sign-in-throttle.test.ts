import { describe, expect, it } from "vitest";
import { countSignInAttempt, createMemoryThrottle, signInThrottleKey } from "./sign-in-throttle";

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

describe("countSignInAttempt", () => {
  const throttles = () => ({
    signIn: createMemoryThrottle({ name: "sign-in", maxAttempts: 3, windowSeconds: 900 }),
    signInAccount: createMemoryThrottle({ name: "sign-in-account", maxAttempts: 10, windowSeconds: 900 }),
  });

  it("refuses a rotating-address guesser at the per-account ceiling, from every address, right password or not", async () => {
    const both = throttles();
    const decisions: boolean[] = [];
    // Two guesses from each of many addresses: never the per-address limit, always the same account.
    for (let i = 0; i < 14; i++) {
      decisions.push((await countSignInAttempt(both, { email: "Ada@Example.com", ip: `203.0.113.${Math.floor(i / 2)}` })).decision.allowed);
    }
    expect(decisions).toEqual([...Array(10).fill(true), ...Array(4).fill(false)]);
    expect((await countSignInAttempt(both, { email: "ada@example.com", ip: "198.51.100.1" })).decision.allowed).toBe(false);
    // Another account is untouched.
    expect((await countSignInAttempt(both, { email: "bob@example.com", ip: "203.0.113.1" })).decision.allowed).toBe(true);
  });

  it("keeps the per-address limit, and does not count the account's window for a refused address", async () => {
    const both = throttles();
    for (let i = 0; i < 3; i++)
      expect((await countSignInAttempt(both, { email: "a@example.com", ip: "10.0.0.1" })).decision.allowed).toBe(true);
    for (let i = 0; i < 20; i++)
      expect((await countSignInAttempt(both, { email: "a@example.com", ip: "10.0.0.1" })).decision.allowed).toBe(false);
    expect(both.signInAccount.checkNow("a@example.com")).toEqual({ allowed: true });
    expect(both.signInAccount.size()).toBe(1);
  });

  it("clears both windows after a right password", async () => {
    const both = throttles();
    let last;
    for (let i = 0; i < 3; i++) last = await countSignInAttempt(both, { email: "a@example.com", ip: "10.0.0.1" });
    await last!.succeeded();
    expect(both.signIn.size()).toBe(0);
    expect(both.signInAccount.size()).toBe(0);
  });
});
