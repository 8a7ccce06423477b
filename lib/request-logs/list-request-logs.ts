import { db } from "../db";

export type RequestLogDto = {
  id: string;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  key_prefix: string | null;
  created_at: string;
};

/** The app's most recent gateway calls, newest first. */
export async function listRequestLogs(options: { appId: string; limit?: number }): Promise<RequestLogDto[]> {
  const rows = await db.requestLog.findMany({
    where: { appId: options.appId },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.limit ?? 50, 200),
    select: { id: true, method: true, path: true, status: true, latencyMs: true, keyPrefix: true, createdAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    method: row.method,
    path: row.path,
    status: row.status,
    latency_ms: Math.round(row.latencyMs * 100) / 100,
    key_prefix: row.keyPrefix,
    created_at: row.createdAt.toISOString(),
  }));
}
