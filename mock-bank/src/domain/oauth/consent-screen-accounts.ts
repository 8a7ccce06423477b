import type { PrismaClient } from "@prisma/client";
import type { ConsentScreenAccount } from "./authorization-outcome";

/** The logged-in customer's accounts, as the consent screen lists them. */
export async function consentScreenAccounts(
  db: PrismaClient,
  request: { tenantId: string; customerId: string },
): Promise<ConsentScreenAccount[]> {
  const rows = await db.bankAccount.findMany({
    where: { tenantId: request.tenantId, customerId: request.customerId, status: { not: "closed" } },
    orderBy: { id: "asc" },
    select: { id: true, name: true, type: true, status: true, accountNumber: true, maskedPan: true, sortCode: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    identifier:
      row.maskedPan ??
      (row.sortCode && row.accountNumber
        ? `${row.sortCode.replace(/(\d\d)(\d\d)(\d\d)/, "$1-$2-$3")} ····${row.accountNumber.slice(-4)}`
        : ""),
  }));
}
