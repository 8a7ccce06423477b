import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import type { ObBeneficiary } from "../../schemas/open-banking/ais-resources";
import { fit } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";
import { creditorAccounts, creditorKey } from "./ais-creditor-account";

/**
 * The sandbox keeps no payee list: an account's beneficiaries are derived from the payments it has
 * made (the BankPayments /v1 lists, whichever API made them), one per creditor, failed ones aside,
 * with the reference of the latest payment. CreditorAccount only with ReadBeneficiariesDetail.
 * BeneficiaryId is stable per account and creditor.
 */
export async function listAisBeneficiaries(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
}): Promise<ObBeneficiary[]> {
  const { db, tenantId, call, accountIds } = options;
  const owned = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountIds } },
    select: { id: true },
  });
  const payments = await db.bankPayment.findMany({
    where: { tenantId, debtorAccountId: { in: owned.map((account) => account.id) }, status: { not: "failed" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const identified = call.grant.beneficiariesDetail ? await creditorAccounts(db, tenantId, payments) : new Map();
  const seen = new Set<string>();
  const out: ObBeneficiary[] = [];
  for (const payment of payments) {
    const key = creditorKey(payment);
    if (seen.has(`${payment.debtorAccountId}\0${key}`)) continue;
    seen.add(`${payment.debtorAccountId}\0${key}`);
    const creditor = identified.get(key);
    out.push({
      AccountId: payment.debtorAccountId,
      BeneficiaryId: stableId("beneficiary", payment.debtorAccountId, key),
      BeneficiaryType: "Ordinary",
      ...(payment.reference ? { Reference: fit(payment.reference, 35) } : {}),
      ...(creditor ? { CreditorAccount: creditor } : {}),
    });
  }
  return out.sort((a, b) => (a.AccountId === b.AccountId ? 0 : a.AccountId < b.AccountId ? -1 : 1));
}
