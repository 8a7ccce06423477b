import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { Tenant } from "../tenants/ensure-tenant";
import { MAX_OFFSET_SECONDS, tenantNow, uncappedOffsetMs } from "../tenants/tenant-now";
import { bookLiveActivityStep } from "../live-activity/run-live-activity";
import { ensureLedger } from "../ledger/opening-ledger";
import { payDueInterest } from "../products/pay-due-interest";
import { bookDueCardPayments } from "./book-due-card-payments";

const DAY_MS = 86_400_000;
export const MAX_ADVANCE_DAYS = 90;

export type ClockEffects = {
  activity_booked: number;
  transactions_booked: number;
  interest_payments: number;
  payments_settled: number;
  payments_failed: number;
  loan_instalments_paid: number;
  loan_instalments_missed: number;
};

type StepContext = { tx: Prisma.TransactionClient; tenantId: string; now: Date };

/**
 * What happens when a tenant's clock moves, in order, inside the transaction that moves it.
 * Add a step here when something new becomes due with time and is quick; steps that move
 * customers' money run after the transaction, each in its own (see SettlePayments).
 */
const steps: { effect: keyof ClockEffects; run: (context: StepContext) => Promise<number> }[] = [
  // Live activity first (when on): the card payments it makes on the days crossed then book by the next step's rule.
  { effect: "activity_booked", run: bookLiveActivityStep },
  { effect: "transactions_booked", run: bookDueCardPayments },
  // After bookings, so the end-of-day balances interest accrues on are complete.
  { effect: "interest_payments", run: payDueInterest },
];

/**
 * Standard payments settle once the clock has moved: the route passes `settleDuePayments`
 * (domain/payments), which settles each due payment in its own transaction, with its events.
 */
export type SettlePayments = (options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
}) => Promise<{ completed: string[]; failed: string[] }>;

/**
 * Loan and plan instalments are collected after payments settle (so money that arrived can
 * pay them): the route passes `collectDueInstalments` (domain/lending), one transaction each.
 */
export type CollectInstalments = (options: { db: PrismaClient; tenantId: string; now: Date }) => Promise<{ paid: number; missed: number }>;

export type AdvanceBy = { days: number } | { until: string };

function invalid(pointer: string, detail: string): AppError {
  return new AppError("validation_failed", `${pointer.split("/").pop()}: ${detail}`, { errors: [{ pointer, detail }] });
}

/** The instant the clock should reach: N days on, the same time of day on a date, or a timestamp. */
function target(from: Date, by: AdvanceBy): { at: Date; pointer: string } {
  if ("days" in by) return { at: new Date(from.getTime() + by.days * DAY_MS), pointer: "/body/days" };
  if (/^\d{4}-\d{2}-\d{2}$/.test(by.until)) {
    const timeOfDay = from.getTime() % DAY_MS;
    return { at: new Date(Date.parse(`${by.until}T00:00:00.000Z`) + timeOfDay), pointer: "/body/until" };
  }
  return { at: new Date(by.until), pointer: "/body/until" };
}

/**
 * Moves the tenant's clock forward (never back: reset for that) and runs what became due.
 * Returns the tenant's new now and the effects; the caller must forget any remembered copy
 * of the tenant.
 */
export async function advanceClock(options: {
  db: PrismaClient;
  tenant: Tenant;
  realNow: Date;
  by: AdvanceBy;
  settlePayments?: SettlePayments;
  collectInstalments?: CollectInstalments;
}): Promise<{ now: Date; advancedBySeconds: number; effects: ClockEffects }> {
  const { db, tenant, realNow, by } = options;
  const from = tenantNow(tenant, realNow);
  const { at, pointer } = target(from, by);
  const advancedBySeconds = Math.round((at.getTime() - from.getTime()) / 1000);
  if (advancedBySeconds < 1) throw invalid(pointer, `must be after the sandbox's current time, ${from.toISOString()}`);
  if (advancedBySeconds > MAX_ADVANCE_DAYS * 86_400)
    throw invalid(pointer, `may be no more than ${MAX_ADVANCE_DAYS} days ahead of the sandbox's current time, ${from.toISOString()}`);

  // Steps post to system ledger accounts that older tenants may still lack.
  await ensureLedger(db, tenant.id);
  const effects: ClockEffects = {
    activity_booked: 0,
    transactions_booked: 0,
    interest_payments: 0,
    payments_settled: 0,
    payments_failed: 0,
    loan_instalments_paid: 0,
    loan_instalments_missed: 0,
  };
  const now = await db.$transaction(
    async (tx) => {
      const moved = await tx.bankTenant.update({
        where: { id: tenant.id },
        data: { clockOffsetSeconds: { increment: advancedBySeconds } },
        select: { clockOffsetSeconds: true, clockRate: true, clockAnchorAt: true },
      });
      if (uncappedOffsetMs(moved, realNow) > MAX_OFFSET_SECONDS * 1000) {
        throw new AppError(
          "conflict",
          "The sandbox's clock can run at most ten years ahead. Reset the sandbox (POST /v1/sandbox/reset) to start again.",
        );
      }
      const movedNow = tenantNow(moved, realNow);
      for (const step of steps) effects[step.effect] += await step.run({ tx, tenantId: tenant.id, now: movedNow });
      return movedNow;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );

  if (options.settlePayments) {
    const settled = await options.settlePayments({ db, tenantId: tenant.id, now });
    effects.payments_settled = settled.completed.length;
    effects.payments_failed = settled.failed.length;
  }
  if (options.collectInstalments) {
    const collected = await options.collectInstalments({ db, tenantId: tenant.id, now });
    effects.loan_instalments_paid = collected.paid;
    effects.loan_instalments_missed = collected.missed;
  }
  return { now, advancedBySeconds, effects };
}
