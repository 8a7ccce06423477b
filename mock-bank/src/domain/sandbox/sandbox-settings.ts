import type { Prisma, PrismaClient } from "@prisma/client";
import type { Tenant } from "../tenants/ensure-tenant";
import { rebaseClock, tenantNow, tenantOffsetMs } from "../tenants/tenant-now";

/** Sandbox days per real day: 1 is real time, 1440 is one sandbox day per real minute. */
export const MIN_CLOCK_RATE = 1;
export const MAX_CLOCK_RATE = 1440;

export type SandboxSettingsDto = { live_activity: boolean; clock_rate: number; now: string; offset_seconds: number };

const settingsSelect = {
  clockOffsetSeconds: true,
  clockRate: true,
  clockAnchorAt: true,
  liveActivity: true,
} as const satisfies Prisma.BankTenantSelect;

type SettingsRow = Prisma.BankTenantGetPayload<{ select: typeof settingsSelect }>;

function toDto(row: SettingsRow, realNow: Date): SandboxSettingsDto {
  return {
    live_activity: row.liveActivity,
    clock_rate: row.clockRate,
    now: tenantNow(row, realNow).toISOString(),
    offset_seconds: Math.floor(tenantOffsetMs(row, realNow) / 1000),
  };
}

/**
 * The tenant's live-activity and clock-rate settings, with its clock as of `realNow`, from the
 * tenant the request loaded (remembered per process; every change forgets it): no query, so the
 * clock stays the sandbox's trivial route.
 */
export function sandboxSettings(tenant: Tenant, realNow: Date): SandboxSettingsDto {
  return toDto(tenant, realNow);
}

/**
 * Changes the settings. A new rate runs from now without moving the sandbox's time (the
 * offset reached so far is kept); switching live activity on starts booking from the
 * sandbox's current time (what passed while it was off stays quiet). The caller must forget
 * any remembered copy of the tenant.
 */
export async function updateSandboxSettings(options: {
  db: PrismaClient;
  tenant: Tenant;
  realNow: Date;
  change: { live_activity?: boolean; clock_rate?: number };
}): Promise<SandboxSettingsDto> {
  const { db, tenant, realNow, change } = options;
  const row = await db.$transaction(async (tx) => {
    const current = await tx.bankTenant.findUniqueOrThrow({ where: { id: tenant.id }, select: settingsSelect });
    const data: Prisma.BankTenantUpdateInput = {};
    if (change.clock_rate !== undefined && change.clock_rate !== current.clockRate)
      Object.assign(data, rebaseClock(current, realNow, change.clock_rate));
    if (change.live_activity !== undefined && change.live_activity !== current.liveActivity) {
      data.liveActivity = change.live_activity;
      if (change.live_activity) data.activityBookedThrough = tenantNow(current, realNow);
    }
    if (!Object.keys(data).length) return current;
    return tx.bankTenant.update({ where: { id: tenant.id }, data, select: settingsSelect });
  });
  return toDto(row, realNow);
}

/** What a reset keeps: read before the tenant is deleted. */
export async function readKeptSettings(tx: Prisma.TransactionClient, tenantId: string) {
  return tx.bankTenant.findUnique({ where: { id: tenantId }, select: { clockRate: true, liveActivity: true } });
}

/** Writes the kept settings back onto the re-seeded tenant: the rate and live activity run again from `now`. */
export async function restoreKeptSettings(
  tx: Prisma.TransactionClient,
  tenantId: string,
  now: Date,
  kept: Awaited<ReturnType<typeof readKeptSettings>>,
): Promise<void> {
  if (!kept || (kept.clockRate === 1 && !kept.liveActivity)) return;
  await tx.bankTenant.update({
    where: { id: tenantId },
    data: {
      clockRate: kept.clockRate,
      clockAnchorAt: kept.clockRate > 1 ? now : null,
      liveActivity: kept.liveActivity,
      activityBookedThrough: kept.liveActivity ? now : null,
    },
  });
}
