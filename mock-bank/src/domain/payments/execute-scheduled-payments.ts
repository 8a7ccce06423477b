import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { withdrawalLegs } from "../products/withdrawal-rules";
import { toTransactionDto } from "../transactions/transaction-dto";
import { transferLegs } from "./create-payment";
import { toPaymentDto } from "./payment-dto";
import { SETTLEMENT_DELAY_MS } from "./payment-rules";

export type ExecuteResult = { completed: string[]; pending: string[]; failed: string[] };

type Failure = { code: "insufficient_funds" | "account_frozen" | "early_withdrawal_not_allowed"; message: string };

/**
 * Executes the tenant's `scheduled` payments whose execution instant (`settles_at`) is at or before
 * `now` (the tenant's clock), oldest first, each in its own short transaction and at its own
 * instant: the money leaves then, never before. An instant payment completes (`payment.completed`),
 * a standard or international one goes to clearing and settles a day later (settleDuePayments).
 * One that cannot be paid then (insufficient funds, a frozen account, a bond not yet matured) fails
 * with `payment.failed` and moves nothing. `consentId` limits it to one consent's payments (a UK
 * file payment runs its own at once). Safe to call concurrently: a payment executes once.
 */
export async function executeScheduledPayments(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  consentId?: string;
}): Promise<ExecuteResult> {
  const { db, tenantId, now } = options;
  const due = await db.bankPayment.findMany({
    where: { tenantId, status: "scheduled", settlesAt: { lte: now }, ...(options.consentId ? { consentId: options.consentId } : {}) },
    orderBy: [{ settlesAt: "asc" }, { id: "asc" }],
  });
  const result: ExecuteResult = { completed: [], pending: [], failed: [] };
  if (!due.length) return result;
  await ensureLedger(db, tenantId);

  const fail = (paymentId: string, at: Date, failure: Failure) =>
    moneyTransaction(db, async (tx) => {
      const { count } = await tx.bankPayment.updateMany({
        where: { id: paymentId, tenantId, status: "scheduled" },
        data: { status: "failed", failureCode: failure.code, failureMessage: failure.message },
      });
      if (count !== 1) return false;
      const updated = await tx.bankPayment.findUniqueOrThrow({ where: { id: paymentId } });
      await recordEvents(tx, tenantId, at, [{ type: "payment.failed", object: toPaymentDto(updated) }]);
      return true;
    });

  for (const payment of due) {
    const at = payment.settlesAt ?? now;
    const debtor = await db.bankAccount.findFirst({
      where: { id: payment.debtorAccountId, tenantId },
      select: { id: true, type: true, productId: true, maturesAt: true, currency: true },
    });
    let accessLegs;
    try {
      accessLegs = debtor ? withdrawalLegs({ tenantId, account: debtor, amount: payment.amount, now: at, pointer: "/debtor" }) : [];
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "early_withdrawal_not_allowed") throw error;
      if (await fail(payment.id, at, { code: "early_withdrawal_not_allowed", message: error.message })) result.failed.push(payment.id);
      continue;
    }
    const pending = payment.scheme !== "instant";
    const legs = transferLegs({
      tenantId,
      debtorAccountId: payment.debtorAccountId,
      creditorAccountId: payment.creditorAccountId,
      creditorName: payment.creditorName,
      reference: payment.reference,
      currency: payment.currency,
      amount: payment.amount,
      scheme: payment.scheme,
      fee: payment.fee ?? 0n,
      quoteId: payment.quoteId,
      accessLegs,
    });
    try {
      const executed = await moneyTransaction(db, async (tx) => {
        const { count } = await tx.bankPayment.updateMany({
          where: { id: payment.id, tenantId, status: "scheduled" },
          data: pending
            ? { status: "pending", settlesAt: new Date(at.getTime() + SETTLEMENT_DELAY_MS) }
            : { status: "completed", completedAt: at },
        });
        if (count !== 1) return false;
        const updated = await tx.bankPayment.findUniqueOrThrow({ where: { id: payment.id } });
        await postTransfer(
          tx,
          { tenantId, kind: "payment", reference: payment.id, currency: payment.currency, postedAt: at, legs },
          {
            beforeBalances: (lines) =>
              recordEvents(tx, tenantId, at, [
                // A pending one said `payment.created` when it was scheduled; it completes at settlement.
                ...(pending ? [] : [{ type: "payment.completed" as EventType, object: toPaymentDto(updated) }]),
                ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
              ]),
          },
        );
        return true;
      });
      if (executed) (pending ? result.pending : result.completed).push(payment.id);
    } catch (error) {
      if (!(error instanceof LedgerDecline)) throw error;
      const failure: Failure =
        error.code === "account_frozen"
          ? { code: "account_frozen", message: `Account ${error.accountId} is frozen: the scheduled payment was not made.` }
          : { code: "insufficient_funds", message: "Insufficient funds on the execution date: the scheduled payment was not made." };
      if (await fail(payment.id, at, failure)) result.failed.push(payment.id);
    }
  }
  return result;
}
