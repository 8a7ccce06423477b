import { z } from "zod";
import { Cursor, Limit, pageOf } from "./pagination";
import { CurrencyCode, DecimalAmount, IsoDate, ResourceId, Text, Timestamp } from "./common";
import { ProductId } from "./product";
import { exampleIds } from "./example-run";

export const AccountType = z
  .enum(["current", "savings", "fixed_term", "credit_card", "loan"])
  .describe(
    "The kind of account. A `loan` account (personal loan or buy-now-pay-later plan) carries a negative balance: what is still owed.",
  );

export const AccountStatus = z.enum(["active", "frozen", "closed"]).describe("`frozen` accounts can be read but refuse payments.");

export const SortCodeIdentifiers = z
  .object({
    iban: z
      .string()
      .regex(/^GB\d{2}[A-Z]{4}\d{14}$/)
      .describe("UK IBAN (valid mod-97 check digits).")
      .meta({ examples: ["GB33OBSX99001112345678"] }),
    sort_code: z
      .string()
      .regex(/^\d{6}$/)
      .describe("Six-digit sort code, without dashes."),
    account_number: z
      .string()
      .regex(/^\d{8}$/)
      .describe("Eight-digit account number."),
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
    id: ResourceId.describe("Account id.").meta({ examples: ["acc_3mJ0wqG5XnS1xQbH0pR7tZ"] }),
    customer_id: ResourceId.describe("The account holder's customer id."),
    type: AccountType,
    name: Text(100).describe("The product name shown to the customer."),
    currency: CurrencyCode.describe("ISO 4217 currency of the account."),
    status: AccountStatus,
    identifiers: z.union([SortCodeIdentifiers, CardIdentifiers]),
    interest_rate: z
      .string()
      .regex(/^\d{1,3}\.\d{2}$/)
      .nullable()
      .describe("Annual interest rate (AER, percent) for savings accounts and fixed-term bonds; `null` otherwise.")
      .meta({ examples: ["4.10"] }),
    product_id: ResourceId.nullable().describe(
      "The deposit product the account was opened as (`GET /v1/products/{product_id}`); `null` for the seeded personas' accounts and for cards and loans.",
    ),
    matures_on: IsoDate.nullable().describe(
      "Fixed-term bonds: the day the term ends, interest is paid and withdrawals become possible; `null` otherwise.",
    ),
    opened_on: IsoDate.describe("When the customer opened the account."),
    created_at: Timestamp.describe("When this sandbox record was created."),
  })
  .meta({ id: "Account", description: "A bank account held by a sandbox customer." });

export type AccountDto = z.infer<typeof Account>;

export const AccountList = pageOf(Account, "AccountList", "A page of accounts.");

export const AccountParams = z.object({
  account_id: ResourceId.describe("Account id (`acc_…`), from `GET /v1/accounts`.").meta({ examples: [exampleIds.accountId] }),
});

export const OpenAccountBody = z
  .strictObject({
    customer_id: ResourceId.describe("An `approved` customer of your sandbox (`POST /v1/customers`, or a seeded persona)."),
    product_id: ProductId.optional()
      .describe(
        "The deposit product to open (`GET /v1/products`), e.g. `easy_access_saver`, `notice_saver_95`, `fixed_term_1y`. Send this or `type`.",
      )
      .meta({ examples: ["fixed_term_1y"] }),
    type: z
      .enum(["current", "savings"])
      .optional()
      .describe(
        "Shorthand for the default product of a type: `current` opens `current_account`, `savings` opens `easy_access_saver` (GBP) or `currency_saver` (EUR, USD).",
      ),
    currency: z.enum(["GBP", "EUR", "USD"]).default("GBP").describe("ISO 4217 currency of the account; must be one the product offers."),
    initial_deposit: z
      .strictObject({
        amount: DecimalAmount.describe("Positive decimal, within the product's `min_deposit` and `max_deposit`."),
        currency: CurrencyCode.describe("The account's currency."),
      })
      .optional()
      .describe("Money moved in from `funding_account_id` as the account opens, in the same transaction. Required for fixed-term bonds."),
    funding_account_id: ResourceId.optional().describe("The same customer's current or savings account the initial deposit comes from."),
  })
  .superRefine((body, ctx) => {
    if (body.product_id === undefined && body.type === undefined)
      ctx.addIssue({ code: "custom", path: ["product_id"], message: "send product_id (see GET /v1/products), or type" });
  })
  .meta({
    examples: [
      { customer_id: exampleIds.customerId, product_id: "easy_access_saver", currency: "GBP" },
      {
        customer_id: exampleIds.customerId,
        product_id: "fixed_term_1y",
        currency: "GBP",
        initial_deposit: { amount: "5000.00", currency: "GBP" },
        funding_account_id: exampleIds.accountId,
      },
    ],
  });

export type OpenAccountInput = z.infer<typeof OpenAccountBody>;

export const ListAccountsQuery = z.strictObject({
  customer_id: ResourceId.optional().describe("Only this customer's accounts."),
  type: AccountType.optional().describe("Only accounts of this type."),
  // Every seeded account (18) on one page; a filter by an example id would find nothing in a real sandbox.
  limit: Limit.meta({ examples: [100] }),
  cursor: Cursor.optional(),
});
