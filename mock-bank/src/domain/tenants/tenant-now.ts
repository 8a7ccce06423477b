import type { Tenant } from "./ensure-tenant";

/** The clock runs at most ten years ahead (the offset column is a 32-bit integer; plenty for any test). */
export const MAX_OFFSET_SECONDS = 10 * 365 * 86_400;

type TenantClock = Pick<Tenant, "clockOffsetSeconds" | "clockRate" | "clockAnchorAt">;

/**
 * How far the tenant's clock runs ahead of real time, in milliseconds: the stored offset
 * (moved by clock/advance), plus, at a rate r > 1, (r − 1) × the real time since the rate was
 * set (clockAnchorAt), so sandbox time runs r× as fast as real time. Capped at ten years
 * ahead: past that the clock runs at real time. Pure: the cached tenant and real now decide it.
 */
export function tenantOffsetMs(tenant: TenantClock, now: Date): number {
  return Math.min(uncappedOffsetMs(tenant, now), MAX_OFFSET_SECONDS * 1000);
}

/** The offset before the ten-year cap: advance-clock refuses to pass it. */
export function uncappedOffsetMs(tenant: TenantClock, now: Date): number {
  const offset = tenant.clockOffsetSeconds * 1000;
  if (tenant.clockRate <= 1 || !tenant.clockAnchorAt) return offset;
  return offset + (tenant.clockRate - 1) * Math.max(0, now.getTime() - tenant.clockAnchorAt.getTime());
}

/** The tenant's "now": the real clock plus the tenant's offset (sandbox clock controls and its rate). */
export function tenantNow(tenant: TenantClock, now: Date): Date {
  return new Date(now.getTime() + tenantOffsetMs(tenant, now));
}

/**
 * The clock columns that change the rate at real instant `now` without moving the tenant's
 * time: the offset reached so far is folded into clockOffsetSeconds (rounded up to the second,
 * so the clock never steps back) and the new rate runs from `now`.
 */
export function rebaseClock(tenant: TenantClock, now: Date, clockRate: number): TenantClock {
  return { clockOffsetSeconds: Math.ceil(tenantOffsetMs(tenant, now) / 1000), clockRate, clockAnchorAt: clockRate > 1 ? now : null };
}
