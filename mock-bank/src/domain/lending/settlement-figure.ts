import { monthlyRate } from "./amortisation";
import type { LoanRow } from "./loan-dto";

/** Days in an average month: interest accrues daily between due dates at the monthly rate. */
const DAYS_PER_MONTH = 30.4375;
const DAY_MS = 86_400_000;

/**
 * What settles the loan today: the principal still owed, the interest of missed instalments,
 * and interest accrued on the scheduled balance since the last due date (or the start).
 */
export function settlementFigure(loan: LoanRow, now: Date): { principal: bigint; interest: bigint } {
  const principal = -loan.account.bookedBalance;
  const missed = loan.instalments.filter((line) => line.status === "missed");
  const missedInterest = missed.reduce((sum, line) => sum + line.interest, 0n);
  const scheduledBalance = principal - missed.reduce((sum, line) => sum + line.principal, 0n);
  const lastDue = loan.instalments.filter((line) => line.dueAt <= now).at(-1)?.dueAt ?? loan.createdAt;
  const months = Math.max(0, now.getTime() - lastDue.getTime()) / DAY_MS / DAYS_PER_MONTH;
  const accrued = BigInt(Math.round(Number(scheduledBalance) * (Math.pow(1 + monthlyRate(loan.apr), months) - 1)));
  return { principal, interest: missedInterest + accrued };
}
