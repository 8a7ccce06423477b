import type { Prisma } from "@prisma/client";
import { startOfUtcDay } from "../../seed/history-builder";
import { bookLiveActivity } from "./book-live-activity";

const DAY_MS = 86_400_000;
/** A tenant left on for a long time catches up at most this far back: older days stay quiet. */
export const MAX_CATCH_UP_DAYS = 90;

/**
 * Books the tenant's live activity up to `to`, inside the caller's transaction, if live
 * activity is on: claims the window (activityBookedThrough, to] with a conditional update on
 * activityBookedThrough, so when several bank instances (or a ticker and an advance) race,
 * exactly one books it; the loser books nothing. A window longer than MAX_CATCH_UP_DAYS books
 * only its last MAX_CATCH_UP_DAYS days. Returns the statement lines written.
 */
export async function runLiveActivity(options: { tx: Prisma.TransactionClient; tenantId: string; to: Date }): Promise<number> {
  const { tx, tenantId, to } = options;
  const tenant = await tx.bankTenant.findUnique({
    where: { id: tenantId },
    select: { liveActivity: true, activityBookedThrough: true, seededAt: true },
  });
  if (!tenant?.liveActivity || !tenant.activityBookedThrough || tenant.activityBookedThrough >= to) return 0;
  const claimed = await tx.bankTenant.updateMany({
    where: { id: tenantId, liveActivity: true, activityBookedThrough: tenant.activityBookedThrough },
    data: { activityBookedThrough: to },
  });
  if (claimed.count !== 1) return 0;
  const from = new Date(Math.max(tenant.activityBookedThrough.getTime(), to.getTime() - MAX_CATCH_UP_DAYS * DAY_MS));
  return bookLiveActivity({ tx, tenantId, anchor: startOfUtcDay(tenant.seededAt), from, to });
}

/** The step advance-clock runs first: the activity of the days the clock crosses. */
export function bookLiveActivityStep(context: { tx: Prisma.TransactionClient; tenantId: string; now: Date }): Promise<number> {
  return runLiveActivity({ tx: context.tx, tenantId: context.tenantId, to: context.now });
}
