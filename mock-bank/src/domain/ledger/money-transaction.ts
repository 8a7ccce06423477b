import type { Prisma, PrismaClient } from "@prisma/client";

/** At most this many money-moving transactions run at once per client; the rest queue here. */
const CONCURRENT_MONEY_TRANSACTIONS = 4;

/**
 * Options for the interactive transactions themselves: they are short; the wait to start one
 * is covered by the queue below, so Prisma's own start wait never expires under a burst.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

type Gate = { active: number; waiting: (() => void)[] };
const gates = new WeakMap<object, Gate>();

/**
 * Runs `work` with at most a few money-moving transactions at once per client. A burst of
 * payments then queues in memory instead of each holding a pooled connection (on PostgreSQL,
 * where the rest of the pool stays free for everything else) or timing out while SQLite
 * serialises them: Prisma's start timeout would turn load into 500s.
 */
export async function gated<T>(db: PrismaClient, work: () => Promise<T>): Promise<T> {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = { active: 0, waiting: [] }));
  if (gate.active >= CONCURRENT_MONEY_TRANSACTIONS) await new Promise<void>((resolve) => gate.waiting.push(resolve));
  else gate.active++;
  try {
    return await work();
  } finally {
    const next = gate.waiting.shift();
    if (next)
      next(); // hands the slot over: `active` stays the same
    else gate.active--;
  }
}

/** Runs `work` in an interactive transaction, at most a few at a time per Prisma client (see `gated`). */
export function moneyTransaction<T>(db: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return gated(db, () => db.$transaction(work, TRANSACTION_OPTIONS));
}
