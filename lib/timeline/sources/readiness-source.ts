import { listReadinessTimelineItems as listReadinessChecks } from "@/lib/readiness/list-readiness-timeline-items";
import type { StatusClass, TimelineItem } from "../timeline-item";
import { orderForQuery, type TimelineSource } from "../timeline-source";

/** The range the readiness room's `listReadinessTimelineItems(appId, range)` is asked for. */
export type ReadinessTimelineRange = {
  from?: Date;
  to?: Date;
  /** older: items before `bound`, newest first; newer: items after it, oldest first. */
  direction: "older" | "newer";
  bound?: { at: number; id: string };
  limit: number;
  /** Null: every status class; else only items of these (the source may rely on it). */
  statuses: ReadonlySet<"ok" | "warn" | "error"> | null;
};

/** The seam h19-readiness fills: kind "readiness" items of the app's checks, in the range's order. */
export type ListReadinessTimelineItems = (appId: string, range: ReadinessTimelineRange) => Promise<TimelineItem[]>;

const GRADE_CLASS: Record<string, StatusClass> = { pass: "ok", warn: "warn", fail: "error", skipped: "warn" };

/** lib/readiness's graded checks as timeline items (the range's order and bounds are applied by the source). */
export const listReadinessTimelineItems: ListReadinessTimelineItems = async (appId, range) => {
  const checks = await listReadinessChecks(appId, { from: range.from, to: range.to });
  return checks.map((check) => ({
    id: check.id,
    kind: "readiness",
    occurred_at: check.at,
    title: check.title,
    detail: null,
    status: { class: GRADE_CLASS[check.status] ?? "error", http: null, label: check.status },
    ids: {
      run_id: check.ids.run_id,
      check_id: check.ids.check_id,
      ...(check.ids.request_ids[0] ? { request_id: check.ids.request_ids[0] } : {}),
      ...(check.ids.delivery_ids[0] ? { delivery_id: check.ids.delivery_ids[0] } : {}),
    },
    link: check.link,
    actor: null,
  }));
};

export const readinessSource: TimelineSource = {
  name: "readiness",
  kinds: ["readiness"],
  async list(query) {
    const items = await listReadinessTimelineItems(query.appId, {
      from: query.from,
      to: query.to,
      direction: query.direction,
      bound: query.bound,
      limit: query.limit,
      statuses: query.statuses,
    });
    // Defensive: the filters are exact whatever the plug-in does.
    return orderForQuery(items, query);
  },
};
