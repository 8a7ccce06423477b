import { z } from "zod";
import { Cursor, Limit, pageOf } from "./pagination";
import { IsoDate, ResourceId, Timestamp } from "./common";

export const AccountType = z
  .enum(["current", "savings", "fixed_term", "credit_card", "loan"])
  .describe("The kind of account. A `loan` account (personal loan or buy-now-pay-later plan) carries a negative balance: what is still owed.");

export const AccountStatus = z
  .enum(["active", "frozen", "closed"])
  .describe("`frozen` accounts can be read but refuse payments.");

export const SortCodeIdentifiers = z
  .object({
    iban: z.string().regex(/^GB\d{2}[A-Z]{4}\d{14}$/).describe("UK IBAN (valid mod-97 check digits).").meta({ examples: ["GB33OBSX99001112345678"] }),
    sort_code: z.string().regex(/^\d{6}$/).describe("Six-digit sort code, without dashes."),
    account_number: z.string().regex(/^\d{8}$/).describe("Eight-digit account number."),
  })
  .meta({ id: "SortCodeIdentifiers", description: "How to pay into a current or savings account." });

export const CardIdentifiers = z
  .object({
    masked_pan: z
      .string()
      .regex(/^\d{6}\*{6}\d{4}$/)
      .describe("Card number with all but the first six and last four digits masked.")
      .meta({ examples: ["535522******4821"] }),
  })
  .meta({ id: "CardIdentifiers", description: "The card of a credit card account." });

export const Account = z
  .object({
    id: z.string().describe("Account id.").meta({ examples: ["acc_3mJ0wqG5XnS1xQbH0pR7tZ"] }),
    customer_id: z.string().describe("The account holder's customer id."),
    type: AccountType,
    name: z.string().describe("The product name shown to the customer."),
    currency: z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 currency of the account."),
    status: AccountStatus,
    identifiers: z.union([SortCodeIdentifiers, CardIdentifiers]),
    interest_rate: z
      .string()
      .regex(/^\d{1,3}\.\d{2}$/)
      .nullable()
      .describe("Annual interest rate (AER, percent) for savings accounts; `null` otherwise.")
      .meta({ examples: ["4.10"] }),
    opened_on: IsoDate.describe("When the customer opened the account."),
    created_at: Timestamp.describe("When this sandbox record was created."),
  })
  .meta({ id: "Account", description: "A bank account held by a sandbox customer." });

export type AccountDto = z.infer<typeof Account>;

export const AccountList = pageOf(Account, "AccountList", "A page of accounts.");

export const AccountParams = z.object({
  account_id: ResourceId.describe("Account id, e.g. `acc_3mJ0wqG5XnS1xQbH0pR7tZ`."),
});

export const OpenAccountBody = z.strictObject({
  customer_id: ResourceId.describe("An `approved` customer of your sandbox (`POST /v1/customers`, or a seeded persona)."),
  type: z.enum(["current", "savings"]).describe("The account to open."),
  currency: z.enum(["GBP", "EUR", "USD"]).default("GBP").describe("ISO 4217 currency of the account."),
});

export type OpenAccountInput = z.infer<typeof OpenAccountBody>;

export const ListAccountsQuery = z.strictObject({
  customer_id: ResourceId.optional().describe("Only this customer's accounts."),
  type: AccountType.optional().describe("Only accounts of this type."),
  limit: Limit,
  cursor: Cursor.optional(),
});
