import { db } from "../db";
import { histogramFromColumns, HISTOGRAM_SIZE, type HistogramColumns } from "./latency-histogram";
import { rangeStart, summariseUsage, type UsageRange, type UsageSummary } from "./usage-summary";

const histogramSums = Object.fromEntries(Array.from({ length: HISTOGRAM_SIZE }, (_, i) => [`lat${i}`, true])) as Record<
  keyof HistogramColumns,
  true
>;

/**
 * Usage of some apps (one app, a team's apps, or the whole platform) over a range, from the
 * hourly rollups only. Two grouped sums in the database: per hour × status class (the series)
 * and per endpoint × status class (totals, table, percentiles), so what comes back is small
 * whatever the traffic was.
 */
export async function getUsage(options: { appIds: string[] | "all"; range: UsageRange; now?: Date }): Promise<UsageSummary> {
  const now = options.now ?? new Date();
  if (options.appIds.length === 0) return summariseUsage(options.range, { series: [], endpoints: [] }, now);
  const where = {
    ...(options.appIds === "all" ? {} : { appId: { in: options.appIds } }),
    bucket: { gte: rangeStart(options.range, now), lte: now },
  };
  const [series, endpoints] = await Promise.all([
    db().requestRollup.groupBy({ by: ["bucket", "statusClass"], where, _sum: { count: true } }),
    db().requestRollup.groupBy({
      by: ["method", "route", "statusClass"],
      where,
      _sum: { count: true, latencySumMs: true, ...histogramSums },
    }),
  ]);
  return summariseUsage(
    options.range,
    {
      series: series.map((group) => ({ bucket: group.bucket, statusClass: group.statusClass, count: group._sum.count ?? 0 })),
      endpoints: endpoints.map((group) => {
        const sum = group._sum as Record<string, number | null>;
        const columns = Object.fromEntries(
          Array.from({ length: HISTOGRAM_SIZE }, (_, i) => [`lat${i}`, sum[`lat${i}`] ?? 0]),
        ) as HistogramColumns;
        return {
          method: group.method,
          route: group.route,
          statusClass: group.statusClass,
          count: sum.count ?? 0,
          latencySumMs: sum.latencySumMs ?? 0,
          histogram: histogramFromColumns(columns),
        };
      }),
    },
    now,
  );
}
