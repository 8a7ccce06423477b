import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { decodeTimelineCursor, encodeTimelineCursor } from "./timeline-cursor";
import {
  keyOf,
  STATUS_CLASSES,
  TIMELINE_KINDS,
  timelineItemDto,
  type StatusClass,
  type TimelineItem,
  type TimelineKey,
  type TimelineKind,
} from "./timeline-item";
import { mergeSources, type SourceQuery, type TimelineSource } from "./timeline-source";
import { auditSource } from "./sources/audit-source";
import { consentSource } from "./sources/consent-source";
import { deliverySelect, deliveryItem, deliverySource } from "./sources/delivery-source";
import { readinessSource } from "./sources/readiness-source";
import { requestLogItem, requestLogSource } from "./sources/request-log-source";

export const TIMELINE_SOURCES: readonly TimelineSource[] = [requestLogSource, deliverySource, auditSource, consentSource, readinessSource];

export const DEFAULT_TIMELINE_LIMIT = 50;
export const MAX_TIMELINE_LIMIT = 100;

function parseTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A comma-separated list of allowed values: `kind=request,webhook`. */
const listOf = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .max(200)
    .optional()
    .transform((raw, ctx): T[] | undefined => {
      const parts = (raw ?? "")
        .split(",")
        .map((part) => part.trim().toLowerCase())
        .filter(Boolean);
      if (!parts.length) return undefined;
      const bad = parts.filter((part) => !(values as readonly string[]).includes(part));
      if (bad.length) ctx.addIssue({ code: "custom", message: `Unknown ${name} ${bad.join(", ")}: use ${values.join(", ")}` });
      return parts as T[];
    });

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((raw) => raw?.trim() || undefined);

const cursorParam = (detail: string) =>
  optionalText(200).transform((value, ctx): TimelineKey | undefined => {
    if (!value) return undefined;
    const key = decodeTimelineCursor(value);
    if (!key) ctx.addIssue({ code: "custom", message: detail });
    return key ?? undefined;
  });

const timeParam = (detail: string) =>
  optionalText(40)
    .transform((value, ctx): Date | undefined => {
      if (!value) return undefined;
      const date = parseTime(value);
      if (!date) ctx.addIssue({ code: "custom", message: "An RFC 3339 timestamp such as 2026-11-21T09:00:00Z" });
      return date;
    })
    .describe(detail);

/** The timeline's query: filters, one paging direction, or `q`. Bad values: 400 with a pointer each. */
export const timelineQuery = z
  .object({
    kind: listOf(TIMELINE_KINDS, "kind").describe(`Comma-separated kinds: ${TIMELINE_KINDS.join(", ")}. Default: all.`),
    status: listOf(STATUS_CLASSES, "status").describe(
      "Comma-separated status classes: ok (HTTP < 400, delivered, done), warn (4xx, retrying, revoked or expired consent), error (5xx or no answer, delivery failed).",
    ),
    from: timeParam("Items at or after this RFC 3339 time."),
    to: timeParam("Items at or before this RFC 3339 time."),
    cursor: cursorParam("Use the next_cursor of a previous page").describe("Older items: the `next_cursor` of the previous page."),
    after: cursorParam("Use the head_cursor of a previous page").describe(
      "Newer items: the `head_cursor` of a page already shown (what a live view polls with).",
    ),
    q: optionalText(100)
      .refine(
        (value) => value === undefined || /^[A-Za-z0-9_:-]+$/.test(value),
        "A request id (req_…), a webhook-id (evt_…) or a delivery id (dlv_…)",
      )
      .describe(
        "A request id (`req_…`), a `webhook-id` / event id (`evt_…`) or a delivery id (`dlv_…`): the page around that moment, the item marked `matched`.",
      ),
    limit: optionalText(10)
      .transform((value, ctx) => {
        if (value === undefined) return DEFAULT_TIMELINE_LIMIT;
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > MAX_TIMELINE_LIMIT)
          ctx.addIssue({ code: "custom", message: `An integer from 1 to ${MAX_TIMELINE_LIMIT}` });
        return n;
      })
      .describe(`Items per page, 1 to ${MAX_TIMELINE_LIMIT} (default ${DEFAULT_TIMELINE_LIMIT}).`),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) ctx.addIssue({ code: "custom", path: ["from"], message: "Must be before `to`" });
    if (query.cursor && query.after)
      ctx.addIssue({ code: "custom", path: ["after"], message: "Use either `cursor` (older) or `after` (newer)" });
    if (query.q && (query.cursor || query.after))
      ctx.addIssue({ code: "custom", path: ["q"], message: "A search opens its own page: drop `cursor` and `after`" });
  });

export type TimelineQuery = z.output<typeof timelineQuery>;

export const timelinePageDto = z.object({
  data: z.array(timelineItemDto).max(MAX_TIMELINE_LIMIT + 1),
  next_cursor: z.string().max(200).nullable().describe("Older items: pass as `cursor`. Null on the oldest page."),
  head_cursor: z.string().max(200).nullable().describe("The newest item shown: poll with `after` for what happened since."),
  has_newer: z.boolean().describe("Items newer than this page exist (a `q` page, an `after` page cut at `limit`, an older page)."),
  matched_id: z.string().max(100).nullable().describe("The item `q` found."),
  unavailable_sources: z
    .array(z.string().max(40))
    .max(10)
    .describe("Sources that did not answer (the bank, for consents): their items are missing from this page."),
});

export type TimelinePage = z.output<typeof timelinePageDto>;

const cursorOf = (item: TimelineItem | undefined) => (item ? encodeTimelineCursor(keyOf(item)) : null);

/** Finds the item `q` names in this app's timeline (a request, an event's first delivery, a delivery). */
async function findMatch(appId: string, q: string): Promise<TimelineItem | null> {
  if (q.startsWith("req_")) {
    const row = await db().requestLog.findFirst({
      where: { id: q, appId },
      select: {
        id: true,
        method: true,
        path: true,
        route: true,
        status: true,
        apiKeyId: true,
        keyPrefix: true,
        latencyMs: true,
        createdAt: true,
      },
    });
    return row ? requestLogItem(appId, row) : null;
  }
  const row = await db().webhookDelivery.findFirst({
    where: { endpoint: { appId }, OR: [{ id: q }, { eventId: q }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: deliverySelect,
  });
  return row ? deliveryItem(appId, row) : null;
}

/**
 * One page of the app's timeline. Three ways in:
 * - no cursor, or `cursor`: the newest items, or those older than the cursor;
 * - `after`: items newer than a page already shown, oldest first cut at `limit` (returned newest first);
 * - `q`: the page around the moment (up to a quarter of it newer, the match, the rest older),
 *   with every kind and status so the match is never filtered out (the time range still applies).
 */
export async function listTimeline(options: {
  appId: string;
  query: TimelineQuery;
  sources?: readonly TimelineSource[];
}): Promise<TimelinePage> {
  const sources = options.sources ?? TIMELINE_SOURCES;
  const { query, appId } = options;
  const base: Omit<SourceQuery, "direction" | "bound" | "limit"> = {
    appId,
    kinds: new Set<TimelineKind>(query.kind ?? TIMELINE_KINDS),
    statuses: query.status ? new Set<StatusClass>(query.status) : null,
    from: query.from,
    to: query.to,
  };

  if (query.q) {
    const match = await findMatch(appId, query.q);
    if (!match) throw new AppError("resource_not_found", `Nothing in this app's timeline has the id ${query.q}.`);
    const all = { ...base, kinds: new Set<TimelineKind>(TIMELINE_KINDS), statuses: null };
    const newerLimit = Math.max(0, Math.floor((query.limit - 1) / 4));
    const [newer, older] = await Promise.all([
      newerLimit ? mergeSources(sources, { ...all, direction: "newer", bound: keyOf(match), limit: newerLimit }) : null,
      mergeSources(sources, { ...all, direction: "older", bound: keyOf(match), limit: query.limit - 1 - newerLimit }),
    ]);
    const data = [...(newer?.items ?? []), { ...match, matched: true }, ...older.items];
    return {
      data,
      next_cursor: older.more ? cursorOf(data.at(-1)) : null,
      head_cursor: cursorOf(data[0]),
      has_newer: newer ? newer.more : true,
      matched_id: match.id,
      unavailable_sources: [...new Set([...(newer?.unavailable ?? []), ...older.unavailable])],
    };
  }

  if (query.after) {
    const page = await mergeSources(sources, { ...base, direction: "newer", bound: query.after, limit: query.limit });
    return {
      data: page.items,
      // The items between this page and the one shown are all here, so older paging goes on from the old page.
      next_cursor: null,
      head_cursor: cursorOf(page.items[0]) ?? encodeTimelineCursor(query.after),
      has_newer: page.more,
      matched_id: null,
      unavailable_sources: page.unavailable,
    };
  }

  const page = await mergeSources(sources, { ...base, direction: "older", bound: query.cursor, limit: query.limit });
  return {
    data: page.items,
    next_cursor: page.more ? cursorOf(page.items.at(-1)) : null,
    head_cursor: cursorOf(page.items[0]),
    has_newer: Boolean(query.cursor),
    matched_id: null,
    unavailable_sources: page.unavailable,
  };
}
