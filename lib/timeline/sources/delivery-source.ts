import type { Prisma, WebhookDeliveryStatus } from "@prisma/client";
import { db } from "@/lib/db";
import type { StatusClass, TimelineItem } from "../timeline-item";
import { timeWindow, type SourceQuery, type TimelineSource } from "../timeline-source";

const STATUS_OF: Record<StatusClass, WebhookDeliveryStatus> = { ok: "succeeded", warn: "pending", error: "failed" };
const CLASS_OF: Record<WebhookDeliveryStatus, StatusClass> = { succeeded: "ok", pending: "warn", failed: "error" };
const VERB_OF: Record<WebhookDeliveryStatus, string> = { succeeded: "delivered", pending: "being delivered", failed: "not delivered" };
const LABEL_OF: Record<WebhookDeliveryStatus, string> = { succeeded: "Delivered", pending: "Retrying", failed: "Failed" };

/** The `where` over the app's endpoints' deliveries: the (endpointId, createdAt) index, then filters. */
export function deliveryWhere(query: SourceQuery, endpointIds: string[]): Prisma.WebhookDeliveryWhereInput {
  const and: Prisma.WebhookDeliveryWhereInput[] = [{ endpointId: { in: endpointIds } }];
  if (query.statuses) and.push({ status: { in: [...query.statuses].map((status) => STATUS_OF[status]) } });
  and.push(...timeWindow(query, "createdAt"));
  return { AND: and };
}

type Row = {
  id: string;
  endpointId: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  lastStatus: number | null;
  createdAt: Date;
  event: { id: string; type: string };
  endpoint: { url: string };
};

export function deliveryItem(appId: string, row: Row): TimelineItem {
  const attempts = `${row.attemptCount} attempt${row.attemptCount === 1 ? "" : "s"}`;
  return {
    id: row.id,
    kind: "webhook",
    occurred_at: row.createdAt.toISOString(),
    title: `${row.event.type} ${VERB_OF[row.status]}`,
    detail: `${row.endpoint.url || "CLI session"} · ${attempts}${row.lastStatus ? ` · last answer ${row.lastStatus}` : ""}`,
    status: { class: CLASS_OF[row.status], http: row.lastStatus, label: LABEL_OF[row.status] },
    ids: { delivery_id: row.id, event_id: row.event.id, endpoint_id: row.endpointId },
    link: `/dashboard/apps/${appId}/webhooks/${row.endpointId}?delivery=${row.id}`,
    actor: null,
  };
}

export const deliverySelect = {
  id: true,
  endpointId: true,
  status: true,
  attemptCount: true,
  lastStatus: true,
  createdAt: true,
  event: { select: { id: true, type: true } },
  endpoint: { select: { url: true } },
} as const;

/** Webhook deliveries of the app's endpoints (one per event and endpoint; attempts in the detail). */
export const deliverySource: TimelineSource = {
  name: "webhook_deliveries",
  kinds: ["webhook"],
  async list(query) {
    const endpoints = await db().webhookEndpoint.findMany({ where: { appId: query.appId }, select: { id: true } });
    if (!endpoints.length) return [];
    const order = query.direction === "older" ? "desc" : "asc";
    const rows = await db().webhookDelivery.findMany({
      where: deliveryWhere(
        query,
        endpoints.map((endpoint) => endpoint.id),
      ),
      orderBy: [{ createdAt: order }, { id: order }],
      take: query.limit,
      select: deliverySelect,
    });
    return rows.map((row) => deliveryItem(query.appId, row));
  },
};
