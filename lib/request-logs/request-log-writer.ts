import type { Prisma } from "@prisma/client";
import { BatchWriter } from "../batch-writer";
import { db } from "../db";

export type RequestLogEntry = Prisma.RequestLogCreateManyInput;

const globalForLogs = globalThis as unknown as { requestLogs?: BatchWriter<RequestLogEntry> };

export const requestLogs: BatchWriter<RequestLogEntry> =
  globalForLogs.requestLogs ??
  (globalForLogs.requestLogs = new BatchWriter(
    async (rows) => {
      await db.requestLog.createMany({ data: rows });
    },
    { name: "request-logs", intervalMs: 250, maxBatch: 500, maxQueue: 20_000 },
  ));
