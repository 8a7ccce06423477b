import { describe, expect, it } from "vitest";
import { bucketIndex, emptyHistogram, LATENCY_BOUNDS_MS, percentile } from "./latency-histogram";
import { aggregateCalls, hourBucket, UNMATCHED_ROUTE, type LoggedCall } from "./request-rollups";
import { rangeStart, summariseUsage } from "./usage-summary";

const NOW = new Date("2026-11-21T14:20:00.000Z");
const call = (overrides: Partial<LoggedCall>): LoggedCall => ({
  appId: "app_1",
  method: "GET",
  route: "/v1/accounts",
  status: 200,
  latencyMs: 30,
  createdAt: new Date("2026-11-21T14:05:00.000Z"),
  ...overrides,
});

describe("latency histogram", () => {
  it("puts a latency in the first bucket whose bound holds it", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(5)).toBe(0);
    expect(bucketIndex(5.01)).toBe(1);
    expect(bucketIndex(99_999)).toBe(LATENCY_BOUNDS_MS.length - 1);
  });

  it("estimates percentiles by interpolating inside the bucket", () => {
    const histogram = emptyHistogram();
    histogram[bucketIndex(30)] = 100; // 20 < x ≤ 35
    expect(percentile(histogram, 0.5)).toBeCloseTo(27.5);
    expect(percentile(histogram, 0.95)).toBeCloseTo(34.25);
    expect(percentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it("stays within one bucket of the exact percentile on a real distribution", () => {
    const latencies = Array.from({ length: 1_000 }, (_, i) => 2 + ((i * 7919) % 997) * 0.8);
    const histogram = emptyHistogram();
    for (const latency of latencies) histogram[bucketIndex(latency)]++;
    const sorted = [...latencies].sort((a, b) => a - b);
    for (const q of [0.5, 0.95]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1];
      const estimate = percentile(histogram, q)!;
      const index = bucketIndex(exact);
      expect(estimate).toBeGreaterThanOrEqual(index === 0 ? 0 : LATENCY_BOUNDS_MS[index - 1]);
      expect(estimate).toBeLessThanOrEqual(LATENCY_BOUNDS_MS[index]);
    }
  });
});

describe("aggregateCalls", () => {
  it("folds calls into one delta per app × hour × method × route × status class", () => {
    const deltas = aggregateCalls([
      call({ status: 200, latencyMs: 10 }),
      call({ status: 201, latencyMs: 30 }),
      call({ status: 404, latencyMs: 4 }),
      call({ status: 404, route: null }),
      call({ createdAt: new Date("2026-11-21T15:00:00.000Z") }),
      call({ appId: "app_2" }),
      call({ method: "POST", route: "/v1/payments", status: 502, latencyMs: 1_200 }),
    ]);
    expect(deltas).toHaveLength(6);
    const ok = deltas.find((d) => d.appId === "app_1" && d.statusClass === 2 && d.bucket.getUTCHours() === 14 && d.method === "GET")!;
    expect(ok).toMatchObject({ count: 2, latencySumMs: 40, route: "/v1/accounts", bucket: new Date("2026-11-21T14:00:00.000Z") });
    expect(ok.histogram.reduce((a, b) => a + b, 0)).toBe(2);
    expect(deltas.find((d) => d.route === UNMATCHED_ROUTE)).toMatchObject({ statusClass: 4, count: 1 });
    expect(deltas.find((d) => d.method === "POST")).toMatchObject({ statusClass: 5, count: 1 });
  });

  it("counts every call exactly once", () => {
    const calls = Array.from({ length: 500 }, (_, i) =>
      call({ status: [200, 201, 400, 404, 429, 500, 502][i % 7], latencyMs: i, createdAt: new Date(NOW.getTime() - i * 60_000) }),
    );
    const deltas = aggregateCalls(calls);
    expect(deltas.reduce((sum, d) => sum + d.count, 0)).toBe(500);
    expect(deltas.reduce((sum, d) => sum + d.latencySumMs, 0)).toBe(calls.reduce((sum, c) => sum + c.latencyMs, 0));
    expect(hourBucket(new Date("2026-11-21T14:59:59.999Z")).toISOString()).toBe("2026-11-21T14:00:00.000Z");
  });
});

describe("summariseUsage", () => {
  /** What the two grouped queries return for these calls within the range starting at `from`. */
  const slices = (calls: LoggedCall[], from: Date) => {
    const rollups = aggregateCalls(calls);
    return { series: rollups, endpoints: rollups.filter((rollup) => rollup.bucket >= from) };
  };

  it("gives a full series of 24 hourly points ending with the current hour", () => {
    const summary = summariseUsage("24h", { series: [], endpoints: [] }, NOW);
    expect(summary.series).toHaveLength(24);
    expect(summary.series.at(-1)!.start).toBe("2026-11-21T14:00:00.000Z");
    expect(summary.series[0].start).toBe("2026-11-20T15:00:00.000Z");
    expect(summary.totals).toEqual({ requests: 0, errors: 0, error_rate: 0, p50_ms: null, p95_ms: null });
  });

  it("uses 6-hour steps for 7 days and daily steps for 30 days", () => {
    expect(summariseUsage("7d", { series: [], endpoints: [] }, NOW).series).toHaveLength(28);
    expect(summariseUsage("30d", { series: [], endpoints: [] }, NOW).series).toHaveLength(30);
    expect(rangeStart("30d", NOW).toISOString()).toBe("2026-10-23T00:00:00.000Z");
  });

  it("totals requests and errors per point, per endpoint, and overall", () => {
    const rows = slices(
      [
        call({ status: 200, latencyMs: 20 }),
        call({ status: 200, latencyMs: 40 }),
        call({ status: 404, latencyMs: 8 }),
        call({ status: 500, latencyMs: 300, createdAt: new Date("2026-11-21T12:30:00.000Z") }),
        call({ method: "POST", route: "/v1/payments", status: 201, latencyMs: 90 }),
        call({ status: 200, createdAt: new Date("2026-11-19T12:00:00.000Z") }), // outside 24 h
      ],
      rangeStart("24h", NOW),
    );
    const summary = summariseUsage("24h", rows, NOW);
    expect(summary.totals).toMatchObject({ requests: 5, errors: 2, error_rate: 0.4 });
    const current = summary.series.at(-1)!;
    expect(current).toMatchObject({ total: 4, success: 3, client_errors: 1, server_errors: 0, error_rate: 0.25 });
    expect(summary.series.at(-3)).toMatchObject({ total: 1, server_errors: 1, error_rate: 1 });
    expect(summary.endpoints.map((e) => `${e.method} ${e.route} ${e.requests}`)).toEqual(["GET /v1/accounts 4", "POST /v1/payments 1"]);
    const accounts = summary.endpoints[0];
    expect(accounts).toMatchObject({ errors: 2, error_rate: 0.5, avg_ms: 92 });
    expect(accounts.p50_ms).toBeGreaterThan(10);
    expect(accounts.p50_ms).toBeLessThanOrEqual(35);
    expect(accounts.p95_ms).toBeGreaterThan(250);
  });
});
