import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeRedis, testRedis, TEST_REDIS_URL } from "@/tests/support/test-redis";
import { ReadinessFaults, type FaultPlan, type GatewayFault, type InjectedFault, type SharedFaultStore } from "./readiness-faults";
import { listenForFaultPlans, redisFaultStore } from "./shared-fault-plans";

const available = await probeRedis("readiness fault plans (Redis)");
// This file's own keys and channel: other suites share the test database.
const prefix = `test:readiness:${process.pid}:${Date.now()}`;
const channel = `${prefix}:channel`;

const plan = (overrides: Partial<FaultPlan> = {}): FaultPlan => ({
  runId: "rdy_1",
  checkId: "payment-retries",
  expiresAt: Date.now() + 60_000,
  method: "POST",
  pathPrefix: "/v1/payments",
  faults: [{ kind: "unavailable" }, { kind: "timeout", holdMs: 5 }],
  ...overrides,
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const kind = async (decided: InjectedFault | null | Promise<InjectedFault | null>) => (await decided)?.fault.kind ?? null;

describe.skipIf(!available)("fault plans shared by portal instances (real Redis)", () => {
  const connections: Redis[] = [];
  const stops: Array<() => void> = [];

  /** One portal instance: its own command connection, store, Map and listener. */
  async function instance(): Promise<ReadinessFaults> {
    const redis = testRedis();
    connections.push(redis);
    const faults = new ReadinessFaults(Date.now, redisFaultStore(redis, { prefix, channel }));
    const listener = listenForFaultPlans({ url: TEST_REDIS_URL, redis, faults, prefix, channel });
    stops.push(listener.stop);
    await listener.ready;
    return faults;
  }

  let a: ReadinessFaults;
  let b: ReadinessFaults;
  beforeAll(async () => {
    [a, b] = await Promise.all([instance(), instance()]);
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    const keys = await connections[0].keys(`${prefix}:*`);
    if (keys.length) await connections[0].del(...keys);
    for (const redis of connections) redis.disconnect();
  });

  it("a plan set on one instance reaches the other; each fault is used once across both, in order", async () => {
    await a.set("app_once", plan());
    await until(() => b.has("app_once"));
    expect(await kind(b.decide("app_once", "POST", "/v1/payments"))).toBe("unavailable");
    expect(await a.decide("app_once", "POST", "/v1/payments")).toEqual({
      fault: { kind: "timeout", holdMs: 5 },
      marker: "timeout; run=rdy_1; check=payment-retries",
    });
    expect(await b.decide("app_once", "POST", "/v1/payments")).toBeNull();
    expect(await a.decide("app_once", "POST", "/v1/payments")).toBeNull();
  });

  it("hands out each of 20 faults exactly once to 60 concurrent calls spread over both instances", async () => {
    const faults: GatewayFault[] = Array.from({ length: 20 }, (_, index) => ({ kind: "rate_limited", retryAfterSeconds: index + 1 }));
    await a.set("app_race", plan({ faults }));
    await until(() => b.has("app_race"));
    const decided = await Promise.all(
      Array.from({ length: 60 }, (_, index) => (index % 2 ? a : b).decide("app_race", "POST", "/v1/payments/x")),
    );
    const taken = decided.flatMap((injected) => (injected?.fault.kind === "rate_limited" ? [injected.fault.retryAfterSeconds] : []));
    expect(taken.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it("keeps the hot path one synchronous lookup for apps without a plan, and for calls the plan does not match", async () => {
    await a.set("app_match", plan());
    await until(() => b.has("app_match"));
    expect(b.decide("app_none", "POST", "/v1/payments")).toBeNull();
    expect(b.decide("app_match", "GET", "/v1/payments")).toBeNull();
    expect(b.decide("app_match", "POST", "/v1/accounts")).toBeNull();
    // Nothing was consumed by those calls.
    expect(await kind(b.decide("app_match", "POST", "/v1/payments"))).toBe("unavailable");
  });

  it("clears only the named run's plan, everywhere, and leaves nothing in Redis", async () => {
    await a.set("app_clear", plan({ runId: "rdy_new" }));
    await until(() => b.has("app_clear"));
    await b.clear("app_clear", "rdy_old");
    expect(a.has("app_clear")).toBe(true);
    await b.clear("app_clear", "rdy_new");
    expect(b.has("app_clear")).toBe(false);
    await until(() => !a.has("app_clear"));
    expect(await connections[0].keys(`${prefix}:*app_clear*`)).toEqual([]);
  });

  it("an instance started during a run loads the plan and takes the next fault", async () => {
    await a.set("app_late", plan());
    expect(await kind(a.decide("app_late", "POST", "/v1/payments"))).toBe("unavailable");
    const late = await instance();
    expect(late.has("app_late")).toBe(true);
    expect(await kind(late.decide("app_late", "POST", "/v1/payments"))).toBe("timeout");
    expect(await a.decide("app_late", "POST", "/v1/payments")).toBeNull();
  });

  it("an instance that has not yet heard of the next check's plan takes nothing from it", async () => {
    await a.set("app_next", plan());
    await until(() => b.has("app_next"));
    await a.clear("app_next", "rdy_1");
    await a.set(
      "app_next",
      plan({ checkId: "rate-limits", method: "GET", pathPrefix: null, faults: [{ kind: "rate_limited", retryAfterSeconds: 2 }] }),
    );
    // A stale instance still holding the payment plan (its messages not yet read).
    const stale = new ReadinessFaults(Date.now, redisFaultStore(connections[0], { prefix, channel }));
    stale.apply({ op: "set", appId: "app_next", plan: { ...plan(), faults: undefined } as never });
    expect(await stale.decide("app_next", "POST", "/v1/payments")).toBeNull();
    await until(() => b.has("app_next") && b.decide("app_next", "POST", "/v1/payments") === null);
    expect(await kind(b.decide("app_next", "GET", "/v1/accounts"))).toBe("rate_limited");
  });

  it("stores the plan and its faults only until the run's time limit", async () => {
    const expiresAt = Date.now() + 30_000;
    await a.set("app_ttl", plan({ expiresAt }));
    const ttl = await Promise.all([
      connections[0].pttl(`${prefix}:plan:app_ttl`),
      connections[0].pttl(`${prefix}:faults:app_ttl:rdy_1:payment-retries`),
    ]);
    for (const left of ttl) {
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(30_000);
    }
  });
});

describe("when the shared store fails", () => {
  const failing = (what: keyof SharedFaultStore): SharedFaultStore => ({
    set: async () => (what === "set" ? Promise.reject(new Error("down")) : undefined),
    clear: async () => (what === "clear" ? Promise.reject(new Error("down")) : undefined),
    take: async () => (what === "take" ? Promise.reject(new Error("down")) : null),
  });

  it("lets the call through when a fault cannot be taken", async () => {
    const faults = new ReadinessFaults(() => 0, failing("take"));
    await faults.set("app_a", plan({ expiresAt: 10 }));
    expect(await faults.decide("app_a", "POST", "/v1/payments")).toBeNull();
  });

  it("holds a plan it could not share on this instance, with its faults", async () => {
    const faults = new ReadinessFaults(() => 0, failing("set"));
    await faults.set("app_a", plan({ expiresAt: 10 }));
    expect(await kind(faults.decide("app_a", "POST", "/v1/payments"))).toBe("unavailable");
    expect(await kind(faults.decide("app_a", "POST", "/v1/payments"))).toBe("timeout");
    expect(faults.decide("app_a", "POST", "/v1/payments")).toBeNull();
  });

  it("still stops the plan here when the shared clear fails", async () => {
    const faults = new ReadinessFaults(() => 0, failing("clear"));
    await faults.set("app_a", plan({ expiresAt: 10 }));
    await faults.clear("app_a");
    expect(faults.has("app_a")).toBe(false);
  });
});
