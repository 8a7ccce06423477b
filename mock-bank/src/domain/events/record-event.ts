import type { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { insertRows, type Statement } from "../ledger/driver-transaction";

/** Every event type the bank emits: the catalogue the portal offers for webhook filters. */
export const EVENT_TYPES = [
  "payment.created",
  "payment.completed",
  "payment.failed",
  "transaction.booked",
  "kyc.decided",
  "account.opened",
  "loan.decided",
  "loan.disbursed",
  "loan.instalment_paid",
  "loan.instalment_missed",
  "loan.paid_off",
  "loan.overpayment_received",
  "bnpl.plan_created",
  "insurance.policy_issued",
  "insurance.policy_cancelled",
  "rewards.redeemed",
  "account.interest_paid",
  "consent.revoked",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The outbox rows of `events`. */
function eventRows(tenantId: string, createdAt: Date, events: { type: EventType; object: unknown }[]) {
  return events.map((event) => ({
    id: newId("event"),
    tenantId,
    type: event.type,
    payload: JSON.stringify({ object: event.object }),
    createdAt,
  }));
}

/**
 * Writes an event to the outbox inside the caller's transaction, so an event exists exactly
 * when its change does. The portal's dispatcher delivers and marks it.
 */
export async function recordEvents(
  tx: Prisma.TransactionClient,
  tenantId: string,
  createdAt: Date,
  events: { type: EventType; object: unknown }[],
): Promise<void> {
  if (!events.length) return;
  await tx.bankEvent.createMany({ data: eventRows(tenantId, createdAt, events) });
}

/** recordEvents as one raw statement for a transaction on the driver (none for no events). */
export function recordEventsStatements(tenantId: string, createdAt: Date, events: { type: EventType; object: unknown }[]): Statement[] {
  return events.length ? [insertRows("BankEvent", eventRows(tenantId, createdAt, events))] : [];
}
