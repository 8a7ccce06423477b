import type { Prisma } from "@prisma/client";
import { aggregateCalls, rollupUpserts } from "../analytics/request-rollups";
import { BatchWriter } from "../batch-writer";
import { databaseProvider, DEFAULT_PORTAL_DATABASE_URL } from "@openbank/database/database-url";
import { db } from "../db";
import { env } from "../env";
import { insertRequestLogs } from "./insert-request-logs";
import { pruneRequestLogs } from "./prune-request-logs";
import { currentRouteMatcher } from "./route-template";

export type RequestLogEntry = Prisma.RequestLogCreateManyInput;

// The provider of `db`, chosen the same way as in lib/db.ts.
const provider = databaseProvider(process.env.DATABASE_URL ?? DEFAULT_PORTAL_DATABASE_URL);
const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrune = 0;
let pruning = false;

/**
 * One flush: the logs (already masked) and their hourly rollups in one transaction, so the
 * analytics never count a call the logs lost or the reverse. Routes are matched here, off
 * the request path. Every ten minutes a flush also starts pruning what is past retention.
 */
async function writeRequestLogs(rows: RequestLogEntry[]): Promise<void> {
  const match = await currentRouteMatcher();
  for (const row of rows) row.route ??= match?.(row.method, row.path) ?? null;
  const deltas = aggregateCalls(
    rows.map((row) => ({
      appId: row.appId,
      method: row.method,
      route: row.route ?? null,
      status: row.status,
      latencyMs: row.latencyMs,
      createdAt: new Date(row.createdAt ?? Date.now()),
    })),
  );
  await db.$transaction([...insertRequestLogs({ db, provider, rows }), ...rollupUpserts(db, deltas)]);

  if (!pruning && Date.now() - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = Date.now();
    pruning = true;
    const config = env();
    // Not awaited: flushes go on while old rows are deleted, 1,000 at a time (20,000 per run at most).
    void pruneRequestLogs({
      db,
      logRetentionDays: config.REQUEST_LOG_RETENTION_DAYS,
      rollupRetentionDays: config.ANALYTICS_RETENTION_DAYS,
      maxBatches: 20,
    })
      .catch((error: unknown) => console.error(`[request-logs] pruning failed: ${(error as Error).message}`))
      .finally(() => (pruning = false));
  }
}

const globalForLogs = globalThis as unknown as { requestLogs?: BatchWriter<RequestLogEntry> };

export const requestLogs: BatchWriter<RequestLogEntry> =
  globalForLogs.requestLogs ??
  (globalForLogs.requestLogs = new BatchWriter(writeRequestLogs, { name: "request-logs", intervalMs: 250, maxBatch: 500, maxQueue: 20_000 }));
