import Redis from "ioredis";

/** The Redis database the Redis-backed tests own (db 4 unless TEST_REDIS_URL says otherwise). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/4";

/**
 * Whether the test Redis answers. Under CI=true an unreachable Redis is a failure (the
 * scale-out mode must be proven there); elsewhere the suites skip, loudly.
 */
export async function probeRedis(suite: string): Promise<boolean> {
  const probe = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  let ok = false;
  try {
    await probe.connect();
    ok = (await probe.ping()) === "PONG";
  } catch {
    ok = false;
  } finally {
    probe.disconnect();
  }
  if (!ok) {
    const message = `\n!!! ${suite}: Redis is not reachable at ${TEST_REDIS_URL} (set TEST_REDIS_URL) !!!\n`;
    if (process.env.CI === "true") throw new Error(`${message}CI=true: the scale-out tests must run, failing.`);
    console.warn(`${message}!!! SKIPPING these tests. They prove the scale-out mode; run them with Redis. !!!\n`);
  }
  return ok;
}

/** A command connection for tests, with the same fail-fast settings as the app's. */
export function testRedis(): Redis {
  const client = new Redis(TEST_REDIS_URL, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  return client;
}
