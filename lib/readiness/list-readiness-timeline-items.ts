import { checkById } from "./check-catalogue";
import { engineDeps } from "./readiness-engine";
import { readChecks } from "./run-state";

/** One graded readiness check as the app's timeline shows it (for h19-timeline's join). */
export type ReadinessTimelineItem = {
  kind: "readiness_check";
  id: string;
  at: string;
  title: string;
  status: "pass" | "warn" | "fail" | "skipped";
  ids: { run_id: string; check_id: string; request_ids: string[]; delivery_ids: string[] };
  link: string;
};

/** Each check result of the app's runs that ended within [from, to) (either bound optional), newest first. */
export async function listReadinessTimelineItems(appId: string, range: { from?: Date; to?: Date } = {}): Promise<ReadinessTimelineItem[]> {
  const rows = await engineDeps().db.readinessRun.findMany({
    where: {
      appId,
      ...(range.to ? { startedAt: { lt: range.to } } : {}),
      ...(range.from ? { OR: [{ endedAt: null }, { endedAt: { gte: range.from } }] } : {}),
    },
    select: { id: true, checks: true },
    orderBy: { startedAt: "desc" },
    take: 200,
  });
  const items: ReadinessTimelineItem[] = [];
  for (const row of rows) {
    for (const check of readChecks(row.checks)) {
      if (!check.ended_at) continue;
      const at = new Date(check.ended_at);
      if ((range.from && at < range.from) || (range.to && at >= range.to)) continue;
      items.push({
        kind: "readiness_check",
        id: `${row.id}-${check.id}`, // the timeline's ids are [A-Za-z0-9_-]
        at: check.ended_at,
        title: `Readiness: ${checkById(check.id)?.title ?? check.id} — ${check.grade ?? check.status}`,
        status: check.status === "skipped" ? "skipped" : (check.grade ?? "fail"),
        ids: { run_id: row.id, check_id: check.id, request_ids: check.request_ids, delivery_ids: check.delivery_ids },
        link: `/dashboard/apps/${appId}/readiness/${row.id}#${check.id}`,
      });
    }
  }
  return items.sort((a, b) => b.at.localeCompare(a.at));
}
