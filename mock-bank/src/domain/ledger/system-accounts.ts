import { stableId } from "@openbank/contracts/ids";

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

/** The currencies accounts can be opened in; each has its own set of system accounts (a posting balances in one currency). */
export const LEDGER_CURRENCIES = ["GBP", "EUR", "USD"] as const;

/** GBP accounts keep the ids they had before other currencies had system accounts. */
export function systemAccountId(tenantId: string, key: SystemAccountKey, currency = "GBP"): string {
  return stableId("account", tenantId, currency === "GBP" ? `system:${key}` : `system:${key}:${currency}`);
}

/** Rows for BankAccount.createMany, one set per ledger currency; balances start at zero except GBP `opening`. */
export function systemAccountRows(tenantId: string, options: { openedAt: Date; openingBalance: bigint }) {
  return LEDGER_CURRENCIES.flatMap((currency) =>
    (Object.keys(SYSTEM_ACCOUNTS) as SystemAccountKey[]).map((key) => ({
      id: systemAccountId(tenantId, key, currency),
      tenantId,
      customerId: null,
      type: SYSTEM_ACCOUNTS[key].type,
      name: currency === "GBP" ? SYSTEM_ACCOUNTS[key].name : `${SYSTEM_ACCOUNTS[key].name} (${currency})`,
      currency,
      status: "active",
      bookedBalance: key === "opening" && currency === "GBP" ? options.openingBalance : 0n,
      openedAt: options.openedAt,
      createdAt: options.openedAt,
    })),
  );
}

/** The lowest booked balance a customer account may reach; null for system accounts. */
export function balanceFloor(account: { customerId: string | null; overdraftLimit: bigint; creditLimit: bigint }): bigint | null {
  if (account.customerId === null) return null;
  return -(account.overdraftLimit + account.creditLimit);
}
