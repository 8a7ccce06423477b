import type { Prisma } from "@prisma/client";
import { auditActions, type AuditAction } from "@/lib/audit/audit-actions";
import { db } from "@/lib/db";
import type { TimelineItem, TimelineKind } from "../timeline-item";
import { timeWindow, type SourceQuery, type TimelineSource } from "../timeline-source";

/** The audited actions about one app, and the timeline kind each is shown as. */
export const TIMELINE_AUDIT_ACTIONS = {
  "key.created": "change",
  "key.rolled": "change",
  "key.revoked": "change",
  "app.client_secret_rotated": "change",
  "app.oauth_settings_changed": "change",
  "app.redirect_uris_changed": "change",
  "app.tpp_certificate_issued": "change",
  "app.tpp_certificate_revoked": "change",
  "webhook.endpoint_created": "change",
  "webhook.endpoint_changed": "change",
  "webhook.endpoint_deleted": "change",
  "webhook.secret_rotated": "change",
  "sandbox.reset": "sandbox",
  "sandbox.clock_advanced": "sandbox",
  "sandbox.snapshot_restored": "sandbox",
  "sandbox.event_fired": "sandbox",
} as const satisfies Partial<Record<AuditAction, TimelineKind>>;

type TimelineAuditAction = keyof typeof TIMELINE_AUDIT_ACTIONS;

/**
 * The `where` over the app's team's audit log: the (teamId, createdAt) index, narrowed to the
 * actions above whose target is the app itself or one of its keys or endpoints.
 */
export function auditWhere(query: SourceQuery, scope: { teamId: string; targetIds: string[] }): Prisma.AuditEventWhereInput | null {
  const actions = (Object.keys(TIMELINE_AUDIT_ACTIONS) as TimelineAuditAction[]).filter((action) =>
    query.kinds.has(TIMELINE_AUDIT_ACTIONS[action]),
  );
  // Every audited change succeeded (a refused one is not recorded): all are "ok".
  if (!actions.length || (query.statuses && !query.statuses.has("ok"))) return null;
  const and: Prisma.AuditEventWhereInput[] = [{ teamId: scope.teamId, action: { in: actions }, targetId: { in: scope.targetIds } }];
  and.push(...timeWindow(query, "createdAt"));
  return { AND: and };
}

type Row = {
  id: string;
  action: string;
  actorEmail: string;
  targetType: string;
  targetId: string;
  targetName: string;
  metadata: Prisma.JsonValue;
  createdAt: Date;
};

const detailOf = (metadata: Prisma.JsonValue): string | null => {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const parts = Object.entries(metadata)
    .filter(([name, value]) => name !== "app_id" && value !== null && typeof value !== "object")
    .map(([name, value]) => `${name.replaceAll("_", " ")}: ${String(value)}`);
  return parts.length ? parts.join(" · ").slice(0, 500) : null;
};

export function auditItem(appId: string, row: Row): TimelineItem {
  const action = row.action as TimelineAuditAction;
  const ids: Record<string, string> = { audit_id: row.id };
  if (row.targetType === "api_key") ids.key_id = row.targetId;
  if (row.targetType === "webhook_endpoint") ids.endpoint_id = row.targetId;
  const link =
    row.targetType === "api_key"
      ? `/dashboard/apps/${appId}#keys`
      : row.targetType === "webhook_endpoint"
        ? `/dashboard/apps/${appId}/webhooks/${row.targetId}`
        : TIMELINE_AUDIT_ACTIONS[action] === "sandbox"
          ? `/dashboard/apps/${appId}/sandbox`
          : `/dashboard/apps/${appId}`;
  return {
    id: row.id,
    kind: TIMELINE_AUDIT_ACTIONS[action],
    occurred_at: row.createdAt.toISOString(),
    title: `${auditActions[action]}${row.targetName && row.targetType !== "app" ? `: ${row.targetName}` : ""}`.slice(0, 300),
    detail: detailOf(row.metadata),
    status: { class: "ok", http: null, label: "Done" },
    ids,
    link,
    actor: row.actorEmail,
  };
}

/** Key, client and endpoint changes, and sandbox controls made in the portal, from the audit log. */
export const auditSource: TimelineSource = {
  name: "audit_log",
  kinds: ["change", "sandbox"],
  async list(query) {
    const app = await db().app.findUnique({
      where: { id: query.appId },
      select: { teamId: true, apiKeys: { select: { id: true } }, webhookEndpoints: { select: { id: true } } },
    });
    if (!app) return [];
    const targetIds = [query.appId, ...app.apiKeys.map((key) => key.id), ...app.webhookEndpoints.map((endpoint) => endpoint.id)];
    const where = auditWhere(query, { teamId: app.teamId, targetIds });
    if (!where) return [];
    const order = query.direction === "older" ? "desc" : "asc";
    const rows = await db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: query.limit,
      select: {
        id: true,
        action: true,
        actorEmail: true,
        targetType: true,
        targetId: true,
        targetName: true,
        metadata: true,
        createdAt: true,
      },
    });
    return rows.map((row) => auditItem(query.appId, row));
  },
};
