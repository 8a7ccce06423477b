import type { Prisma, PrismaClient } from "@prisma/client";
import { bucketIndex, columnsFromHistogram, emptyHistogram, type Histogram } from "./latency-histogram";

export const UNMATCHED_ROUTE = "(unmatched)";

export type LoggedCall = { appId: string; method: string; route: string | null; status: number; latencyMs: number; createdAt: Date };

export type RollupDelta = {
  appId: string;
  bucket: Date;
  method: string;
  route: string;
  statusClass: number;
  count: number;
  latencySumMs: number;
  histogram: Histogram;
};

/** Start of the UTC hour holding `at`. */
export function hourBucket(at: Date): Date {
  const bucket = new Date(at);
  bucket.setUTCMinutes(0, 0, 0);
  return bucket;
}

export function statusClass(status: number): number {
  return Math.min(5, Math.max(1, Math.floor(status / 100)));
}

/** Folds a batch of calls into one delta per app × hour × endpoint × status class. */
export function aggregateCalls(calls: readonly LoggedCall[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const call of calls) {
    const bucket = hourBucket(call.createdAt);
    const route = call.route ?? UNMATCHED_ROUTE;
    const cls = statusClass(call.status);
    const id = `${call.appId}\0${bucket.getTime()}\0${call.method}\0${route}\0${cls}`;
    let delta = deltas.get(id);
    if (!delta) {
      delta = {
        appId: call.appId,
        bucket,
        method: call.method,
        route,
        statusClass: cls,
        count: 0,
        latencySumMs: 0,
        histogram: emptyHistogram(),
      };
      deltas.set(id, delta);
    }
    delta.count++;
    delta.latencySumMs += call.latencyMs;
    delta.histogram[bucketIndex(call.latencyMs)]++;
  }
  return [...deltas.values()];
}

type Client = PrismaClient | Prisma.TransactionClient;

/** The upserts that add the deltas to the stored rollups (run them in the logs' transaction). */
export function rollupUpserts(db: Client, deltas: readonly RollupDelta[]) {
  return deltas.map((delta) => {
    const columns = columnsFromHistogram(delta.histogram);
    const increments = Object.fromEntries(Object.entries(columns).map(([name, count]) => [name, { increment: count }]));
    return db.requestRollup.upsert({
      where: {
        appId_bucket_method_route_statusClass: {
          appId: delta.appId,
          bucket: delta.bucket,
          method: delta.method,
          route: delta.route,
          statusClass: delta.statusClass,
        },
      },
      create: {
        appId: delta.appId,
        bucket: delta.bucket,
        method: delta.method,
        route: delta.route,
        statusClass: delta.statusClass,
        count: delta.count,
        latencySumMs: delta.latencySumMs,
        ...columns,
      },
      update: { count: { increment: delta.count }, latencySumMs: { increment: delta.latencySumMs }, ...increments },
    });
  });
}
