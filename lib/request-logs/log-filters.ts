import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/route-handler";

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

/**
 * A filter as a query parameter: trimmed, empty means unset, and `read` turns it into the
 * filter's value or undefined when it is not one (answered with `detail` at `/query/<name>`).
 */
function filter<T>(maxLength: number, detail: string, read: (value: string) => T | undefined) {
  return z
    .string()
    .max(maxLength, detail)
    .optional()
    .transform((raw, ctx): T | undefined => {
      const value = raw?.trim();
      if (!value) return undefined;
      const parsed = read(value);
      if (parsed === undefined) ctx.addIssue({ code: "custom", message: detail });
      return parsed;
    });
}

const oneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;
const timeFilter = () => filter(40, "An RFC 3339 timestamp such as 2026-11-21T09:00:00Z", (value) => parseTime(value) ?? undefined);

/**
 * The filters as the query the request-log operation declares (and the logs page reads): bad
 * values are a 400 with one pointer per parameter, in this order.
 */
export const logFiltersQuery = z
  .object({
    status: filter(
      10,
      "Use 2xx, 3xx, 4xx, 5xx or an exact status such as 404",
      (value): LogFilters["status"] =>
        oneOf(STATUS_FILTERS, value.toLowerCase()) ?? (/^[1-5]\d\d$/.test(value) ? Number(value) : undefined),
    ).describe("A status class (`2xx`…`5xx`) or an exact status (`404`)."),
    method: filter(10, `Use one of ${METHOD_FILTERS.join(", ")}`, (value) => oneOf(METHOD_FILTERS, value.toUpperCase())).describe(
      `One of ${METHOD_FILTERS.join(", ")}.`,
    ),
    path: filter(200, "At most 200 characters", (value) => value).describe("Calls whose path contains this text."),
    key: filter(64, "A key id such as key_…", (value) => (/^key_[0-9A-Za-z]{1,40}$/.test(value) ? value : undefined)).describe(
      "Calls made with this key (`key_…`).",
    ),
    since: filter(8, `Use one of ${Object.keys(SINCE_FILTERS).join(", ")}`, (value) =>
      oneOf(Object.keys(SINCE_FILTERS) as (keyof typeof SINCE_FILTERS)[], value),
    ).describe(`The last ${Object.keys(SINCE_FILTERS).join(", ")}; instead of \`from\` and \`to\`.`),
    from: timeFilter().describe("Calls at or after this RFC 3339 time."),
    to: timeFilter().describe("Calls at or before this RFC 3339 time."),
    limit: filter(10, `An integer from 1 to ${MAX_PAGE_SIZE}`, (value) => {
      const n = Number(value);
      return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE ? n : undefined;
    }).describe(`Calls per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`),
    cursor: filter(200, "Use the next_cursor of a previous page", (value) => decodeCursor(value) ?? undefined).describe(
      "The `next_cursor` of the previous page.",
    ),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) ctx.addIssue({ code: "custom", path: ["from"], message: "Must be before `to`" });
  })
  .transform(({ key, limit, ...rest }): LogFilters => {
    const filters: LogFilters = { limit: limit ?? DEFAULT_PAGE_SIZE };
    if (key) filters.keyId = key;
    for (const [name, value] of Object.entries(rest)) if (value !== undefined) Object.assign(filters, { [name]: value });
    return filters;
  });

/** Parses and validates the filters; bad values are a 400 with a pointer per parameter. */
export function parseLogFilters(params: URLSearchParams): LogFilters {
  const result = logFiltersQuery.safeParse(Object.fromEntries(params));
  if (!result.success) {
    throw new AppError("validation_failed", "Some filters are invalid", { errors: zodIssuesToFieldErrors(result.error.issues, "/query") });
  }
  return result.data;
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
