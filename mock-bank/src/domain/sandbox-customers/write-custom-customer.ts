import type { Prisma } from "@prisma/client";
import { insertStatementLines } from "../../seed/insert-statement-lines";
import type { CustomCustomerDocumentInput } from "../../schemas/sandbox-customers";
import type { PlannedCustomCustomer } from "./plan-custom-customer";

/**
 * Writes a planned custom customer and its stored document inside the caller's transaction: the
 * customer, its accounts, statement lines and opening postings, and the opening-balances accounts
 * moved by the same amounts, so every ledger invariant holds after it as before.
 */
export async function writeCustomCustomer(
  tx: Prisma.TransactionClient,
  options: { plan: PlannedCustomCustomer; document: CustomCustomerDocumentInput; createdAt: Date },
): Promise<void> {
  const { plan, document, createdAt } = options;
  const customerId = plan.customer.id!;
  await tx.bankCustomCustomer.create({
    data: { id: customerId, tenantId: plan.customer.tenantId, handle: document.handle, document: JSON.stringify(document), createdAt },
  });
  await tx.bankCustomer.create({ data: plan.customer });
  await tx.bankAccount.createMany({ data: plan.accounts });
  for (const statement of insertStatementLines(tx, plan.transactions)) await statement;
  if (plan.postings.length > 0) await tx.bankPosting.createMany({ data: plan.postings });
  if (plan.entries.length > 0) await tx.bankEntry.createMany({ data: plan.entries });
  for (const move of plan.openingMoves)
    await tx.bankAccount.update({ where: { id: move.accountId }, data: { bookedBalance: { increment: move.amount } } });
}
