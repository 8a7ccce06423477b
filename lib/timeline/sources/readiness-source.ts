import type { TimelineItem } from "../timeline-item";
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

/** Until the readiness runs land: no items. At merge, replace with lib/readiness's function. */
export const listReadinessTimelineItems: ListReadinessTimelineItems = async () => [];

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
