import type { PrismaClient } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { BalancesDto } from "../../schemas/balances";
import { customerAccounts } from "./account-dto";
import { accountNotFound } from "./account-not-found";

/**
 * Booked, pending and available balances. Available = booked + pending debits + arranged
 * overdraft (or + credit limit for cards); pending credits are not spendable yet; a frozen
 * account has nothing available.
 */
export async function getBalances(options: { db: PrismaClient; tenantId: string; accountId: string; asOf: Date }): Promise<BalancesDto> {
  const { db, tenantId, accountId, asOf } = options;
  const account = await db.bankAccount.findFirst({
    where: { id: accountId, tenantId, ...customerAccounts },
    select: { id: true, type: true, currency: true, status: true, bookedBalance: true, overdraftLimit: true, creditLimit: true },
  });
  if (!account) throw accountNotFound(accountId);

  const pendingRows = await db.bankTransaction.findMany({
    where: { tenantId, accountId, status: "pending" },
    select: { amount: true },
  });
  let pending = 0n;
  let pendingDebits = 0n;
  for (const { amount } of pendingRows) {
    pending += amount;
    if (amount < 0n) pendingDebits += amount;
  }

  const isCard = account.type === "credit_card";
  const isCurrent = account.type === "current";
  const headroom = isCard ? account.creditLimit : isCurrent ? account.overdraftLimit : 0n;
  const spendable = account.bookedBalance + pendingDebits + headroom;
  const available = account.status === "active" && spendable > 0n ? spendable : 0n;
  const money = (minor: bigint) => toMoney(minor, account.currency);

  return {
    account_id: account.id,
    currency: account.currency,
    booked: money(account.bookedBalance),
    available: money(available),
    pending: money(pending),
    overdraft_limit: isCurrent ? money(account.overdraftLimit) : null,
    credit_limit: isCard ? money(account.creditLimit) : null,
    as_of: asOf.toISOString(),
  };
}
