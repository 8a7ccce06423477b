/**
 * Repayment schedules in integer minor units. The monthly rate comes from the APR as UK
 * APRs are defined (an annual compound rate): r = (1 + APR)^(1/12) − 1; the level payment is
 * the standard annuity P·r / (1 − (1 + r)^−n), rounded to the minor unit. Each instalment's
 * interest is the outstanding balance × r, rounded; the final instalment repays whatever
 * principal is left, so the principal parts always sum exactly to the amount borrowed.
 */

export type ScheduleLine = {
  /** 1-based. */
  sequence: number;
  amount: bigint;
  principal: bigint;
  interest: bigint;
  /** Principal still owed after this instalment. */
  balanceAfter: bigint;
};

export type Schedule = {
  /** The level instalment (the final one may differ by the rounding). */
  payment: bigint;
  lines: ScheduleLine[];
  totalRepayable: bigint;
  totalInterest: bigint;
};

/** "6.40" (percent) → 0.064. */
export function aprFraction(apr: string): number {
  return Number(apr) / 100;
}

/** The monthly rate equivalent to an annual percentage rate (UK APR: annual compounding). */
export function monthlyRate(apr: string): number {
  return Math.pow(1 + aprFraction(apr), 1 / 12) - 1;
}

/** Rounds a non-negative number of minor units half up. */
function roundMinor(value: number): bigint {
  return BigInt(Math.round(value));
}

/** The level instalment that repays `principal` in `count` periods at `rate` per period. */
export function levelPayment(principal: bigint, rate: number, count: number): bigint {
  if (count < 1) throw new Error("count must be at least 1");
  if (rate === 0) return roundMinor(Number(principal) / count);
  return roundMinor((Number(principal) * rate) / (1 - Math.pow(1 + rate, -count)));
}

/** The principal a level instalment of `payment` repays over `count` periods (the annuity's present value). */
export function principalFor(payment: bigint, rate: number, count: number): bigint {
  if (payment <= 0n) return 0n;
  if (rate === 0) return payment * BigInt(count);
  return BigInt(Math.floor((Number(payment) * (1 - Math.pow(1 + rate, -count))) / rate));
}

/** The schedule of `count` instalments at `rate` per period (a monthly rate from `monthlyRate`, or 0). */
export function buildSchedule(principal: bigint, rate: number, count: number): Schedule {
  if (principal <= 0n) throw new Error("principal must be positive");
  const payment = levelPayment(principal, rate, count);
  const lines: ScheduleLine[] = [];
  let balance = principal;
  for (let sequence = 1; sequence <= count; sequence++) {
    const interest = roundMinor(Number(balance) * rate);
    const last = sequence === count;
    // Never repay more than is owed (tiny loans, rounding), and repay all of it at the end.
    let repaid = last ? balance : payment - interest;
    if (repaid > balance) repaid = balance;
    if (repaid < 0n) repaid = 0n;
    balance -= repaid;
    lines.push({ sequence, amount: repaid + interest, principal: repaid, interest, balanceAfter: balance });
  }
  const totalRepayable = lines.reduce((sum, line) => sum + line.amount, 0n);
  return { payment, lines, totalRepayable, totalInterest: totalRepayable - principal };
}

/** Adds calendar months, keeping the day of month where it exists (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}
