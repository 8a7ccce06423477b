import { HistoryBuilder, type AccountKey, type PlannedTransaction, type TxInput } from "../../seed/history-builder";
import type { Rng } from "../../seed/prng";

/** An average month, as the seed's builder counts it. */
const MONTH_DAYS = 30.4375;
/**
 * Days after the seed are handed to a persona's history as `SHIFT - day` "days ago": a positive
 * number (the history's loops and weekday rules, `d % 7`, `d % 14`, expect one) congruent to
 * −day modulo 7 and 14, so weekends, paydays and fortnightly wages keep their rhythm.
 * Larger than twice any sandbox day (the clock runs at most ten years ahead).
 */
const SHIFT = 14_000;

/** Both legs of a move between a customer's own accounts: booked together, or not at all. */
export type PlannedTransfer = { out: PlannedTransaction; in: PlannedTransaction };

/**
 * A HistoryBuilder that runs a persona's own history description for one day after the seed
 * (`day` ≥ 0 days after the seed's anchor), so live activity continues the seeded story:
 * the same bills on the same phase of the month, the same spending habits, weekday rules and
 * merchants, drawn from a fresh random stream. Only that day's events are kept; accounts
 * that stopped moving in the seed (a frozen account) stay quiet. A card statement paid "in
 * full" pays `cardDebt`, the card's outstanding balance when the day is booked.
 */
export class LiveDayBuilder extends HistoryBuilder {
  readonly transfers: PlannedTransfer[] = [];

  constructor(
    anchor: Date,
    readonly liveDay: number,
    rng: Rng,
    private readonly quiet: readonly AccountKey[],
    private readonly cardDebt: bigint,
  ) {
    super(anchor, 1, rng);
    if (!Number.isInteger(liveDay) || liveDay < 0 || liveDay * 2 >= SHIFT) throw new Error(`live day ${liveDay} is out of range`);
  }

  override get days(): number[] {
    return [SHIFT - this.liveDay];
  }

  /** The monthly slots (negative months: after the seed) that may fall on this day, oldest first. */
  override get months(): number[] {
    const newest = Math.floor(-(this.liveDay + 28) / MONTH_DAYS);
    const oldest = Math.min(-1, Math.ceil(-this.liveDay / MONTH_DAYS));
    const months: number[] = [];
    for (let k = oldest; k >= newest; k--) months.push(k);
    return months;
  }

  override day(daysAgo: number, hour: number, minute = 0): Date {
    return super.day(daysAgo * 2 >= SHIFT ? daysAgo - SHIFT : daysAgo, hour, minute);
  }

  protected override accepts(account: AccountKey, at: Date): boolean {
    return this.daysAgo(at) === -this.liveDay && !this.quiet.includes(account);
  }

  override transfer(
    from: AccountKey,
    to: AccountKey,
    at: Date,
    amount: bigint,
    legs: { out: Omit<TxInput, "amount">; in: Omit<TxInput, "amount"> },
  ): void {
    const before = this.transactions.length;
    super.transfer(from, to, at, amount, legs);
    if (this.transactions.length === before + 2) this.transfers.push({ out: this.transactions[before], in: this.transactions[before + 1] });
  }

  override cardSpend(): bigint {
    return this.cardDebt;
  }
}
