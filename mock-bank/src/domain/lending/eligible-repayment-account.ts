import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { customerAccounts } from "../accounts/account-dto";
import { accountNotFound } from "../accounts/account-not-found";

/**
 * The current account a loan is paid into and collected from: one of the tenant's accounts
 * (else 404), a GBP current account of the borrower (else 422 account_not_eligible), and not
 * frozen (422 account_frozen).
 */
export async function eligibleRepaymentAccount(
  db: PrismaClient,
  options: { tenantId: string; accountId: string; customerId?: string; pointer: string },
) {
  const { tenantId, accountId, pointer } = options;
  const account = await db.bankAccount.findFirst({
    where: { id: accountId, tenantId, ...customerAccounts },
    select: { id: true, customerId: true, type: true, currency: true, status: true },
  });
  const errors = (detail: string) => ({ errors: [{ pointer, detail }] });
  if (!account) throw new AppError("resource_not_found", accountNotFound(accountId).message, errors("no such account"));
  if (options.customerId && account.customerId !== options.customerId)
    throw new AppError(
      "account_not_eligible",
      `Account ${account.id} belongs to another customer than the applicant.`,
      errors("belongs to another customer"),
    );
  if (account.type !== "current")
    throw new AppError(
      "account_not_eligible",
      `Account ${account.id} is a ${account.type.replace("_", " ")} account; use a current account.`,
      errors("must be a current account"),
    );
  if (account.currency !== "GBP")
    throw new AppError(
      "account_not_eligible",
      `Account ${account.id} holds ${account.currency}; loans are in GBP.`,
      errors("must be a GBP account"),
    );
  if (account.status !== "active") throw new AppError("account_frozen", `Account ${account.id} is frozen.`, errors("is frozen"));
  return { id: account.id, customerId: account.customerId! };
}
