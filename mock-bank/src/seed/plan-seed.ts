import { createRng, hashSeed } from "./prng";
import { HistoryBuilder, startOfUtcDay, type AccountKey, type PlannedTransaction } from "./history-builder";
import { personas, type AccountSpec, type PersonaSpec } from "./personas";

/** Bump when personas or the generator change, so stored tenants can tell which seed they hold. */
export const SEED_VERSION = 1;
/** Fixed: every tenant gets the same data. */
const SEED = 20_261_121;
const DAY_MS = 86_400_000;

export type PlannedAccount = Omit<AccountSpec, "balance" | "openedDaysAgo" | "openingDescription"> & {
  openedAt: Date;
  bookedBalance: bigint;
  /** Oldest first; the first one is the opening balance when it is not zero. */
  transactions: PlannedTransaction[];
};

export type PlannedCustomer = Omit<PersonaSpec, "history" | "accounts" | "quietDays" | "historyDays"> & {
  accounts: PlannedAccount[];
};

const sum = (txns: readonly PlannedTransaction[]) => txns.reduce((total, tx) => (tx.bookedAt ? total + tx.amount : total), 0n);

function planPersona(spec: PersonaSpec, anchor: Date): PlannedCustomer {
  const builder = new HistoryBuilder(anchor, spec.historyDays, createRng(SEED ^ hashSeed(spec.persona)), spec.quietDays);
  spec.history(builder);
  const historyStart = new Date(anchor.getTime() - spec.historyDays * DAY_MS + 1_000);

  const accounts = spec.accounts.map((account): PlannedAccount => {
    const { balance, openedDaysAgo, openingDescription, ...rest } = account;
    const movements = builder.transactions
      .filter((tx) => tx.account === account.key)
      .sort((a, b) => a.transactedAt.getTime() - b.transactedAt.getTime());
    const opening = "opening" in balance ? balance.opening : balance.target - sum(movements);
    const openingTx: PlannedTransaction[] =
      opening === 0n
        ? []
        : [
            {
              account: account.key,
              transactedAt: historyStart,
              bookedAt: historyStart,
              amount: opening,
              description: openingDescription,
              merchant: null,
              category: "opening_balance",
              channel: "transfer",
            },
          ];
    const transactions = [...openingTx, ...movements];
    return {
      ...rest,
      openedAt: new Date(Math.min(anchor.getTime() - openedDaysAgo * DAY_MS, historyStart.getTime())),
      bookedBalance: sum(transactions),
      transactions,
    };
  });

  const { persona, kind, givenName, familyName, email, dateOfBirth, creditScore, annualIncome } = spec;
  return { persona, kind, givenName, familyName, email, dateOfBirth, creditScore, annualIncome, accounts };
}

/** The whole seed for a tenant created at `seededAt`: pure, deterministic, no I/O. */
export function planSeed(seededAt: Date): PlannedCustomer[] {
  const anchor = startOfUtcDay(seededAt);
  return personas.map((spec) => planPersona(spec, anchor));
}

export type { AccountKey };
