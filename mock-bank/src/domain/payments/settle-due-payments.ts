import type { PrismaClient } from "@prisma/client";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer, type Leg } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { executeScheduledPayments } from "./execute-scheduled-payments";
import { toPaymentDto } from "./payment-dto";

export type SettleResult = { completed: string[]; failed: string[] };

/**
 * Settles every pending payment of the tenant whose `settles_at` is at or before `now` (the
 * tenant's clock): money in clearing goes to the beneficiary (one of the tenant's accounts,
 * or out of the bank), the payment completes, and `payment.completed` (+ `transaction.booked`)
 * events are written, each payment in its own short transaction. If an internal
 * beneficiary's account was frozen meanwhile, the money returns to the debtor and the payment
 * fails (`payment.failed`). Safe to call concurrently: a payment settles once.
 * First, scheduled payments that fell due execute (executeScheduledPayments): an instant one
 * completes (counted here), a standard one joins the pending ones and may settle in the same call.
 * Called by the sandbox clock (POST /v1/sandbox/clock/advance).
 */
export async function settleDuePayments(options: { db: PrismaClient; tenantId: string; now: Date }): Promise<SettleResult> {
  const { db, tenantId, now } = options;
  await ensureLedger(db, tenantId);
  const executed = await executeScheduledPayments({ db, tenantId, now });
  const due = await db.bankPayment.findMany({
    where: { tenantId, status: "pending", settlesAt: { lte: now } },
    orderBy: [{ settlesAt: "asc" }, { id: "asc" }],
  });
  const result: SettleResult = { completed: [...executed.completed], failed: [...executed.failed] };
  for (const payment of due) {
    const at = payment.settlesAt ?? now;
    const clearing = systemAccountId(tenantId, "clearing", payment.currency);
    const line = {
      description: payment.reference ?? (payment.creditorName ? `From ${payment.creditorName}` : "Transfer between accounts"),
      category: "transfer",
      channel: "transfer" as const,
    };
    const legs: Leg[] = [
      { accountId: clearing, amount: -payment.amount },
      payment.creditorAccountId
        ? {
            accountId: payment.creditorAccountId,
            amount: payment.amount,
            line: { ...line, description: payment.reference ?? "Transfer between accounts" },
          }
        : { accountId: systemAccountId(tenantId, "external", payment.currency), amount: payment.amount },
    ];
    const settle = async (status: "completed" | "failed", failure: { code: string; message: string } | null, settleLegs: Leg[]) =>
      moneyTransaction(db, async (tx) => {
        const { count } = await tx.bankPayment.updateMany({
          where: { id: payment.id, tenantId, status: "pending" },
          data: {
            status,
            completedAt: status === "completed" ? at : null,
            failureCode: failure?.code ?? null,
            failureMessage: failure?.message ?? null,
          },
        });
        if (count !== 1) return false;
        const posted = await postTransfer(tx, {
          tenantId,
          kind: status === "completed" ? "settlement" : "reversal",
          reference: payment.id,
          currency: payment.currency,
          postedAt: at,
          legs: settleLegs,
        });
        const updated = await tx.bankPayment.findUniqueOrThrow({ where: { id: payment.id } });
        const events: { type: EventType; object: unknown }[] = [
          { type: status === "completed" ? "payment.completed" : "payment.failed", object: toPaymentDto(updated) },
        ];
        for (const booked of posted.lines) events.push({ type: "transaction.booked", object: toTransactionDto(booked) });
        await recordEvents(tx, tenantId, at, events);
        return true;
      });
    try {
      if (await settle("completed", null, legs)) result.completed.push(payment.id);
    } catch (error) {
      if (!(error instanceof LedgerDecline)) throw error;
      const refund: Leg[] = [
        { accountId: clearing, amount: -payment.amount },
        {
          accountId: payment.debtorAccountId,
          amount: payment.amount,
          line: { ...line, description: `Returned: ${line.description}` },
          allowFrozen: true,
        },
      ];
      const failure = { code: "account_frozen", message: "The beneficiary's account is frozen; the money was returned." };
      // A frozen debtor still gets its money back (allowFrozen).
      if (await settle("failed", failure, refund)) result.failed.push(payment.id);
    }
  }
  return result;
}
