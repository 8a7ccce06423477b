import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeRedis, testRedis, TEST_REDIS_URL } from "@/tests/support/test-redis";
import { listenForInvalidations, publishInvalidation, type Invalidation, type InvalidationTargets } from "./cache-invalidation";
import { createKeyCache } from "./key-cache";

const available = await probeRedis("cache invalidation (pub/sub)");
const key = {
  keyId: "key_1",
  appId: "app_1",
  prefix: "sk_sandbox_abcd…wxyz",
  revoked: false,
  scope: "read_write" as const,
  expiresAt: null,
  rolled: false,
  appSuspended: false,
};

function instance() {
  const keys = createKeyCache(30_000);
  let clientClears = 0;
  let appClears = 0;
  const targets: InvalidationTargets = { keys, clients: { clear: () => void clientClears++ }, apps: { clear: () => void appClears++ } };
  return { keys, targets, clientClears: () => clientClears, appClears: () => appClears };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
  return performance.now() - started;
}

describe.skipIf(!available)("cache invalidation across instances (real Redis pub/sub)", () => {
  let publisher: Redis;
  const stops: Array<() => void> = [];
  beforeAll(() => {
    publisher = testRedis();
  });
  afterAll(() => {
    for (const stop of stops) stop();
    publisher.disconnect();
  });

  /** The instance where the change happens: its own cache at once, the others over Redis. */
  const origin = instance();
  const invalidate = (message: Invalidation) => publishInvalidation(message, origin.targets, publisher);

  function listen(name: string) {
    const target = instance();
    const listener = listenForInvalidations({ url: TEST_REDIS_URL, targets: target.targets, name });
    stops.push(listener.stop);
    return { ...target, ready: listener.ready };
  }

  it("drops a revoked key from every other instance's cache within milliseconds", async () => {
    const b = listen(`test-b-${process.pid}`);
    const c = listen(`test-c-${process.pid}`);
    await Promise.all([b.ready, c.ready]);
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const hash = `hash-${i}`;
      b.keys.set(hash, key);
      c.keys.set(hash, key);
      b.keys.set("other", key);
      const sent = performance.now();
      await invalidate({ kind: "key", hash });
      await until(() => b.keys.get(hash) === undefined && c.keys.get(hash) === undefined);
      latencies.push(performance.now() - sent);
      expect(b.keys.get("other")).toEqual(key);
    }
    latencies.sort((x, y) => x - y);
    console.log(
      `invalidation latency over 50 revocations (publish → dropped on two listeners): p50 ${latencies[25].toFixed(2)} ms, max ${latencies[49].toFixed(2)} ms`,
    );
  });

  it("clears every key and every app status on an app suspension, and OAuth clients on a client change", async () => {
    const b = listen(`test-d-${process.pid}`);
    await b.ready;
    b.keys.set("h1", key);
    b.keys.set("h2", key);
    await invalidate({ kind: "all_keys" });
    await invalidate({ kind: "apps" });
    await until(() => b.keys.get("h1") === undefined && b.keys.get("h2") === undefined && b.appClears() === 1);
    expect(b.clientClears()).toBe(0);
    b.keys.set("h3", key);
    await invalidate({ kind: "oauth_clients" });
    await until(() => b.clientClears() === 1);
    // Each kind clears only its own cache.
    expect(b.keys.get("h3")).toEqual(key);
    expect(b.appClears()).toBe(1);
  });

  it("ignores foreign or malformed messages", async () => {
    const b = listen(`test-e-${process.pid}`);
    await b.ready;
    b.keys.set("h", key);
    await publisher.publish("openbank:cache-invalidation", "not json");
    await publisher.publish("openbank:cache-invalidation", JSON.stringify({ kind: "key" }));
    await invalidate({ kind: "key", hash: "sentinel" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.keys.get("h")).toEqual(key);
  });

  it("flushes the caches when its connection comes back (messages may have been missed)", async () => {
    const name = `test-f-${process.pid}`;
    const b = listen(name);
    await b.ready;
    b.keys.set("h", key);
    // Kill only this listener's connection, found by its name.
    const clients = (await publisher.client("LIST")) as string;
    const line = clients.split("\n").find((entry) => entry.includes(`name=openbank-${name} `));
    const id = /\bid=(\d+)/.exec(line ?? "")?.[1];
    expect(id).toMatch(/^\d+$/);
    await publisher.client("KILL", "ID", id!);
    await until(() => b.keys.get("h") === undefined, 5_000);
    expect(b.clientClears()).toBe(1);
    expect(b.appClears()).toBe(1);
  });
});
