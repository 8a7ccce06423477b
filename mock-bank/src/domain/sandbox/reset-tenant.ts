import type { Prisma, PrismaClient } from "@prisma/client";
import { seedTenant, type SeedSummary } from "../../seed/seed-tenant";
import { rebuildCustomCustomers } from "../sandbox-customers/rebuild-custom-customers";
import { readKeptSettings, restoreKeptSettings } from "./sandbox-settings";

/**
 * A transaction client that also accepts `$transaction([...])`, running the batch in order
 * inside the surrounding transaction: so the seed's own batch write can be one step of a
 * larger transaction without a second copy of the seeding code.
 */
function asClient(tx: Prisma.TransactionClient): PrismaClient {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return async (operations: Promise<unknown>[]) => {
        const results: unknown[] = [];
        for (const operation of operations) results.push(await operation);
        return results;
      };
    },
  }) as unknown as PrismaClient;
}

export type ResetSummary = SeedSummary & { custom_customers: number };

/**
 * Restores a tenant to its seed in one transaction: deletes the tenant row (every bank row
 * cascades from it) and seeds it again as of `now`. Ids are stable per tenant, so they come
 * back identical; the clock goes back to real time (offset 0). The settings (clock rate, live
 * activity) are kept and run again from `now`. Unless `keepCustomCustomers` is false, the
 * tenant's custom customers are rebuilt from their stored documents as of `now` (oldest first,
 * so they get the same account numbers). The caller must forget any remembered copy of the tenant.
 */
export async function resetTenant(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  keepCustomCustomers?: boolean;
}): Promise<ResetSummary> {
  const { db, tenantId, now } = options;
  return db.$transaction(
    async (tx) => {
      const kept =
        options.keepCustomCustomers === false
          ? []
          : await tx.bankCustomCustomer.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const keptSettings = await readKeptSettings(tx, tenantId);
      await tx.bankTenant.deleteMany({ where: { id: tenantId } });
      const summary = await seedTenant({ db: asClient(tx), tenantId, seededAt: now });
      await restoreKeptSettings(tx, tenantId, now, keptSettings);
      const restored = await rebuildCustomCustomers(tx, { tenantId, now, stored: kept });
      return {
        customers: summary.customers + restored.customers,
        accounts: summary.accounts + restored.accounts,
        transactions: summary.transactions + restored.transactions,
        custom_customers: restored.customers,
      };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
