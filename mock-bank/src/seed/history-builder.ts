import type { Rng } from "./prng";
import type { SeedMerchant } from "./merchants";

export type AccountKey = "current" | "savings" | "credit_card";

export type Channel = "card" | "direct_debit" | "standing_order" | "faster_payment" | "transfer" | "interest" | "fee";

export type PlannedTransaction = {
  account: AccountKey;
  transactedAt: Date;
  bookedAt: Date | null;
  /** Signed minor units: negative is money out. */
  amount: bigint;
  description: string;
  merchant: SeedMerchant | null;
  category: string;
  channel: Channel;
};

export type TxInput = {
  amount: bigint;
  description: string;
  merchant?: SeedMerchant;
  category: string;
  channel: Channel;
};

const DAY_MS = 86_400_000;
/** Card payments from the last PENDING_DAYS days are still pending. */
export const PENDING_DAYS = 2;

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/**
 * When a card payment books: the UTC midnight that ends the PENDING_DAYS-th day after the day it
 * was made (made on the 1st at any time, it books at 00:00 on the 4th). Its `booked_at`, the
 * `transaction.booked` event's timestamp and the moment the sandbox flips it are all this instant.
 */
export function cardBookingMoment(transactedAt: Date): Date {
  return new Date(startOfUtcDay(transactedAt).getTime() + (PENDING_DAYS + 1) * DAY_MS);
}

/** An average month, so monthly events stay within a day of the same date without depending on the calendar. */
const MONTH_DAYS = 30.4375;
const MAX_PHASE_DAYS = 27;

/**
 * Collects one persona's history. Every date is a whole number of days before `anchor` (the
 * UTC midnight of the tenant's seededAt) plus a time of day, 1…historyDays days back, so the
 * same seed gives the same transactions, amounts, order and statuses whatever the date.
 */
export class HistoryBuilder {
  readonly transactions: PlannedTransaction[] = [];

  constructor(
    readonly anchor: Date,
    readonly historyDays: number,
    readonly rng: Rng,
    /** Accounts that take no movements in the last N days (a frozen account). */
    private readonly quietDays: Partial<Record<AccountKey, number>> = {},
  ) {}

  /** Months that have a monthly event, oldest first: [n-1, …, 0]. Phases stay ≤ 27 days. */
  get months(): number[] {
    const count = Math.floor((this.historyDays - 1 - MAX_PHASE_DAYS) / MONTH_DAYS) + 1;
    return Array.from({ length: count }, (_, i) => count - 1 - i);
  }

  /** Days with daily activity, oldest first: historyDays-1 … 1. */
  get days(): number[] {
    return Array.from({ length: this.historyDays - 1 }, (_, i) => this.historyDays - 1 - i);
  }

  day(daysAgo: number, hour: number, minute = 0): Date {
    return new Date(this.anchor.getTime() - daysAgo * DAY_MS + (hour * 60 + minute) * 60_000);
  }

  /**
   * The monthly slot `monthsAgo` months back, `phaseDays` (1…27) earlier. Months are whole
   * days from the anchor (never calendar months), so the seed does not depend on its date.
   */
  month(monthsAgo: number, phaseDays: number, hour: number, minute = 0): Date {
    if (phaseDays < 1 || phaseDays > MAX_PHASE_DAYS) throw new Error(`phase ${phaseDays} is outside 1…${MAX_PHASE_DAYS}`);
    return this.day(Math.round(monthsAgo * MONTH_DAYS) + phaseDays, hour, minute);
  }

  daysAgo(at: Date): number {
    return Math.round((this.anchor.getTime() - startOfUtcDay(at).getTime()) / DAY_MS);
  }

  protected accepts(account: AccountKey, at: Date): boolean {
    const ago = this.daysAgo(at);
    if (ago < 1 || ago > this.historyDays) throw new Error(`seed event ${ago} days ago is outside the history window`);
    return ago >= (this.quietDays[account] ?? 0);
  }

  private push(account: AccountKey, at: Date, tx: TxInput): void {
    const pending = tx.channel === "card" && this.daysAgo(at) <= PENDING_DAYS;
    // Card payments book by the sandbox's rule (cardBookingMoment); everything else books when it happens.
    const bookedAt = pending ? null : tx.channel === "card" ? cardBookingMoment(at) : at;
    this.transactions.push({ account, transactedAt: at, bookedAt, merchant: tx.merchant ?? null, ...tx });
  }

  add(account: AccountKey, at: Date, tx: TxInput): void {
    if (this.accepts(account, at)) this.push(account, at, tx);
  }

  /** Both legs of a move between two of the persona's accounts, or neither. */
  transfer(
    from: AccountKey,
    to: AccountKey,
    at: Date,
    amount: bigint,
    legs: { out: Omit<TxInput, "amount">; in: Omit<TxInput, "amount"> },
  ): void {
    if (amount <= 0n || !this.accepts(from, at) || !this.accepts(to, at)) return;
    this.push(from, at, { ...legs.out, amount: -amount });
    this.push(to, at, { ...legs.in, amount });
  }

  /** Sum of booked card spending on an account in (after, until]: what a statement would ask for. */
  cardSpend(account: AccountKey, after: Date, until: Date): bigint {
    let total = 0n;
    for (const tx of this.transactions) {
      if (tx.account !== account || tx.bookedAt === null) continue;
      if (tx.transactedAt > after && tx.transactedAt <= until && tx.channel !== "transfer" && tx.channel !== "direct_debit")
        total += tx.amount;
    }
    return -total;
  }
}
