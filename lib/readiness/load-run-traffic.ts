import type { PrismaClient } from "@prisma/client";
import type { LoggedCall, ReadinessAttempt } from "./readiness-check";
import { FAULT_HEADER } from "./readiness-faults";
import type { CheckState } from "./run-state";

/** The request header a client reports its own figures to a run with (Accounts & transactions guide §5). */
export const REPORT_HEADER = "readiness-report";

/** The app's gateway calls logged in [from, to], oldest first, as the checks grade them. */
export async function loadCalls(db: PrismaClient, options: { appId: string; from: Date; to?: Date; take?: number }): Promise<LoggedCall[]> {
  const rows = await db.requestLog.findMany({
    where: { appId: options.appId, createdAt: { gte: options.from, ...(options.to ? { lte: options.to } : {}) } },
    select: {
      id: true,
      apiKeyId: true,
      keyPrefix: true,
      method: true,
      path: true,
      status: true,
      latencyMs: true,
      createdAt: true,
      requestHeaders: true,
      responseHeaders: true,
      responseBody: true,
    },
    orderBy: { createdAt: "asc" },
    take: options.take ?? 500,
  });
  return rows.map((row) => {
    const endedAt = row.createdAt.getTime();
    return {
      id: row.id,
      method: row.method,
      path: row.path,
      status: row.status,
      startedAt: endedAt - row.latencyMs,
      endedAt,
      idempotencyKey: header(row.requestHeaders, "idempotency-key"),
      fault: header(row.responseHeaders, FAULT_HEADER),
      responseBody: row.responseBody,
      report: header(row.requestHeaders, REPORT_HEADER),
      requestHeaders: headerMap(row.requestHeaders),
      responseHeaders: headerMap(row.responseHeaders),
      consentToken: row.apiKeyId === null ? row.keyPrefix : null,
    };
  });
}

/** The attempts a check sent, with their answers and the check's labels. */
export async function loadAttempts(db: PrismaClient, check: Pick<CheckState, "sent">): Promise<ReadinessAttempt[]> {
  if (!check.sent.length) return [];
  const rows = await db.webhookAttempt.findMany({
    where: { id: { in: check.sent.map((entry) => entry.attempt_id) } },
    select: {
      id: true,
      deliveryId: true,
      number: true,
      responseStatus: true,
      responseBody: true,
      error: true,
      delivery: { select: { eventId: true, endpointId: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return check.sent.flatMap((entry) => {
    const row = byId.get(entry.attempt_id);
    if (!row) return [];
    return [
      {
        id: row.id,
        deliveryId: row.deliveryId,
        eventId: row.delivery.eventId,
        endpointId: row.delivery.endpointId,
        number: row.number,
        status: row.responseStatus,
        responseBody: row.responseBody,
        error: row.error,
        label: entry.label,
      },
    ];
  });
}

function headerMap(map: unknown): Record<string, string> | undefined {
  if (!map || typeof map !== "object" || Array.isArray(map)) return undefined;
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

function header(map: unknown, name: string): string | null {
  if (!map || typeof map !== "object") return null;
  const value = (map as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}
