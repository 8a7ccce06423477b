import type { PrismaClient } from "@prisma/client";

const DAY_MS = 86_400_000;

export type PruneResult = { logs: number; rollups: number };

/**
 * Deletes request logs older than the retention, a batch of ids at a time so no single
 * statement locks the table for long, and rollups older than theirs. Returns counts.
 */
export async function pruneRequestLogs(options: {
  db: PrismaClient;
  now?: Date;
  logRetentionDays: number;
  rollupRetentionDays: number;
  batchSize?: number;
  maxBatches?: number;
}): Promise<PruneResult> {
  const { db, now = new Date(), batchSize = 1_000, maxBatches = 100 } = options;
  const logCutoff = new Date(now.getTime() - options.logRetentionDays * DAY_MS);
  let logs = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const ids = await db.requestLog.findMany({ where: { createdAt: { lt: logCutoff } }, select: { id: true }, take: batchSize });
    if (ids.length === 0) break;
    const { count } = await db.requestLog.deleteMany({ where: { id: { in: ids.map((row) => row.id) } } });
    logs += count;
    if (ids.length < batchSize) break;
  }
  const rollupCutoff = new Date(now.getTime() - options.rollupRetentionDays * DAY_MS);
  const { count: rollups } = await db.requestRollup.deleteMany({ where: { bucket: { lt: rollupCutoff } } });
  return { logs, rollups };
}
