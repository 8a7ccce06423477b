import type { PrismaClient } from "@prisma/client";
import { addUtcMonths } from "../products/interest-maths";
import { DAY_MS } from "./ais-mapping";

export type Frequency = "WEEK" | "FRTN" | "MNTH" | "ADHO";

/** One payee's series of collections (or orders) out of one account, oldest first. */
export type RecurringSeries = {
  accountId: string;
  /** The payee: the merchant, else the statement text. */
  payee: string;
  description: string;
  currency: string;
  payments: { id: string; amount: bigint; at: Date }[];
  frequency: Frequency;
  /** Every payment seen had the same amount. */
  fixed: boolean;
  /** Still running: the last payment is at most one and a half intervals old (tenant clock). */
  active: boolean;
  /** When the next one is due, for an active series. */
  next: Date | null;
};

const INTERVAL_DAYS: Record<Exclude<Frequency, "ADHO">, number> = { WEEK: 7, FRTN: 14, MNTH: 30.4375 };

/** The frequency the gaps between payments show (their median), else ad hoc. */
function frequencyOf(times: Date[]): Frequency {
  if (times.length < 2) return "ADHO";
  const gaps = times
    .slice(1)
    .map((at, i) => (at.getTime() - times[i].getTime()) / DAY_MS)
    .sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  if (median >= 6 && median <= 8) return "WEEK";
  if (median >= 13 && median <= 15) return "FRTN";
  if (median >= 27 && median <= 32) return "MNTH";
  return "ADHO";
}

function nextAfter(last: Date, frequency: Exclude<Frequency, "ADHO">): Date {
  return frequency === "MNTH" ? addUtcMonths(last, 1) : new Date(last.getTime() + INTERVAL_DAYS[frequency] * DAY_MS);
}

/**
 * The sandbox keeps no mandate or standing-order table: the seed (and the sandbox's own money
 * movements) write each collection as a statement line with its channel (`direct_debit`,
 * `standing_order`). The recurring payments of an account are derived from those lines, money out
 * only, grouped by payee: how often they come, whether the amount varies, and when the next one is
 * due while the series is still running. Deterministic: the same lines give the same series.
 */
export async function recurringSeries(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
  accountIds: string[];
  channel: "direct_debit" | "standing_order";
  tenantNow: Date;
}): Promise<RecurringSeries[]> {
  const { db, tenantId, customerId, accountIds, channel, tenantNow } = options;
  const lines = await db.bankTransaction.findMany({
    where: { tenantId, accountId: { in: accountIds }, account: { customerId }, channel, amount: { lt: 0n } },
    orderBy: [{ transactedAt: "asc" }, { id: "asc" }],
    select: { id: true, accountId: true, amount: true, currency: true, description: true, merchantName: true, transactedAt: true },
  });
  const groups = new Map<string, RecurringSeries>();
  for (const line of lines) {
    const payee = line.merchantName ?? line.description;
    const key = `${line.accountId}\0${payee}`;
    let series = groups.get(key);
    if (!series) {
      series = {
        accountId: line.accountId,
        payee,
        description: line.description,
        currency: line.currency,
        payments: [],
        frequency: "ADHO",
        fixed: true,
        active: false,
        next: null,
      };
      groups.set(key, series);
    }
    series.payments.push({ id: line.id, amount: -line.amount, at: line.transactedAt });
    series.description = line.description;
  }
  const out = [...groups.values()];
  for (const series of out) {
    series.frequency = frequencyOf(series.payments.map((payment) => payment.at));
    series.fixed = series.payments.every((payment) => payment.amount === series.payments[0].amount);
    const last = series.payments[series.payments.length - 1].at;
    if (series.frequency !== "ADHO") {
      series.active = tenantNow.getTime() - last.getTime() <= 1.5 * INTERVAL_DAYS[series.frequency] * DAY_MS;
      series.next = series.active ? nextAfter(last, series.frequency) : null;
    }
  }
  const key = (series: RecurringSeries) => `${series.accountId}\0${series.payee}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
