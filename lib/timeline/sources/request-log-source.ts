import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { httpStatusClass, type StatusClass, type TimelineItem } from "../timeline-item";
import { timeWindow, type SourceQuery, type TimelineSource } from "../timeline-source";

/** The bank's sandbox controls as the gateway logs them (documented route templates, all POST). */
export const SANDBOX_CONTROL_ROUTES = [
  "/v1/sandbox/reset",
  "/v1/sandbox/clock/advance",
  "/v1/sandbox/webhooks/fire",
  "/v1/sandbox/snapshots/{snapshot}/restore",
  "/v1/sandbox/import",
] as const;

const CONTROL_TITLES: Record<(typeof SANDBOX_CONTROL_ROUTES)[number], string> = {
  "/v1/sandbox/reset": "Sandbox reset",
  "/v1/sandbox/clock/advance": "Sandbox clock advanced",
  "/v1/sandbox/webhooks/fire": "Sandbox event fired",
  "/v1/sandbox/snapshots/{snapshot}/restore": "Sandbox snapshot restored",
  "/v1/sandbox/import": "Sandbox imported",
};

const isControl = (row: { method: string; route: string | null }) =>
  row.method === "POST" && (SANDBOX_CONTROL_ROUTES as readonly (string | null)[]).includes(row.route);

const controlWhere: Prisma.RequestLogWhereInput = { method: "POST", route: { in: [...SANDBOX_CONTROL_ROUTES] } };
const notControlWhere: Prisma.RequestLogWhereInput = {
  OR: [{ method: { not: "POST" } }, { route: null }, { route: { notIn: [...SANDBOX_CONTROL_ROUTES] } }],
};

const STATUS_RANGES: Record<StatusClass, Prisma.RequestLogWhereInput[]> = {
  ok: [{ status: { gte: 100, lt: 400 } }],
  warn: [{ status: { gte: 400, lt: 500 } }],
  error: [{ status: { gte: 500 } }, { status: { lt: 100 } }],
};

/** The `where` of a query over one app's logs: the (appId, createdAt) index, then filters. */
export function requestLogWhere(query: SourceQuery): Prisma.RequestLogWhereInput | null {
  const wantsRequests = query.kinds.has("request");
  const wantsControls = query.kinds.has("sandbox");
  if (!wantsRequests && !wantsControls) return null;
  const and: Prisma.RequestLogWhereInput[] = [{ appId: query.appId }];
  if (!wantsRequests) and.push(controlWhere);
  if (!wantsControls) and.push(notControlWhere);
  if (query.statuses) and.push({ OR: [...query.statuses].flatMap((status) => STATUS_RANGES[status]) });
  and.push(...timeWindow(query, "createdAt"));
  return { AND: and };
}

type Row = {
  id: string;
  method: string;
  path: string;
  route: string | null;
  status: number;
  apiKeyId: string | null;
  keyPrefix: string | null;
  latencyMs: number;
  createdAt: Date;
};

export function requestLogItem(appId: string, row: Row): TimelineItem {
  const control = isControl(row);
  const ids: Record<string, string> = { request_id: row.id };
  if (row.apiKeyId) ids.key_id = row.apiKeyId;
  return {
    id: row.id,
    kind: control ? "sandbox" : "request",
    occurred_at: row.createdAt.toISOString(),
    title: control ? CONTROL_TITLES[row.route as keyof typeof CONTROL_TITLES] : `${row.method} ${row.route ?? row.path.split("?")[0]}`,
    detail: control
      ? `${row.method} ${row.path} (through the API)`
      : `${row.path} · ${Math.round(row.latencyMs)} ms${row.keyPrefix ? ` · ${row.keyPrefix}…` : ""}`,
    status: { class: httpStatusClass(row.status), http: row.status, label: String(row.status) },
    ids,
    link: `/dashboard/apps/${appId}/logs/${row.id}`,
    actor: null,
  };
}

/** Gateway calls, and the sandbox controls among them. */
export const requestLogSource: TimelineSource = {
  name: "request_logs",
  kinds: ["request", "sandbox"],
  async list(query) {
    const where = requestLogWhere(query);
    if (!where) return [];
    const order = query.direction === "older" ? "desc" : "asc";
    const rows = await db().requestLog.findMany({
      where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: query.limit,
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
    return rows.map((row) => requestLogItem(query.appId, row));
  },
};
