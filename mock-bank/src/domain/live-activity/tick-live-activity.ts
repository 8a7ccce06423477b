import type { PrismaClient } from "@prisma/client";
import { startOfUtcDay } from "../../seed/history-builder";
import { collectDueInstalments } from "../lending/collect-due-instalments";
import { ensureLedger } from "../ledger/opening-ledger";
import { settleDuePayments } from "../payments/settle-due-payments";
import { payDueInterest } from "../products/pay-due-interest";
import { bookDueCardPayments } from "../sandbox/book-due-card-payments";
import { tenantNow } from "../tenants/tenant-now";
import { MAX_CATCH_UP_DAYS, runLiveActivity } from "./run-live-activity";

const DAY_MS = 86_400_000;

export type TickSummary = { tenants: number; days: number; lines: number };

/**
 * One round of the bank's live-activity ticker: for every tenant with live activity on,
 * books what its customers did since the last round, up to the tenant's now (real time at
 * its clock rate), one sandbox day per database transaction (each claimed by a conditional
 * update, so several bank instances never book a day twice), at most MAX_CATCH_UP_DAYS days
 * per tenant and round. When a window reaches a sandbox midnight, what the clock makes due
 * at a new day runs too, as clock/advance would: pending card payments book and interest is
 * paid; then due payments settle and instalments are collected.
 */
export async function tickLiveActivity(options: { db: PrismaClient; realNow: Date }): Promise<TickSummary> {
  const { db, realNow } = options;
  const tenants = await db.bankTenant.findMany({
    where: { liveActivity: true, activityBookedThrough: { not: null } },
    select: { id: true, clockOffsetSeconds: true, clockRate: true, clockAnchorAt: true, activityBookedThrough: true },
    orderBy: { id: "asc" },
  });
  const summary: TickSummary = { tenants: 0, days: 0, lines: 0 };
  for (const tenant of tenants) {
    const now = tenantNow(tenant, realNow);
    let through = tenant.activityBookedThrough!;
    if (through >= now) continue;
    summary.tenants++;
    await ensureLedger(db, tenant.id);
    // Left on while no bank ran for a long time: only the last MAX_CATCH_UP_DAYS days are booked.
    const oldest = new Date(now.getTime() - MAX_CATCH_UP_DAYS * DAY_MS);
    if (through < oldest) {
      const skipped = await db.bankTenant.updateMany({
        where: { id: tenant.id, activityBookedThrough: through },
        data: { activityBookedThrough: oldest },
      });
      if (skipped.count !== 1) continue;
      through = oldest;
    }
    for (let chunk = 0; chunk < MAX_CATCH_UP_DAYS && through < now; chunk++) {
      const midnight = new Date(startOfUtcDay(through).getTime() + DAY_MS);
      const to = now < midnight ? now : midnight;
      const lines = await db.$transaction(
        async (tx) => {
          const booked = await runLiveActivity({ tx, tenantId: tenant.id, to });
          if (to.getTime() === midnight.getTime()) {
            await bookDueCardPayments({ tx, tenantId: tenant.id, now: to });
            await payDueInterest({ tx, tenantId: tenant.id, now: to });
          }
          return booked;
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
      summary.days++;
      summary.lines += lines;
      through = to;
    }
    await settleDuePayments({ db, tenantId: tenant.id, now: through });
    await collectDueInstalments({ db, tenantId: tenant.id, now: through });
  }
  return summary;
}
