import { z } from "zod";
import { count, text, timestamp } from "@/lib/portal-api/schemas";
import { usageRange } from "./usage-summary";

const errorRate = z.number().min(0).max(1).describe("Errors (4xx and 5xx) / requests, 0 when there were none.");
const milliseconds = z.number().min(0).max(3_600_000);

export const usagePointDto = z.object({
  start: timestamp.describe("The period's start; periods are aligned to the range's step."),
  total: count,
  success: count,
  client_errors: count,
  server_errors: count,
  error_rate: errorRate,
});

export const endpointUsageDto = z.object({
  method: text(10),
  route: text(200).describe("The documented route template, or `(unmatched)`."),
  requests: count,
  errors: count,
  error_rate: errorRate,
  avg_ms: milliseconds,
  p50_ms: milliseconds.nullable(),
  p95_ms: milliseconds.nullable(),
});

/** Requests over time (every period present), totals, and per-endpoint counts, error rates and latency percentiles. */
export const usageSummaryDto = z.object({
  range: usageRange,
  from: timestamp,
  to: timestamp,
  totals: z.object({
    requests: count,
    errors: count,
    error_rate: errorRate,
    p50_ms: milliseconds.nullable(),
    p95_ms: milliseconds.nullable(),
  }),
  series: z.array(usagePointDto).max(200),
  endpoints: z.array(endpointUsageDto).max(1000).describe("Busiest first."),
});
