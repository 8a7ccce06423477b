import { z } from "zod";
import { CurrencyCode, Money, ResourceId, Timestamp } from "./common";

export const Balances = z
  .object({
    account_id: ResourceId,
    currency: CurrencyCode,
    booked: Money.describe("Sum of all booked transactions. Negative when overdrawn, or owed on a card."),
    available: Money.describe(
      "What the customer can spend now: booked + pending debits + arranged overdraft (current accounts) " +
        "or credit limit + booked + pending debits (cards). Zero while the account is frozen.",
    ),
    pending: Money.describe("Sum of pending (authorised, not yet booked) transactions."),
    overdraft_limit: Money.nullable().describe("Arranged overdraft; `null` for savings and card accounts."),
    credit_limit: Money.nullable().describe("Credit limit; `null` for current and savings accounts."),
    as_of: Timestamp.describe("When the balances were computed (the sandbox's clock)."),
  })
  .meta({ id: "Balances", description: "An account's balances." });

export type BalancesDto = z.infer<typeof Balances>;
