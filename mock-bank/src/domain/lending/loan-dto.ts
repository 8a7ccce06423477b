import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { InstalmentDto, LoanDto } from "../../schemas/lending";

export const loanInclude = {
  instalments: { orderBy: { sequence: "asc" } },
  account: { select: { bookedBalance: true } },
} as const satisfies Prisma.BankLoanInclude;

export type LoanRow = Prisma.BankLoanGetPayload<{ include: typeof loanInclude }>;
type InstalmentRow = LoanRow["instalments"][number];

export function toInstalmentDto(row: InstalmentRow, currency: string): InstalmentDto {
  return {
    sequence: row.sequence,
    due_at: row.dueAt.toISOString(),
    amount: toMoney(row.amount, currency),
    principal: toMoney(row.principal, currency),
    interest: toMoney(row.interest, currency),
    status: row.status as InstalmentDto["status"],
    paid_at: row.paidAt ? row.paidAt.toISOString() : null,
    failed_attempts: row.failedAttempts,
  };
}

/** A loan or plan with its schedule; what is owed is the negative balance of its own account. */
export function toLoanDto(row: LoanRow): LoanDto {
  const money = (minor: bigint) => toMoney(minor, row.currency);
  const schedule = row.instalments.map((line) => toInstalmentDto(line, row.currency));
  const next = row.instalments.find((line) => line.status !== "paid");
  return {
    id: row.id,
    kind: row.kind as LoanDto["kind"],
    customer_id: row.customerId,
    status: row.status as LoanDto["status"],
    account_id: row.accountId,
    repayment_account_id: row.repaymentAccountId,
    offer_id: row.offerId,
    principal: money(row.principal),
    apr: row.apr,
    instalment_count: row.instalmentCount,
    frequency: row.frequency as LoanDto["frequency"],
    instalment_amount: money(row.instalmentAmount),
    total_repayable: money(row.instalments.reduce((sum, line) => sum + line.amount, 0n)),
    outstanding_balance: money(row.account.bookedBalance < 0n ? -row.account.bookedBalance : 0n),
    amount_paid: money(row.instalments.filter((line) => line.status === "paid").reduce((sum, line) => sum + line.amount, 0n)),
    next_instalment: next ? toInstalmentDto(next, row.currency) : null,
    merchant_name: row.merchantName,
    description: row.description,
    schedule,
    created_at: row.createdAt.toISOString(),
    paid_off_at: row.paidOffAt ? row.paidOffAt.toISOString() : null,
  };
}
