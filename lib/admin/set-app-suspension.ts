import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { invalidate } from "../keys/cache-invalidation";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";

/** An app's standing after a platform admin suspended or reinstated it. */
export const appSuspensionDto = z.object({
  id: resourceId,
  status: z.enum(["active", "suspended"]),
  suspended_at: timestamp.nullable(),
  suspended_reason: text(500).nullable().describe("Why it was suspended; the team sees it."),
});

export type AppSuspensionDto = z.output<typeof appSuspensionDto>;

/**
 * Suspends or reinstates an app. The gateway reads suspension with the key, so the key cache
 * is emptied: in this process the very next call sees the change; other instances as the invalidation
 * message arrives (within KEY_CACHE_TTL_SECONDS if it is lost).
 */
export async function setAppSuspension(
  options: { appId: string; actor: AuditActor } & ({ suspend: true; reason: string } | { suspend: false }),
): Promise<AppSuspensionDto> {
  const existing = await db().app.findUnique({ where: { id: options.appId }, select: { id: true, teamId: true, name: true } });
  if (!existing) throw new AppError("resource_not_found", `No app ${options.appId}.`);
  const app = await db().$transaction(async (tx) => {
    const updated = await tx.app.update({
      where: { id: options.appId },
      data: options.suspend
        ? { status: "suspended", suspendedAt: new Date(), suspendedReason: options.reason.trim() }
        : { status: "active", suspendedAt: null, suspendedReason: null },
      select: { id: true, status: true, suspendedAt: true, suspendedReason: true },
    });
    // The team sees who suspended its app and why in its own audit log.
    await recordAudit(tx, {
      teamId: existing.teamId,
      actor: options.actor,
      action: options.suspend ? "app.suspended" : "app.reinstated",
      target: { type: "app", id: existing.id, name: existing.name },
      metadata: options.suspend ? { reason: options.reason.trim() } : undefined,
    });
    return updated;
  });
  await invalidate({ kind: "all_keys" });
  await invalidate({ kind: "apps" });
  return { id: app.id, status: app.status, suspended_at: app.suspendedAt?.toISOString() ?? null, suspended_reason: app.suspendedReason };
}
