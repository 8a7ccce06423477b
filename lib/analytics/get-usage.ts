import { db } from "../db";
import { histogramFromColumns, HISTOGRAM_SIZE } from "./latency-histogram";
import { rangeStart, summariseUsage, type UsageRange, type UsageSummary } from "./usage-summary";

const sumColumns = Object.fromEntries(
  ["count", "latencySumMs", ...Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `lat${i}`)].map((name) => [name, true]),
) as Record<string, true>;

/**
 * Usage of some apps (one app, a team's apps, or the whole platform) over a range, from the hourly rollups only:
 * the database sums at most apps × hours × endpoints × classes rows, never the raw logs.
 */
export async function getUsage(options: { appIds: string[] | "all"; range: UsageRange; now?: Date }): Promise<UsageSummary> {
  const now = options.now ?? new Date();
  if (options.appIds.length === 0) return summariseUsage(options.range, [], now);
  const apps = options.appIds === "all" ? {} : { appId: { in: options.appIds } };
  const groups = await db.requestRollup.groupBy({
    by: ["bucket", "method", "route", "statusClass"],
    where: { ...apps, bucket: { gte: rangeStart(options.range, now), lte: now } },
    _sum: sumColumns,
  });
  return summariseUsage(
    options.range,
    groups.map((group) => {
      const sum = group._sum as Record<string, number | null>;
      const histogram = histogramFromColumns(
        Object.fromEntries(Array.from({ length: HISTOGRAM_SIZE }, (_, i) => [`lat${i}`, sum[`lat${i}`] ?? 0])) as Parameters<typeof histogramFromColumns>[0],
      );
      return {
        bucket: group.bucket,
        method: group.method,
        route: group.route,
        statusClass: group.statusClass,
        count: sum.count ?? 0,
        latencySumMs: sum.latencySumMs ?? 0,
        histogram,
      };
    }),
    now,
  );
}
