import type { z } from "zod";
import { db } from "../db";
import { encodeCursor, logFiltersWhere, type LogFilters } from "./log-filters";
import type { requestLogDto } from "./request-log-dto";

export type RequestLogDto = z.output<typeof requestLogDto>;

export type RequestLogPage = { data: RequestLogDto[]; next_cursor: string | null };

export const requestLogSelect = {
  id: true,
  method: true,
  path: true,
  route: true,
  status: true,
  latencyMs: true,
  apiKeyId: true,
  keyPrefix: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  method: string;
  path: string;
  route: string | null;
  status: number;
  latencyMs: number;
  apiKeyId: string | null;
  keyPrefix: string | null;
  createdAt: Date;
};

export function toRequestLogDto(row: Row): RequestLogDto {
  return {
    id: row.id,
    method: row.method,
    path: row.path,
    route: row.route,
    status: row.status,
    latency_ms: Math.round(row.latencyMs * 100) / 100,
    key_id: row.apiKeyId,
    key_prefix: row.keyPrefix,
    created_at: row.createdAt.toISOString(),
  };
}

/** The app's gateway calls matching the filters, newest first, a page at a time. */
export async function listRequestLogs(options: { appId: string; filters?: Partial<LogFilters>; limit?: number }): Promise<RequestLogPage> {
  const filters: LogFilters = { limit: options.limit ?? 50, ...options.filters };
  const limit = Math.min(filters.limit, 200);
  const rows = await db().requestLog.findMany({
    where: logFiltersWhere(options.appId, filters),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: requestLogSelect,
  });
  const page = rows.slice(0, limit);
  return { data: page.map(toRequestLogDto), next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}
