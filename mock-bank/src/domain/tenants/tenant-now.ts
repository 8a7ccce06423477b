import type { Tenant } from "./ensure-tenant";

/** The tenant's "now": the real clock plus the tenant's offset (moved by sandbox clock controls). */
export function tenantNow(tenant: Tenant, now: Date): Date {
  return new Date(now.getTime() + tenant.clockOffsetSeconds * 1000);
}
