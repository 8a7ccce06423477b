import { z } from "zod";
import { addHistograms, emptyHistogram, percentile, type Histogram } from "./latency-histogram";
import type { endpointUsageDto, usagePointDto, usageSummaryDto } from "./usage-dto";

export const USAGE_RANGES = {
  "24h": { hours: 24, stepHours: 1, label: "Last 24 hours" },
  "7d": { hours: 24 * 7, stepHours: 6, label: "Last 7 days" },
  "30d": { hours: 24 * 30, stepHours: 24, label: "Last 30 days" },
} as const;

export type UsageRange = keyof typeof USAGE_RANGES;

export const usageRange = z.enum(Object.keys(USAGE_RANGES) as [UsageRange, ...UsageRange[]]);

/** The query of a usage summary: an unknown range reads as the default, as the dashboard's links expect. */
export const usageQuery = z.object({
  range: usageRange.default("24h").catch("24h").describe("`24h` (hourly points, the default), `7d` (6-hourly) or `30d` (daily)."),
});

export function parseUsageRange(value: string | null | undefined): UsageRange {
  return usageQuery.parse({ range: value ?? undefined }).range;
}

/** Rollups summed per period and status class: the series. */
export type SeriesSlice = { bucket: Date; statusClass: number; count: number };

/** Rollups summed per endpoint and status class over the whole range: the totals and the table. */
export type EndpointSlice = {
  method: string;
  route: string;
  statusClass: number;
  count: number;
  latencySumMs: number;
  histogram: Histogram;
};

export type UsagePoint = z.output<typeof usagePointDto>;

export type EndpointUsage = z.output<typeof endpointUsageDto>;

export type UsageSummary = z.output<typeof usageSummaryDto>;

const HOUR_MS = 3_600_000;

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const rate = (errors: number, total: number) => (total === 0 ? 0 : round(errors / total, 4));
const roundOrNull = (n: number | null) => (n === null ? null : round(n));

/** First bucket of a range ending at `now`: aligned to the step, so charts do not jitter. */
export function rangeStart(range: UsageRange, now: Date): Date {
  const { hours, stepHours } = USAGE_RANGES[range];
  const stepMs = stepHours * HOUR_MS;
  const end = Math.floor(now.getTime() / stepMs) * stepMs + stepMs;
  return new Date(end - Math.ceil(hours / stepHours) * stepMs);
}

/**
 * Requests over time (every step present, zeros included), totals, and per-endpoint counts,
 * error rate and p50/p95 latency from the merged histograms. Errors are 4xx and 5xx.
 * `endpoints` must already be limited to the range (the database does that).
 */
export function summariseUsage(
  range: UsageRange,
  slices: { series: readonly SeriesSlice[]; endpoints: readonly EndpointSlice[] },
  now: Date,
): UsageSummary {
  const { stepHours } = USAGE_RANGES[range];
  const stepMs = stepHours * HOUR_MS;
  const from = rangeStart(range, now);
  const steps = Math.floor((now.getTime() - from.getTime()) / stepMs) + 1;
  const series: UsagePoint[] = Array.from({ length: Math.max(steps, 1) }, (_, i) => ({
    start: new Date(from.getTime() + i * stepMs).toISOString(),
    total: 0,
    success: 0,
    client_errors: 0,
    server_errors: 0,
    error_rate: 0,
  }));
  for (const row of slices.series) {
    if (row.bucket < from || row.bucket > now) continue;
    const point = series[Math.floor((row.bucket.getTime() - from.getTime()) / stepMs)];
    if (!point) continue;
    point.total += row.count;
    if (row.statusClass === 4) point.client_errors += row.count;
    else if (row.statusClass === 5) point.server_errors += row.count;
    else point.success += row.count;
  }
  for (const point of series) point.error_rate = rate(point.client_errors + point.server_errors, point.total);

  const endpoints = new Map<
    string,
    { method: string; route: string; requests: number; errors: number; latencySumMs: number; histogram: Histogram }
  >();
  const all = emptyHistogram();
  let total = 0;
  let errors = 0;
  for (const row of slices.endpoints) {
    const isError = row.statusClass >= 4;
    const key = `${row.method} ${row.route}`;
    let endpoint = endpoints.get(key);
    if (!endpoint) {
      endpoint = { method: row.method, route: row.route, requests: 0, errors: 0, latencySumMs: 0, histogram: emptyHistogram() };
      endpoints.set(key, endpoint);
    }
    endpoint.requests += row.count;
    endpoint.errors += isError ? row.count : 0;
    endpoint.latencySumMs += row.latencySumMs;
    addHistograms(endpoint.histogram, row.histogram);
    addHistograms(all, row.histogram);
    total += row.count;
    errors += isError ? row.count : 0;
  }

  return {
    range,
    from: from.toISOString(),
    to: now.toISOString(),
    totals: {
      requests: total,
      errors,
      error_rate: rate(errors, total),
      p50_ms: roundOrNull(percentile(all, 0.5)),
      p95_ms: roundOrNull(percentile(all, 0.95)),
    },
    series,
    endpoints: [...endpoints.values()]
      .map((endpoint) => ({
        method: endpoint.method,
        route: endpoint.route,
        requests: endpoint.requests,
        errors: endpoint.errors,
        error_rate: rate(endpoint.errors, endpoint.requests),
        avg_ms: round(endpoint.latencySumMs / endpoint.requests),
        p50_ms: roundOrNull(percentile(endpoint.histogram, 0.5)),
        p95_ms: roundOrNull(percentile(endpoint.histogram, 0.95)),
      }))
      .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route)),
  };
}
