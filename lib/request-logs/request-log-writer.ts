import type { Prisma, PrismaClient } from "@prisma/client";
import type { DatabaseProvider } from "@openbank/database/database-url";
import { aggregateCalls, rollupUpserts } from "../analytics/request-rollups";
import { BatchWriter } from "../batch-writer";
import { insertRequestLogs } from "./insert-request-logs";
import { pruneRequestLogs } from "./prune-request-logs";
import { currentRouteMatcher } from "./route-template";
import { toLogRow, type RawLogEntry } from "./to-log-row";

export type RequestLogEntry = Prisma.RequestLogCreateManyInput;

const PRUNE_EVERY_MS = 10 * 60_000;

export type RequestLogWriterOptions = {
  db: PrismaClient;
  provider: DatabaseProvider;
  logRetentionDays: number;
  rollupRetentionDays: number;
};

/**
 * The gateway's request logs, written behind the response in batches. One flush: the logs
 * (already masked) and their hourly rollups in one transaction, so the analytics never count a
 * call the logs lost or the reverse. Routes are matched here, off the request path. Every ten
 * minutes a flush also starts pruning what is past retention.
 */
export function createRequestLogWriter(options: RequestLogWriterOptions): BatchWriter<RequestLogEntry> {
  return new BatchWriter(requestLogStore(options), WRITER_OPTIONS);
}

/** What the gateway's calls go to: queued as they are, masked and written later (here, or on the log thread). */
export type RequestLogSink = {
  push(entry: RawLogEntry): void;
  /** Resolves once everything pushed so far is written (or lost, and said so on stderr). */
  flush(): Promise<void>;
  readonly pending: number;
  /** Calls dropped because the queue was full. */
  readonly dropped: number;
  /** Writes what is queued and lets go of what the sink opened. */
  close?(): Promise<void>;
};

/**
 * The same writer on the calling thread, masking at flush time rather than per call: used where
 * no log thread runs (seeds, unit tests, a portal given its own client) and if the thread fails.
 */
export function createInProcessRequestLogs(options: RequestLogWriterOptions): RequestLogSink {
  const write = requestLogStore(options);
  return new BatchWriter<RawLogEntry>((entries) => write(entries.map(toLogRow)), WRITER_OPTIONS);
}

const WRITER_OPTIONS = { name: "request-logs", intervalMs: 250, maxBatch: 500, maxQueue: 20_000 };

/** One flush's write: the rows and their rollups in one transaction, pruning every ten minutes. */
function requestLogStore(options: RequestLogWriterOptions): (rows: RequestLogEntry[]) => Promise<void> {
  const { db, provider } = options;
  let lastPrune = 0;
  let pruning = false;

  async function writeRequestLogs(rows: RequestLogEntry[]): Promise<void> {
    try {
      await insertBatch(rows);
    } catch (error) {
      // An app deleted while its calls were queued (its key still cached on this instance): the
      // batch's foreign keys fail. Keep every other app's rows rather than lose the batch.
      const appIds = [...new Set(rows.map((row) => row.appId))];
      const live = new Set((await db.app.findMany({ where: { id: { in: appIds } }, select: { id: true } })).map((app) => app.id));
      const kept = rows.filter((row) => live.has(row.appId));
      if (kept.length === rows.length) throw error;
      if (kept.length > 0) await insertBatch(kept);
    }
  }

  async function insertBatch(rows: RequestLogEntry[]): Promise<void> {
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
      // Not awaited: flushes go on while old rows are deleted, 1,000 at a time (20,000 per run at most).
      void pruneRequestLogs({
        db,
        logRetentionDays: options.logRetentionDays,
        rollupRetentionDays: options.rollupRetentionDays,
        maxBatches: 20,
      })
        .catch((error: unknown) => console.error(`[request-logs] pruning failed: ${(error as Error).message}`))
        .finally(() => (pruning = false));
    }
  }

  return writeRequestLogs;
}
