import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import { recordEvents } from "../events/record-event";
import { postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { findDepositProduct } from "./deposit-products";
import { dailyInterest, endOfDayBalances, grossRateFromAer, startOfNextUtcMonth, startOfUtcDay } from "./interest-maths";

const DAY_MS = 86_400_000;

/** The due interest periods of an account: [from, to) day ranges, each paid at `to` (or at maturity). */
export function duePeriods(options: { from: Date; now: Date; maturesAt: Date | null }): { from: Date; to: Date; paidAt: Date }[] {
  const { now, maturesAt } = options;
  if (maturesAt) {
    const end = startOfUtcDay(maturesAt);
    return maturesAt <= now && options.from < end ? [{ from: options.from, to: end, paidAt: maturesAt }] : [];
  }
  const periods: { from: Date; to: Date; paidAt: Date }[] = [];
  for (let from = options.from, to = startOfNextUtcMonth(from); to <= now; from = to, to = startOfNextUtcMonth(to))
    periods.push({ from, to, paidAt: to });
  return periods;
}

/**
 * Clock step: pays the interest that became due on savings accounts (monthly, on the 1st, for
 * the month before) and fixed-term bonds (at maturity, for the whole term). Interest accrues
 * daily on each day's end-of-day balance at the product's gross rate (a seeded account's AER
 * converted for monthly payment), from `interestPaidTo`, or for an account never paid yet
 * from the day it opened or the tenant was seeded (the seed's history already pays interest
 * up to then). Each payment is a ledger posting from the bank's interest expense account with
 * an "Interest paid" statement line and `account.interest_paid` + `transaction.booked`
 * events; a frozen account is still paid. Returns how many payments were made.
 */
export async function payDueInterest(options: { tx: Prisma.TransactionClient; tenantId: string; now: Date }): Promise<number> {
  const { tx, tenantId, now } = options;
  const tenant = await tx.bankTenant.findUniqueOrThrow({ where: { id: tenantId }, select: { seededAt: true } });
  const accounts = await tx.bankAccount.findMany({
    where: {
      tenantId,
      customerId: { not: null },
      type: { in: ["savings", "fixed_term"] },
      interestRate: { not: null },
      status: { not: "closed" },
    },
    select: {
      id: true,
      currency: true,
      productId: true,
      interestRate: true,
      bookedBalance: true,
      openedAt: true,
      maturesAt: true,
      interestPaidTo: true,
    },
    orderBy: { id: "asc" },
  });
  const expense = systemAccountId(tenantId, "interestExpense");
  let paid = 0;
  for (const account of accounts) {
    const start = account.interestPaidTo ?? startOfUtcDay(account.openedAt > tenant.seededAt ? account.openedAt : tenant.seededAt);
    const periods = duePeriods({ from: start, now, maturesAt: account.maturesAt });
    if (!periods.length) continue;
    const product = account.productId ? findDepositProduct(account.productId) : undefined;
    const grossRate = product?.grossRate ?? grossRateFromAer(account.interestRate!, { paymentsPerYear: 12 });
    // The opening posting is the balance brought forward, not a movement (a backfilled one is dated when it was written).
    const entries = await tx.bankEntry.findMany({
      where: { tenantId, accountId: account.id, createdAt: { gte: start }, posting: { kind: { not: "opening" } } },
      select: { amount: true, createdAt: true },
    });
    const movements = entries.map((entry) => ({ at: entry.createdAt, amount: entry.amount }));
    let balance = account.bookedBalance;
    for (const period of periods) {
      const later = movements.filter((movement) => movement.at >= period.from);
      const amount = dailyInterest(
        endOfDayBalances({ from: period.from, to: period.to, currentBalance: balance, movements: later }),
        grossRate,
      );
      if (amount > 0n) {
        const posted = await postTransfer(tx, {
          tenantId,
          kind: "interest",
          reference: account.id,
          currency: account.currency,
          postedAt: period.paidAt,
          legs: [
            { accountId: expense, amount: -amount },
            {
              accountId: account.id,
              amount,
              line: { description: "Interest paid", category: "interest", channel: "interest" },
              allowFrozen: true,
            },
          ],
        });
        const line = toTransactionDto(posted.lines[0]);
        const payment = {
          account_id: account.id,
          amount: toMoney(amount, account.currency),
          gross_rate: grossRate,
          aer: account.interestRate,
          period_start: period.from.toISOString().slice(0, 10),
          period_end: new Date(period.to.getTime() - DAY_MS).toISOString().slice(0, 10),
          transaction_id: line.id,
          paid_at: period.paidAt.toISOString(),
        };
        await recordEvents(tx, tenantId, period.paidAt, [
          { type: "account.interest_paid", object: payment },
          { type: "transaction.booked", object: line },
        ]);
        movements.push({ at: period.paidAt, amount });
        balance += amount;
        paid++;
      }
      await tx.bankAccount.update({ where: { id: account.id }, data: { interestPaidTo: period.to } });
    }
  }
  return paid;
}
