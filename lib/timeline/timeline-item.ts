import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/**
 * What the timeline joins, one kind per source of truth:
 * - `request`: a gateway call (lib/request-logs);
 * - `webhook`: one event's delivery to one endpoint, with its attempts (lib/webhooks);
 * - `consent`: a consent granted, revoked or expired (the bank's consents, its one home);
 * - `change`: key, OAuth client and webhook endpoint changes (the audit log);
 * - `sandbox`: a sandbox control (reset, clock advance, event fire, snapshot restore), from the
 *   audit log when made in the portal and from the request logs when made through `/v1/sandbox/*`;
 * - `readiness`: a readiness check (lib/readiness, pluggable).
 */
export const TIMELINE_KINDS = ["request", "webhook", "consent", "change", "sandbox", "readiness"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Status classes: HTTP 1xx–3xx ok, 4xx warn, 5xx (or no answer) error; deliveries succeeded/pending/failed. */
export const STATUS_CLASSES = ["ok", "warn", "error"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export const timelineItemDto = z.object({
  id: resourceId.describe("Unique across the timeline (the source's own id); the tie-breaker of items at the same time."),
  kind: z.enum(TIMELINE_KINDS),
  occurred_at: timestamp,
  title: text(300),
  detail: text(500).nullable().describe("One line more: the path, the event type, who made a change."),
  status: z.object({
    class: z.enum(STATUS_CLASSES),
    http: z.number().int().min(0).max(999).nullable().describe("The HTTP status, for calls and delivery attempts."),
    label: text(40),
  }),
  ids: z
    .record(text(40), text(100))
    .describe("The ids a developer pastes: request_id, delivery_id, event_id (the webhook-id), endpoint_id, key_id, consent_id, audit_id…"),
  link: text(500).nullable().describe("The portal page with its detail."),
  actor: text(320).nullable().describe("Who made a change (audit items)."),
  matched: z.boolean().optional().describe("True on the item that `q` found."),
});

export type TimelineItem = z.output<typeof timelineItemDto>;

/** Where an item sits: newest first, then the id (descending) among items of the same millisecond. */
export type TimelineKey = { at: number; id: string };

export const keyOf = (item: Pick<TimelineItem, "occurred_at" | "id">): TimelineKey => ({ at: Date.parse(item.occurred_at), id: item.id });

/** Total order, newest first: negative when `a` comes before `b` on the page. */
export function compareKeys(a: TimelineKey, b: TimelineKey): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function httpStatusClass(status: number): StatusClass {
  if (status >= 100 && status < 400) return "ok";
  if (status >= 400 && status < 500) return "warn";
  return "error";
}
