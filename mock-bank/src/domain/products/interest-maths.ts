/**
 * Deposit interest arithmetic, in integers wherever money is involved. Rates are percent
 * strings with two decimals ("4.10"); internally basis points (410).
 */

const DAY_MS = 86_400_000;

/** "4.10" → 410 basis points. */
export function rateToBasisPoints(rate: string): number {
  const match = /^(\d{1,3})\.(\d{2})$/.exec(rate);
  if (!match) throw new Error(`bad rate ${rate}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** 410 → "4.10". */
export function basisPointsToRate(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, "0")}`;
}

/**
 * The gross (nominal) annual rate that gives an AER when interest is paid `paymentsPerYear`
 * times a year (12 = monthly) and compounds: gross = n × ((1 + AER)^(1/n) − 1). For interest
 * paid once at the end of a term of `termYears` without compounding:
 * AER = (1 + gross × T)^(1/T) − 1, so gross = ((1 + AER)^T − 1) / T. Rounded to 2 decimals,
 * as UK banks quote it.
 */
export function grossRateFromAer(aer: string, payment: { paymentsPerYear: number } | { termYears: number }): string {
  const a = rateToBasisPoints(aer) / 10_000;
  const gross =
    "paymentsPerYear" in payment
      ? payment.paymentsPerYear * ((1 + a) ** (1 / payment.paymentsPerYear) - 1)
      : ((1 + a) ** payment.termYears - 1) / payment.termYears;
  return basisPointsToRate(Math.round(gross * 10_000));
}

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** The first instant of the month after `at` (UTC). */
export function startOfNextUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** `at` plus whole calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addUtcMonths(at: Date, months: number): Date {
  const target = new Date(
    Date.UTC(
      at.getUTCFullYear(),
      at.getUTCMonth() + months,
      1,
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return target;
}

/**
 * Balance at the end of each UTC day in [from, to) (both day starts), from today's balance
 * and the signed movements after `from`: the balance at the end of day D is the current
 * balance minus every movement at or after the start of day D + 1.
 */
export function endOfDayBalances(options: {
  from: Date;
  to: Date;
  currentBalance: bigint;
  movements: { at: Date; amount: bigint }[];
}): bigint[] {
  const { from, to, currentBalance } = options;
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  const later = [...options.movements].sort((a, b) => b.at.getTime() - a.at.getTime());
  const balances: bigint[] = new Array(days);
  let balance = currentBalance;
  let i = 0;
  for (let day = days - 1; day >= 0; day--) {
    const dayEnd = from.getTime() + (day + 1) * DAY_MS;
    while (i < later.length && later[i].at.getTime() >= dayEnd) balance -= later[i++].amount;
    balances[day] = balance;
  }
  return balances;
}

/**
 * Simple daily interest over the days: Σ max(balance, 0) × gross / 365, truncated to whole
 * minor units once at the end (the bank keeps the fraction), as UK banks compute it.
 */
export function dailyInterest(balances: bigint[], grossRate: string): bigint {
  const bp = BigInt(rateToBasisPoints(grossRate));
  let numerator = 0n;
  for (const balance of balances) if (balance > 0n) numerator += balance * bp;
  return numerator / (10_000n * 365n);
}
