import { db } from "../db";
import { AppError } from "../errors";
import { keyCache } from "../keys/key-cache";

export type AppSuspensionDto = { id: string; status: "active" | "suspended"; suspended_at: string | null; suspended_reason: string | null };

/**
 * Suspends or reinstates an app. The gateway reads suspension with the key, so the key cache
 * is emptied: in this process the very next call sees the change; other instances within
 * KEY_CACHE_TTL_SECONDS.
 */
export async function setAppSuspension(options: { appId: string } & ({ suspend: true; reason: string } | { suspend: false })): Promise<AppSuspensionDto> {
  const existing = await db.app.findUnique({ where: { id: options.appId }, select: { id: true } });
  if (!existing) throw new AppError("resource_not_found", `No app ${options.appId}.`);
  const app = await db.app.update({
    where: { id: options.appId },
    data: options.suspend
      ? { status: "suspended", suspendedAt: new Date(), suspendedReason: options.reason.trim() }
      : { status: "active", suspendedAt: null, suspendedReason: null },
    select: { id: true, status: true, suspendedAt: true, suspendedReason: true },
  });
  keyCache.clear();
  return { id: app.id, status: app.status, suspended_at: app.suspendedAt?.toISOString() ?? null, suspended_reason: app.suspendedReason };
}
