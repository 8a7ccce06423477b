import { stableId } from "@/lib/ids";

/**
 * The bank's own ledger accounts, one set per tenant, with ids derived from the tenant so
 * the hot path never looks them up. They have no customer and never appear in
 * customer-facing lists, and they have no floor (they may go negative).
 */
export const SYSTEM_ACCOUNTS = {
  /** The other side of every seeded account's opening balance. */
  opening: { type: "system_opening", name: "Opening balances" },
  /** Standard payments between submission (debtor debited) and settlement. */
  clearing: { type: "system_clearing", name: "Payments in clearing" },
  /** Money that left for (or came from) other banks. */
  external: { type: "system_external", name: "External settlement" },
  /** Fees the bank charged (FX). */
  fees: { type: "system_fees", name: "Fee income" },
  /** Interest customers paid on loans. */
  interestIncome: { type: "system_interest_income", name: "Interest income" },
  /** Interest the bank paid on savings and deposits. */
  interestExpense: { type: "system_interest_expense", name: "Interest paid" },
  /** Insurance premiums collected (on behalf of the underwriter). */
  premiums: { type: "system_premiums", name: "Insurance premiums" },
  /** Cashback paid for redeemed reward points. */
  rewards: { type: "system_rewards", name: "Rewards paid" },
} as const;

export type SystemAccountKey = keyof typeof SYSTEM_ACCOUNTS;

export function systemAccountId(tenantId: string, key: SystemAccountKey): string {
  return stableId("account", tenantId, `system:${key}`);
}

/** Rows for BankAccount.createMany; balances start at zero except `opening`. */
export function systemAccountRows(tenantId: string, options: { currency: string; openedAt: Date; openingBalance: bigint }) {
  return (Object.keys(SYSTEM_ACCOUNTS) as SystemAccountKey[]).map((key) => ({
    id: systemAccountId(tenantId, key),
    tenantId,
    customerId: null,
    type: SYSTEM_ACCOUNTS[key].type,
    name: SYSTEM_ACCOUNTS[key].name,
    currency: options.currency,
    status: "active",
    bookedBalance: key === "opening" ? options.openingBalance : 0n,
    openedAt: options.openedAt,
    createdAt: options.openedAt,
  }));
}

/** The lowest booked balance a customer account may reach; null for system accounts. */
export function balanceFloor(account: { customerId: string | null; overdraftLimit: bigint; creditLimit: bigint }): bigint | null {
  if (account.customerId === null) return null;
  return -(account.overdraftLimit + account.creditLimit);
}
