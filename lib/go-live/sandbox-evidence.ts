import { UNMATCHED_ROUTE } from "../analytics/request-rollups";
import { db } from "../db";
import { env } from "../env";
import type { z } from "zod";
import type { sandboxEvidenceDto } from "./go-live-dto";

export const EVIDENCE_WINDOW_DAYS = 7;

export type SandboxEvidence = z.output<typeof sandboxEvidenceDto>;

/** The sandbox's own controls (reset, clock, scenarios, fired events): production has none, so they are no evidence. */
export function isProductRoute(route: string): boolean {
  return route !== UNMATCHED_ROUTE && route !== "/v1/sandbox" && !route.startsWith("/v1/sandbox/");
}

/** Pure: the evidence from per-endpoint counts of successful (2xx) calls to product endpoints. */
export function evaluateEvidence(
  rows: Array<{ method: string; route: string; count: number }>,
  options: { requiredEndpoints: number; now: Date },
): SandboxEvidence {
  const endpoints = rows
    .filter((row) => isProductRoute(row.route) && row.count > 0)
    .map((row) => ({ method: row.method, route: row.route, successful_calls: row.count }))
    .sort((a, b) => b.successful_calls - a.successful_calls || `${a.method} ${a.route}`.localeCompare(`${b.method} ${b.route}`));
  return {
    window_days: EVIDENCE_WINDOW_DAYS,
    required_endpoints: options.requiredEndpoints,
    endpoints,
    successful_calls: endpoints.reduce((sum, endpoint) => sum + endpoint.successful_calls, 0),
    passed: endpoints.length >= options.requiredEndpoints,
    computed_at: options.now.toISOString(),
  };
}

/**
 * The app's sandbox test run, computed from its own traffic (never self-declared): distinct
 * documented product endpoints answered 2xx in the last 7 days, from the hourly rollups.
 */
export async function computeSandboxEvidence(options: { appId: string; now?: Date }): Promise<SandboxEvidence> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - EVIDENCE_WINDOW_DAYS * 86_400_000);
  const groups = await db().requestRollup.groupBy({
    by: ["method", "route"],
    where: { appId: options.appId, statusClass: 2, bucket: { gte: since } },
    _sum: { count: true },
  });
  return evaluateEvidence(
    groups.map((group) => ({ method: group.method, route: group.route, count: group._sum.count ?? 0 })),
    { requiredEndpoints: env().GO_LIVE_MIN_ENDPOINTS, now },
  );
}
