import type { Prisma } from "@prisma/client";
import { AppError, type FieldError } from "@openbank/contracts/errors";

/**
 * Request-log filters as URL search params, so a filtered view is a shareable link:
 *   ?status=4xx&method=POST&path=/v1/payments&key=key_…&since=24h&cursor=…
 *   ?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z   (instead of `since`)
 */
export const STATUS_FILTERS = ["2xx", "3xx", "4xx", "5xx"] as const;
export const METHOD_FILTERS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const SINCE_FILTERS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "14d": 14 * 86_400_000 } as const;

export type LogFilters = {
  status?: (typeof STATUS_FILTERS)[number] | number;
  method?: (typeof METHOD_FILTERS)[number];
  path?: string;
  keyId?: string;
  since?: keyof typeof SINCE_FILTERS;
  from?: Date;
  to?: Date;
  cursor?: { createdAt: Date; id: string };
  limit: number;
};

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(value: string): LogFilters["cursor"] | null {
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at);
  return id && /^req_[0-9A-Za-z]+$/.test(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

function parseTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Parses and validates the filters; bad values are a 400 with a pointer per parameter. */
export function parseLogFilters(params: URLSearchParams): LogFilters {
  const errors: FieldError[] = [];
  const filters: LogFilters = { limit: DEFAULT_PAGE_SIZE };
  const fail = (name: string, detail: string) => errors.push({ pointer: `/query/${name}`, detail });
  const get = (name: string) => params.get(name)?.trim() || undefined;

  const status = get("status");
  if (status) {
    if ((STATUS_FILTERS as readonly string[]).includes(status.toLowerCase())) filters.status = status.toLowerCase() as LogFilters["status"];
    else if (/^[1-5]\d\d$/.test(status)) filters.status = Number(status);
    else fail("status", "Use 2xx, 3xx, 4xx, 5xx or an exact status such as 404");
  }
  const method = get("method")?.toUpperCase();
  if (method) {
    if ((METHOD_FILTERS as readonly string[]).includes(method)) filters.method = method as LogFilters["method"];
    else fail("method", `Use one of ${METHOD_FILTERS.join(", ")}`);
  }
  const path = get("path");
  if (path) {
    if (path.length > 200) fail("path", "At most 200 characters");
    else filters.path = path;
  }
  const key = get("key");
  if (key) {
    if (/^key_[0-9A-Za-z]{1,40}$/.test(key)) filters.keyId = key;
    else fail("key", "A key id such as key_…");
  }
  const since = get("since");
  if (since) {
    if (since in SINCE_FILTERS) filters.since = since as LogFilters["since"];
    else fail("since", `Use one of ${Object.keys(SINCE_FILTERS).join(", ")}`);
  }
  for (const name of ["from", "to"] as const) {
    const value = get(name);
    if (!value) continue;
    const date = parseTime(value);
    if (date) filters[name] = date;
    else fail(name, "An RFC 3339 timestamp such as 2026-11-21T09:00:00Z");
  }
  if (filters.from && filters.to && filters.from > filters.to) fail("from", "Must be before `to`");
  const limit = get("limit");
  if (limit) {
    const n = Number(limit);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE) filters.limit = n;
    else fail("limit", `An integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  const cursor = get("cursor");
  if (cursor) {
    const decoded = decodeCursor(cursor);
    if (decoded) filters.cursor = decoded;
    else fail("cursor", "Use the next_cursor of a previous page");
  }
  if (errors.length) throw new AppError("validation_failed", "Some filters are invalid", { errors });
  return filters;
}

/** The Prisma `where` for an app's logs under the filters (newest first, keyset paging). */
export function logFiltersWhere(appId: string, filters: LogFilters, now = new Date()): Prisma.RequestLogWhereInput {
  const and: Prisma.RequestLogWhereInput[] = [{ appId }];
  if (typeof filters.status === "number") and.push({ status: filters.status });
  else if (filters.status) {
    const low = Number(filters.status[0]) * 100;
    and.push({ status: { gte: low, lt: low + 100 } });
  }
  if (filters.method) and.push({ method: filters.method });
  if (filters.path) and.push({ path: { contains: filters.path } });
  if (filters.keyId) and.push({ apiKeyId: filters.keyId });
  const from = filters.since ? new Date(now.getTime() - SINCE_FILTERS[filters.since]) : filters.from;
  if (from) and.push({ createdAt: { gte: from } });
  if (filters.to && !filters.since) and.push({ createdAt: { lte: filters.to } });
  if (filters.cursor) {
    const { createdAt, id } = filters.cursor;
    and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
  }
  return { AND: and };
}

/** The filters back as search params (without the cursor): for links that keep the view. */
export function logFiltersToParams(filters: Partial<LogFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== undefined) params.set("status", String(filters.status));
  if (filters.method) params.set("method", filters.method);
  if (filters.path) params.set("path", filters.path);
  if (filters.keyId) params.set("key", filters.keyId);
  if (filters.since) params.set("since", filters.since);
  if (filters.from && !filters.since) params.set("from", filters.from.toISOString());
  if (filters.to && !filters.since) params.set("to", filters.to.toISOString());
  return params;
}
