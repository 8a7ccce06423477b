import type { Prisma } from "@prisma/client";
import type { SeedSummary } from "../../seed/seed-tenant";
import type { CustomCustomerDocumentInput } from "../../schemas/sandbox-customers";
import { planCustomCustomer } from "./plan-custom-customer";
import { takenNumbers } from "./taken-numbers";
import { writeCustomCustomer } from "./write-custom-customer";

/**
 * After a reset's reseed, in its transaction: each stored custom customer again, from its
 * document as of `now`, with its original creation time. A document that no longer plans (it
 * cannot happen for one that was accepted, but stored data outlives code) is dropped, not fatal.
 */
export async function rebuildCustomCustomers(
  tx: Prisma.TransactionClient,
  options: { tenantId: string; now: Date; stored: { document: string; createdAt: Date }[] },
): Promise<SeedSummary> {
  const { tenantId, now, stored } = options;
  const summary: SeedSummary = { customers: 0, accounts: 0, transactions: 0 };
  if (stored.length === 0) return summary;
  const taken = await takenNumbers(tx, tenantId);
  for (const row of stored) {
    const document = JSON.parse(row.document) as CustomCustomerDocumentInput;
    const result = planCustomCustomer({ tenantId, document, now, createdAt: row.createdAt, takenNumbers: taken, rebuild: true });
    if (!result.ok) continue;
    await writeCustomCustomer(tx, { plan: result.plan, document, createdAt: row.createdAt });
    summary.customers += 1;
    summary.accounts += result.plan.accounts.length;
    summary.transactions += result.plan.transactions.length;
  }
  return summary;
}
