import type { PrismaClient } from "@prisma/client";
import { accountIdentifiers, fit, holderName, identifierSelect } from "./ais-mapping";

type Creditor = {
  creditorType: string;
  creditorAccountId: string | null;
  creditorName: string | null;
  creditorIban: string | null;
  creditorSortCode: string | null;
  creditorAccountNumber: string | null;
};

export type CashAccount = { SchemeName: string; Identification: string; Name?: string };

/** The payee of a BankPayment as the payer entered it: what identifies it, for grouping. */
export const creditorKey = (payment: Creditor) =>
  payment.creditorType === "account"
    ? `account:${payment.creditorAccountId}`
    : payment.creditorType === "iban"
      ? `iban:${payment.creditorIban}`
      : `sort_code:${payment.creditorSortCode}${payment.creditorAccountNumber}`;

/**
 * The creditor accounts of payments as the UK standard identifies them: a sort code and number, an
 * IBAN, or (for a payee that is one of the bank's accounts, named by id in /v1) that account's own
 * identifiers and holder.
 */
export async function creditorAccounts(db: PrismaClient, tenantId: string, payments: Creditor[]): Promise<Map<string, CashAccount>> {
  const internalIds = [
    ...new Set(payments.filter((p) => p.creditorType === "account" && p.creditorAccountId).map((p) => p.creditorAccountId!)),
  ];
  const internal = internalIds.length
    ? await db.bankAccount.findMany({
        where: { tenantId, id: { in: internalIds } },
        select: { id: true, ...identifierSelect, customer: { select: { givenName: true, familyName: true } } },
      })
    : [];
  const byId = new Map(internal.map((account) => [account.id, account]));
  const out = new Map<string, CashAccount>();
  for (const payment of payments) {
    const key = creditorKey(payment);
    if (out.has(key)) continue;
    const name = payment.creditorName ? { Name: fit(payment.creditorName, 350) } : {};
    if (payment.creditorType === "sort_code" && payment.creditorSortCode && payment.creditorAccountNumber)
      out.set(key, {
        SchemeName: "UK.OBIE.SortCodeAccountNumber",
        Identification: `${payment.creditorSortCode}${payment.creditorAccountNumber}`,
        ...name,
      });
    else if (payment.creditorType === "iban" && payment.creditorIban)
      out.set(key, { SchemeName: "UK.OBIE.IBAN", Identification: payment.creditorIban, ...name });
    else if (payment.creditorAccountId) {
      const account = byId.get(payment.creditorAccountId);
      const [first] = account ? accountIdentifiers(account, account.customer ? holderName(account.customer) : undefined) : [];
      if (first) out.set(key, first);
    }
  }
  return out;
}
