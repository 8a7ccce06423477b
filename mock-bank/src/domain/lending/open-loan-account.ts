import { randomInt } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { ukIban } from "../../seed/iban";
import { BANK_CODE } from "../../seed/seed-tenant";

/** Loan and plan accounts share one sort code, like the accounts opened through the API share 990020. */
export const LOAN_SORT_CODE = "990030";

/**
 * Opens a loan's own ledger account inside the caller's transaction: type `loan`, zero
 * balance, and a credit limit of the principal, so the ledger lets the disbursement take it
 * to minus the principal (what is owed) and never further. Returns its id.
 */
export async function openLoanAccount(
  tx: Prisma.TransactionClient,
  options: { tenantId: string; customerId: string; name: string; principal: bigint; currency: string; now: Date },
): Promise<string> {
  const { tenantId, now } = options;
  let accountNumber = "";
  for (let attempt = 0; attempt < 5 && !accountNumber; attempt++) {
    const candidate = String(randomInt(10_000_000, 100_000_000));
    if (!(await tx.bankAccount.count({ where: { tenantId, sortCode: LOAN_SORT_CODE, accountNumber: candidate } })))
      accountNumber = candidate;
  }
  if (!accountNumber) throw new AppError("conflict", "Could not allocate an account number; retry.");
  const id = newId("account");
  await tx.bankAccount.create({
    data: {
      id,
      tenantId,
      customerId: options.customerId,
      type: "loan",
      name: options.name,
      currency: options.currency,
      status: "active",
      iban: ukIban(BANK_CODE, LOAN_SORT_CODE, accountNumber),
      sortCode: LOAN_SORT_CODE,
      accountNumber,
      bookedBalance: 0n,
      creditLimit: options.principal,
      openedAt: now,
      createdAt: now,
    },
  });
  return id;
}
