import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServices } from "../../scripts/test-services.mjs";
import { PortalClient } from "../support/portal-client";
import { probeRedis, TEST_REDIS_URL } from "../support/test-redis";

// Scale-out reliability: two portal instances (production build) + one mock bank + Redis.
//  1. Over-admission: many connections flood one key through both instances; the 2xx they get,
//     counted from their own clocks, never exceed the policy (GCRA: `limit` at once, then one
//     per limit/window) at any moment, so no window is over-admitted. Every 429 carries the
//     RateLimit / RateLimit-Policy / Retry-After headers and a problem+json body.
//  2. Retry-After: clients with their own keys, alternating instances, drain their bucket and
//     then honour every Retry-After; none of them is ever refused after waiting.
//  3. Revocation bound: a key cached on instance B is revoked through instance A; B refuses it
//     as soon as the pub/sub message arrives (KEY_CACHE_TTL_SECONDS is set far above the wait).
// Redis unreachable: fails under CI=true, skips loudly otherwise. Bounded: ~40 s of traffic.
const LIMIT = 40;
const WINDOW_S = 4;
const INTERVAL_MS = (WINDOW_S * 1000) / LIMIT;
const FLOOD_MS = Number(process.env.RELIABILITY_FLOOD_MS ?? 16_000);
const CONNECTIONS = Number(process.env.RELIABILITY_CONNECTIONS ?? 48);
const HONOURING_CLIENTS = 4;
const CACHE_TTL_S = 120;

const available = await probeRedis("rate-limit reliability (two portals + Redis)");
if (available && !existsSync(".next/BUILD_ID"))
  throw new Error("rate-limit reliability: no production build (.next/BUILD_ID). Run `npm run build` first.");

type Sample = { instance: number; sent: number; received: number; status: number; headers: Headers; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)("rate limits and revocation across two portal instances", { timeout: 180_000 }, () => {
  let services: Awaited<ReturnType<typeof startServices>>;
  let developer: PortalClient;
  let appId: string;

  async function newKey(name: string): Promise<{ id: string; secret: string }> {
    const { status, body } = await developer.json("POST", `/api/apps/${appId}/keys`, { name, scope: "read_write" });
    if (status !== 201) throw new Error(`create key: ${status} ${JSON.stringify(body)}`);
    return { id: body.key.id, secret: body.secret };
  }

  async function call(instance: number, secret: string): Promise<Sample> {
    const sent = performance.timeOrigin + performance.now();
    const response = await fetch(`${services.portalUrls[instance]}/v1/products`, { headers: { authorization: `Bearer ${secret}` } });
    const body = await response.text();
    return {
      instance,
      sent,
      received: performance.timeOrigin + performance.now(),
      status: response.status,
      headers: response.headers,
      body,
    };
  }

  beforeAll(async () => {
    services = await startServices({
      // Its own pair of portals (3320, 3321): the suite's shared services hold 3300/4310, the crash test 3310/4320.
      portalPort: Number(process.env.RELIABILITY_RATE_PORTAL_PORT ?? 3320),
      bankPort: Number(process.env.RELIABILITY_RATE_BANK_PORT ?? 4330),
      name: "reliability-rate-limit",
      portalInstances: 2,
      env: {
        REDIS_URL: TEST_REDIS_URL,
        RATE_LIMIT_REQUESTS: String(LIMIT),
        RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_S),
        KEY_CACHE_TTL_SECONDS: String(CACHE_TTL_S),
        // The flood saturates both instances on a 2-core machine: their event loops lag, and a Redis
        // reply read after the default 250 ms counts as an outage, which fails open by design (the
        // limiter's unit test covers that path). This test measures the shared limiter's accuracy, so
        // it gives Redis longer than any event-loop lag. A CI run failed on it: over-admission 2 of 201.
        REDIS_TIMEOUT_MS: "5000",
      },
    });
    console.log(`reliability services: portals ${services.portalUrls.join(", ")} on ${services.provider}, Redis ${TEST_REDIS_URL}`);
    ({ client: developer } = await PortalClient.newDeveloper(services.portalUrl));
    appId = (await developer.createApp("Rate-limit reliability")).app.id;
  }, 150_000);

  afterAll(async () => {
    await services?.stop();
  });

  it("admits no more than the policy across both instances, and every 429 says when to come back", async () => {
    const key = await newKey("flood");
    const samples: Sample[] = [];
    const started = performance.timeOrigin + performance.now();
    const until = started + FLOOD_MS;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, connection) => {
        let instance = connection % 2;
        while (performance.timeOrigin + performance.now() < until) {
          samples.push(await call(instance, key.secret));
          instance = 1 - instance;
        }
      }),
    );

    const statuses = new Map<number, number>();
    for (const sample of samples) statuses.set(sample.status, (statuses.get(sample.status) ?? 0) + 1);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 429)).toEqual([]);

    // GCRA's promise: by any moment t, at most LIMIT + floor((t - start) / interval) admitted.
    // A 2xx was decided before it was received, so checking at each receipt is conservative.
    const admitted = samples.filter((sample) => sample.status === 200).sort((a, b) => a.received - b.received);
    let worst = -Infinity;
    admitted.forEach((sample, index) => {
      const allowance = LIMIT + Math.floor((sample.received - started) / INTERVAL_MS);
      worst = Math.max(worst, index + 1 - allowance);
    });
    const windows = Array.from(
      { length: Math.ceil(FLOOD_MS / (WINDOW_S * 1000)) },
      (_, k) =>
        admitted.filter(
          (sample) => sample.received - started >= k * WINDOW_S * 1000 && sample.received - started < (k + 1) * WINDOW_S * 1000,
        ).length,
    );
    const elapsed = Math.max(...samples.map((sample) => sample.received)) - started;
    const ceiling = LIMIT + Math.floor(elapsed / INTERVAL_MS);
    const perInstance = [0, 1].map((instance) => admitted.filter((sample) => sample.instance === instance).length);
    console.log(
      `rate-limit accuracy: ${samples.length} requests over ${(elapsed / 1000).toFixed(1)} s from ${CONNECTIONS} connections on 2 instances (${(samples.length / (elapsed / 1000)).toFixed(0)} req/s); ` +
        `policy ${LIMIT}/${WINDOW_S} s; admitted ${admitted.length} (instance A ${perInstance[0]}, B ${perInstance[1]}) of a ceiling of ${ceiling}; ` +
        `per ${WINDOW_S} s window ${windows.join(", ")}; worst over-admission ${worst} (≤ 0 means none); 429s ${statuses.get(429) ?? 0}`,
    );
    expect(worst).toBeLessThanOrEqual(0);
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
    expect(perInstance.every((count) => count > 0)).toBe(true);

    for (const sample of samples.filter((s) => s.status === 429)) {
      const retryAfter = Number(sample.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_S).toBe(true);
      expect(sample.headers.get("ratelimit-policy")).toBe(`"sandbox";q=${LIMIT};w=${WINDOW_S}`);
      expect(sample.headers.get("ratelimit")).toMatch(/^"sandbox";r=0;t=\d+$/);
      expect(sample.headers.get("content-type")).toContain("application/problem+json");
      expect(JSON.parse(sample.body)).toMatchObject({ status: 429, code: "rate_limited" });
    }
    for (const sample of admitted) expect(sample.headers.get("ratelimit")).toMatch(/^"sandbox";r=\d+;t=\d+$/);
  });

  it("never refuses a client that honours Retry-After, whichever instance answers", async () => {
    const keys = await Promise.all(Array.from({ length: HONOURING_CLIENTS }, (_, i) => newKey(`polite ${i}`)));
    const results = await Promise.all(
      keys.map(async (key, client) => {
        let instance = client % 2;
        let waits = 0;
        let refusedAfterWaiting = 0;
        let admitted = 0;
        const stopAt = Date.now() + 12_000;
        while (Date.now() < stopAt) {
          // Greedy: fire a burst, then honour the first 429.
          const burst = await Promise.all(Array.from({ length: 8 }, () => call(instance, key.secret)));
          instance = 1 - instance;
          const refused = burst.filter((sample) => sample.status === 429);
          admitted += burst.length - refused.length;
          if (refused.length) {
            const retryAfter = Math.max(...refused.map((sample) => Number(sample.headers.get("retry-after"))));
            await sleep(retryAfter * 1000);
            waits++;
            // The first request after the wait must be admitted; send it alone to check.
            const next = await call(instance, key.secret);
            instance = 1 - instance;
            if (next.status !== 200) refusedAfterWaiting++;
            else admitted++;
          }
        }
        return { waits, refusedAfterWaiting, admitted };
      }),
    );
    console.log(
      `Retry-After honoured ${results.reduce((n, r) => n + r.waits, 0)} times by ${HONOURING_CLIENTS} clients: refused after waiting ${results.reduce((n, r) => n + r.refusedAfterWaiting, 0)} times`,
    );
    for (const result of results) {
      expect(result.waits).toBeGreaterThan(0);
      expect(result.refusedAfterWaiting).toBe(0);
    }
  });

  it("a key revoked through instance A is refused by instance B within milliseconds (pub/sub), not after the cache TTL", async () => {
    const bounds: number[] = [];
    for (let round = 0; round < 5; round++) {
      const key = await newKey(`revoke ${round}`);
      // Instance B caches the key.
      expect((await call(1, key.secret)).status).toBe(200);
      const revoked = await developer.request("DELETE", `/api/apps/${appId}/keys/${key.id}`);
      expect(revoked.status).toBe(200);
      const answered = performance.now();
      let refusedAt = 0;
      while (!refusedAt) {
        const sample = await call(1, key.secret);
        if (sample.status === 401) {
          expect(JSON.parse(sample.body)).toMatchObject({ code: "revoked_api_key" });
          refusedAt = performance.now();
        } else {
          expect(sample.status).toBe(200);
          if (performance.now() - answered > (CACHE_TTL_S * 1000) / 4)
            throw new Error("instance B still accepts the revoked key: invalidation did not arrive");
        }
      }
      bounds.push(refusedAt - answered);
    }
    bounds.sort((a, b) => a - b);
    console.log(
      `revocation bound (revoke answered on A → first 401 on B, polling B back to back): ${bounds.map((ms) => ms.toFixed(1)).join(", ")} ms; key cache TTL ${CACHE_TTL_S} s`,
    );
  });
});
