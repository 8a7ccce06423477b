import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId, stableId } from "@openbank/contracts/ids";
import { LEDGER_CURRENCIES, systemAccountId } from "../ledger/system-accounts";
import { getSandboxCustomerOrThrow } from "./get-sandbox-customer-or-throw";

/**
 * Removes a custom customer with its accounts, history and stored document. The ledger stays
 * sound: its opening postings go, and every other posting that touched its accounts (a payment
 * to a persona, say) gets a leg on the opening-balances account in place of the removed one.
 */
export async function deleteCustomCustomer(options: { db: PrismaClient; tenantId: string; customerId: string; now: Date }): Promise<void> {
  const { db, tenantId, customerId, now } = options;
  const customer = await getSandboxCustomerOrThrow({ db, tenantId, customerId });
  if (customer.source === "persona")
    throw new AppError("conflict", `${customer.handle} is a persona: personas cannot be deleted (reset the sandbox to restore them).`);
  const accountIds = customer.accounts.map((a) => a.id);
  const openingPostings = LEDGER_CURRENCIES.map((currency) => stableId("posting", tenantId, `${customer.handle}:opening:${currency}`));
  await db.$transaction(
    async (tx) => {
      const undo = await tx.bankEntry.groupBy({
        by: ["accountId"],
        where: { tenantId, postingId: { in: openingPostings }, accountId: { notIn: accountIds } },
        _sum: { amount: true },
      });
      for (const row of undo)
        await tx.bankAccount.update({ where: { id: row.accountId }, data: { bookedBalance: { decrement: row._sum.amount ?? 0n } } });
      await tx.bankPosting.deleteMany({ where: { tenantId, id: { in: openingPostings } } });
      const legs = await tx.bankEntry.groupBy({
        by: ["postingId", "currency"],
        where: { tenantId, accountId: { in: accountIds } },
        _sum: { amount: true },
      });
      for (const leg of legs) {
        const amount = leg._sum.amount ?? 0n;
        if (amount === 0n) continue;
        const accountId = systemAccountId(tenantId, "opening", leg.currency);
        await tx.bankEntry.create({
          data: { id: newId("entry"), tenantId, postingId: leg.postingId, accountId, amount, currency: leg.currency, createdAt: now },
        });
        await tx.bankAccount.update({ where: { id: accountId }, data: { bookedBalance: { increment: amount } } });
      }
      await tx.bankCustomer.deleteMany({ where: { tenantId, id: customerId } });
      await tx.bankCustomCustomer.deleteMany({ where: { tenantId, id: customerId } });
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
