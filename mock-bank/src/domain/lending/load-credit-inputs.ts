import type { PrismaClient } from "@prisma/client";
import { COMMITMENT_WINDOW_DAYS, creditInputs } from "./credit-inputs";

const DAY_MS = 86_400_000;

/** The decision's inputs as the bank holds them now: the customer, their accounts, recent statements and our loans. */
export async function loadCreditInputs(db: PrismaClient, tenantId: string, customerId: string, now: Date) {
  const customer = await db.bankCustomer.findFirst({
    where: { id: customerId, tenantId },
    select: { id: true, kycStatus: true, creditScore: true, annualIncome: true },
  });
  if (!customer) return null;
  const [accounts, recentDebits, loans] = await Promise.all([
    db.bankAccount.findMany({ where: { tenantId, customerId }, select: { id: true, type: true, status: true, bookedBalance: true } }),
    db.bankTransaction.findMany({
      // Our own loans' lines (channel loan) are left out: their instalments are counted from the loans.
      where: {
        tenantId,
        account: { customerId },
        channel: { not: "loan" },
        status: "booked",
        amount: { lt: 0n },
        bookedAt: { gt: new Date(now.getTime() - COMMITMENT_WINDOW_DAYS * DAY_MS), lte: now },
      },
      select: { category: true, amount: true },
    }),
    db.bankLoan.findMany({
      where: { tenantId, customerId, status: { not: "paid_off" } },
      select: { status: true, frequency: true, instalmentAmount: true },
    }),
  ]);
  return { customer, inputs: creditInputs({ customer, accounts, recentDebits, loans }) };
}
