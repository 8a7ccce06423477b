import type { Prisma } from "@prisma/client";

/** Account numbers and card PAN endings already used in a tenant: a new custom account takes another. */
export async function takenNumbers(db: Pick<Prisma.TransactionClient, "bankAccount">, tenantId: string): Promise<Set<string>> {
  const rows = await db.bankAccount.findMany({
    where: { tenantId, OR: [{ accountNumber: { not: null } }, { maskedPan: { not: null } }] },
    select: { accountNumber: true, maskedPan: true },
  });
  return new Set(rows.flatMap((row) => [row.accountNumber, row.maskedPan?.slice(-4)].filter((v): v is string => Boolean(v))));
}
