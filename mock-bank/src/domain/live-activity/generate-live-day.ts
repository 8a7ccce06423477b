import type { AccountKey, PlannedTransaction } from "../../seed/history-builder";
import type { PersonaSpec } from "../../seed/personas";
import { createRng, hashSeed } from "../../seed/prng";
import { LiveDayBuilder } from "./live-day-builder";

/** One thing that happens: a single statement line (with the outside world), or a move between a customer's own accounts. */
export type LiveItem =
  { kind: "single"; at: Date; tx: PlannedTransaction } | { kind: "transfer"; at: Date; out: PlannedTransaction; in: PlannedTransaction };

/** Who live activity moves: a persona (or, later, a custom customer) with its history description. */
export type LiveSubject = {
  /** The persona's key or the custom customer's handle: with the day, it seeds the random stream. */
  key: string;
  history: PersonaSpec["history"];
  /** Accounts that stay quiet (frozen in the seed). */
  quiet: readonly AccountKey[];
};

export function personaSubject(spec: PersonaSpec): LiveSubject {
  return { key: spec.persona, history: spec.history, quiet: Object.keys(spec.quietDays ?? {}) as AccountKey[] };
}

/**
 * The subject's activity on sandbox day `day` (whole days after the seed's anchor, the UTC
 * midnight of the tenant's seed): pure and deterministic, seeded by the subject's key and the
 * day, never by the tenant, so two tenants see the same story. Savings interest is left out:
 * the clock pays it (domain/products/pay-due-interest.ts). `cardDebt` is what a card
 * statement paid in full pays (the card's outstanding balance). Ordered by time.
 */
export function generateLiveDay(options: { subject: LiveSubject; anchor: Date; day: number; cardDebt?: bigint }): LiveItem[] {
  const { subject, anchor, day } = options;
  const builder = new LiveDayBuilder(anchor, day, createRng(hashSeed(`live:${subject.key}:${day}`)), subject.quiet, options.cardDebt ?? 0n);
  subject.history(builder);
  const paired = new Set(builder.transfers.flatMap((transfer) => [transfer.out, transfer.in]));
  const items: LiveItem[] = [
    ...builder.transfers.map((transfer): LiveItem => ({ kind: "transfer", at: transfer.out.transactedAt, ...transfer })),
    ...builder.transactions
      .filter((tx) => !paired.has(tx) && tx.category !== "interest")
      .map((tx): LiveItem => ({ kind: "single", at: tx.transactedAt, tx })),
  ];
  // Stable: equal times keep the history's order.
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
