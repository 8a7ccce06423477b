import type { PrismaClient } from "@prisma/client";
import { balanceFloor } from "./system-accounts";

/**
 * Every ledger invariant, checked from the database: entries of each posting sum to zero
 * (per currency); each account's booked balance equals the sum of its entries; no customer
 * account is below its floor (zero, or minus its overdraft / credit limit); each customer
 * account's booked statement lines also sum to its balance. Returns the
 * violations (empty when the ledger is sound); used by tests and available to operators.
 */
export async function checkLedgerInvariants(options: { db: PrismaClient; tenantId: string }): Promise<string[]> {
  const { db, tenantId } = options;
  const violations: string[] = [];

  const postings = await db.bankEntry.groupBy({ by: ["postingId", "currency"], where: { tenantId }, _sum: { amount: true } });
  for (const posting of postings) {
    if ((posting._sum.amount ?? 0n) !== 0n)
      violations.push(`posting ${posting.postingId} (${posting.currency}) sums to ${posting._sum.amount}`);
  }

  const sums = await db.bankEntry.groupBy({ by: ["accountId"], where: { tenantId }, _sum: { amount: true } });
  const sumByAccount = new Map(sums.map((row) => [row.accountId, row._sum.amount ?? 0n]));
  const lines = await db.bankTransaction.groupBy({ by: ["accountId"], where: { tenantId, status: "booked" }, _sum: { amount: true } });
  const linesByAccount = new Map(lines.map((row) => [row.accountId, row._sum.amount ?? 0n]));
  const accounts = await db.bankAccount.findMany({
    where: { tenantId },
    select: { id: true, customerId: true, bookedBalance: true, overdraftLimit: true, creditLimit: true },
  });
  for (const account of accounts) {
    const entries = sumByAccount.get(account.id) ?? 0n;
    if (entries !== account.bookedBalance)
      violations.push(`account ${account.id}: balance ${account.bookedBalance} but entries sum to ${entries}`);
    const statement = linesByAccount.get(account.id) ?? 0n;
    if (account.customerId !== null && statement !== account.bookedBalance)
      violations.push(`account ${account.id}: balance ${account.bookedBalance} but booked statement lines sum to ${statement}`);
    const floor = balanceFloor(account);
    if (floor !== null && account.bookedBalance < floor)
      violations.push(`account ${account.id}: balance ${account.bookedBalance} below floor ${floor}`);
  }
  return violations;
}
