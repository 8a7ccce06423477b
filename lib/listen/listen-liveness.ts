import type { Prisma, PrismaClient } from "@prisma/client";

/**
 * When an `openbank listen` session is a delivery target. "Live" means its stream is open (it
 * records a sign of life at least every heartbeat) or was within the grace period: a restarted
 * CLI, a laptop waking up or a dropped connection finds every event fired meanwhile waiting for
 * it. After that, events are no longer copied to it (a developer who stopped listening does not
 * pile up work); after IDLE_DISABLE_MS it is disabled and its undelivered deliveries end failed.
 * `listen` (POST …/listen-sessions) enables it again, with the same secret.
 */
export const LISTEN_GRACE_MS = 10 * 60_000;
export const LISTEN_IDLE_DISABLE_MS = 7 * 24 * 3_600_000;
/** How often an open stream records that it is alive (less than the grace, so a live stream never lapses). */
export const LISTEN_SEEN_EVERY_MS = 15_000;

/** The endpoints ingest copies an event to: enabled URL endpoints, and live listen sessions. */
export function deliveryTargetWhere(now: Date): Prisma.WebhookEndpointWhereInput {
  return {
    enabled: true,
    OR: [{ kind: "url" }, { kind: "cli", lastSeenAt: { gte: new Date(now.getTime() - LISTEN_GRACE_MS) } }],
  };
}

/**
 * Disables the sessions idle for longer than LISTEN_IDLE_DISABLE_MS and ends their undelivered
 * deliveries as failed (they stay in the delivery log, and can be resent). Run by the dispatcher.
 */
export async function endIdleListenSessions(db: PrismaClient, now: Date): Promise<number> {
  const idle = await db.webhookEndpoint.findMany({
    where: { kind: "cli", enabled: true, lastSeenAt: { lt: new Date(now.getTime() - LISTEN_IDLE_DISABLE_MS) } },
    select: { id: true },
  });
  if (!idle.length) return 0;
  const ids = idle.map((session) => session.id);
  await db.$transaction([
    db.webhookDelivery.updateMany({
      where: { endpointId: { in: ids }, status: "pending" },
      data: { status: "failed", nextAttemptAt: null },
    }),
    db.webhookEndpoint.updateMany({ where: { id: { in: ids } }, data: { enabled: false } }),
  ]);
  return ids.length;
}
