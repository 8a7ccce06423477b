import type { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { cardBookingMoment, PENDING_DAYS, startOfUtcDay } from "../../seed/history-builder";
import { recordEvents } from "../events/record-event";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto, transactionSelect } from "../transactions/transaction-dto";

const DAY_MS = 86_400_000;

/**
 * Books the tenant's pending card payments that the clock has left behind, by the seed's
 * own rule: a card payment stays pending while it was made at most PENDING_DAYS days before
 * today (today, yesterday, the day before), and books at the midnight that ends that
 * (cardBookingMoment): its `booked_at` and its `transaction.booked` event's timestamp are that
 * moment on the sandbox clock, not the end of the advance that crossed it. Each booking moves the account's
 * booked balance, is a ledger posting against the external settlement account (the card
 * scheme's side) so entries keep matching balances, and writes a `transaction.booked` event.
 * Authorised payments always book, even past the account's limit, as at a real bank.
 * Returns how many were booked.
 */
export async function bookDueCardPayments(options: { tx: Prisma.TransactionClient; tenantId: string; now: Date }): Promise<number> {
  const { tx, tenantId, now } = options;
  const cutoff = new Date(startOfUtcDay(now).getTime() - PENDING_DAYS * DAY_MS);
  const due = await tx.bankTransaction.findMany({
    where: { tenantId, status: "pending", channel: "card", transactedAt: { lt: cutoff } },
    select: { id: true, accountId: true, amount: true, currency: true, transactedAt: true },
    orderBy: [{ transactedAt: "asc" }, { id: "asc" }],
  });
  const external = systemAccountId(tenantId, "external");
  for (const line of due) {
    const bookedAt = cardBookingMoment(line.transactedAt);
    const booked = await tx.bankTransaction.update({
      where: { id: line.id },
      data: { status: "booked", bookedAt },
      select: transactionSelect,
    });
    await tx.bankAccount.update({ where: { id: line.accountId }, data: { bookedBalance: { increment: line.amount } } });
    await tx.bankAccount.update({ where: { id: external }, data: { bookedBalance: { increment: -line.amount } } });
    const postingId = newId("posting");
    await tx.bankPosting.create({ data: { id: postingId, tenantId, kind: "settlement", reference: line.id, postedAt: bookedAt } });
    await tx.bankEntry.createMany({
      data: [
        {
          id: newId("entry"),
          tenantId,
          postingId,
          accountId: line.accountId,
          amount: line.amount,
          currency: line.currency,
          createdAt: bookedAt,
        },
        {
          id: newId("entry"),
          tenantId,
          postingId,
          accountId: external,
          amount: -line.amount,
          currency: line.currency,
          createdAt: bookedAt,
        },
      ],
    });
    await recordEvents(tx, tenantId, bookedAt, [{ type: "transaction.booked", object: toTransactionDto(booked) }]);
  }
  return due.length;
}
