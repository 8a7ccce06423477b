import type { PrismaClient } from "@prisma/client";
import type { ObAccount } from "../../schemas/open-banking/ais-accounts";
import { accountIdentifiers, depositProductOf, fit, holderName, identifierSelect } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";

const TYPE_CODES: Record<string, ObAccount["AccountTypeCode"]> = {
  current: "CACC",
  savings: "SVGS",
  fixed_term: "SVGS",
  credit_card: "CARD",
  loan: "LOAN",
};
const STATUSES: Record<string, ObAccount["Status"]> = { active: "Enabled", frozen: "Disabled", closed: "Deleted" };

/**
 * The consent's accounts as OBAccount6, read from the same rows as /v1's accounts (AccountId is the
 * `acc_…` id). Only the customer's own accounts among those they chose; identifiers (Account) only
 * with ReadAccountsDetail. `accountId` narrows to one (already checked to be in the consent).
 */
export async function listAisAccounts(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountId?: string;
}): Promise<ObAccount[]> {
  const { db, tenantId, call, accountId } = options;
  const rows = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountId ? [accountId] : call.accountIds } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      type: true,
      productId: true,
      name: true,
      currency: true,
      status: true,
      openedAt: true,
      maturesAt: true,
      ...identifierSelect,
      customer: { select: { givenName: true, familyName: true, kind: true } },
    },
  });
  return rows.map((row) => {
    const product = depositProductOf(row);
    return {
      AccountId: row.id,
      Status: STATUSES[row.status] ?? "Enabled",
      Currency: row.currency,
      AccountCategory: row.customer?.kind === "business" ? "Business" : "Personal",
      AccountTypeCode: TYPE_CODES[row.type] ?? "CACC",
      ...(product ? { Description: fit(product.name, 35) } : {}),
      Nickname: fit(row.name, 70),
      OpeningDate: row.openedAt.toISOString(),
      ...(row.maturesAt ? { MaturityDate: row.maturesAt.toISOString() } : {}),
      ...(call.grant.accountsDetail ? { Account: accountIdentifiers(row, row.customer ? holderName(row.customer) : undefined) } : {}),
    };
  });
}
