import type { Prisma, PrismaClient } from "@prisma/client";
import { customerAccounts } from "../accounts/account-dto";

/**
 * The accounts the Berlin Group surface shows under /accounts: the customers' accounts with an IBAN
 * (current, savings and fixed-term deposits), not closed. Credit cards are card accounts (no IBAN;
 * /card-accounts, bgCardWhere) and loans are not payment accounts.
 */
export const bgAccountWhere = {
  ...customerAccounts,
  iban: { not: null },
  status: { not: "closed" },
  type: { notIn: ["credit_card", "loan"] },
} as const satisfies Prisma.BankAccountWhereInput;

/** ISO 20022 ExternalCashAccountType1Code of our account types. */
export function cashAccountType(type: string): string {
  return type === "current" ? "CACC" : type === "credit_card" ? "CARD" : type === "loan" ? "LOAN" : "SVGS";
}

/** A customer's accounts a consent may cover, optionally only of some cash account types (`restrictedTo`). */
export async function eligibleAccountIds(
  db: PrismaClient | Prisma.TransactionClient,
  options: { tenantId: string; customerId: string; restrictedTo?: string[] },
): Promise<string[]> {
  const rows = await db.bankAccount.findMany({
    where: { ...bgAccountWhere, tenantId: options.tenantId, customerId: options.customerId },
    orderBy: { id: "asc" },
    select: { id: true, type: true },
  });
  const allowed = options.restrictedTo?.length ? new Set(options.restrictedTo) : null;
  return rows.filter((row) => !allowed || allowed.has(cashAccountType(row.type))).map((row) => row.id);
}

/** Card accounts (credit cards): named by their masked PAN, served under /card-accounts. */
export const bgCardWhere = {
  ...customerAccounts,
  type: "credit_card",
  maskedPan: { not: null },
  status: { not: "closed" },
} as const satisfies Prisma.BankAccountWhereInput;

/** How a consent names one account: by IBAN (payment accounts) or masked PAN (card accounts). */
export function referenceKey(reference: { iban?: string; maskedPan?: string }): string | null {
  if (reference.iban) return `iban:${reference.iban}`;
  if (reference.maskedPan) return `pan:${reference.maskedPan}`;
  return null;
}

/** The same key for a stored account. */
export const accountKey = (account: { iban: string | null; maskedPan: string | null }) =>
  account.iban ? `iban:${account.iban}` : `pan:${account.maskedPan ?? ""}`;
