import { Prisma, type PrismaClient } from "@prisma/client";
import { seedTenant } from "../../seed/seed-tenant";

export type Tenant = {
  id: string;
  seededAt: Date;
  clockOffsetSeconds: number;
  /** Sandbox days per real day (1 = real time), running from clockAnchorAt (see tenantNow). */
  clockRate: number;
  clockAnchorAt: Date | null;
  /** Live activity books the customers' everyday life as the clock runs (GET/PATCH /v1/sandbox/settings). */
  liveActivity: boolean;
};

export type EnsureTenant = ((tenantId: string) => Promise<Tenant>) & {
  /** Drops the remembered tenant (after a reset or a clock change), so the next call reads it again. */
  forget(tenantId: string): void;
};

const tenantSelect = {
  id: true,
  seededAt: true,
  clockOffsetSeconds: true,
  clockRate: true,
  clockAnchorAt: true,
  liveActivity: true,
} as const;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Returns the function that makes sure a tenant exists, seeding it on its first call.
 * Known tenants are answered from memory (no query on the hot path) unless `cache` is false
 * (several bank instances: BANK_TENANT_CACHE=false); concurrent first
 * calls in this process share one seeding promise; a race with another process ends in a
 * unique violation, after which the winner's tenant is read back.
 */
export function createEnsureTenant(options: { db: PrismaClient; now: () => Date; cache?: boolean }): EnsureTenant {
  const { db, now } = options;
  const cache = options.cache ?? true;
  const known = new Map<string, Tenant>();
  const inFlight = new Map<string, Promise<Tenant>>();

  async function load(tenantId: string): Promise<Tenant> {
    const existing = await db.bankTenant.findUnique({ where: { id: tenantId }, select: tenantSelect });
    if (existing) return existing;
    try {
      const seededAt = now();
      await seedTenant({ db, tenantId, seededAt });
      return { id: tenantId, seededAt, clockOffsetSeconds: 0, clockRate: 1, clockAnchorAt: null, liveActivity: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return db.bankTenant.findUniqueOrThrow({ where: { id: tenantId }, select: tenantSelect });
    }
  }

  const ensure = (tenantId: string): Promise<Tenant> => {
    const tenant = known.get(tenantId);
    if (tenant) return Promise.resolve(tenant);
    let pending = inFlight.get(tenantId);
    if (!pending) {
      pending = load(tenantId)
        .then((loaded) => {
          if (cache) known.set(tenantId, loaded);
          return loaded;
        })
        .finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, pending);
    }
    return pending;
  };
  return Object.assign(ensure, { forget: (tenantId: string) => void known.delete(tenantId) });
}
