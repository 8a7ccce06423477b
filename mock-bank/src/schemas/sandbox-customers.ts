import { z } from "zod";
import { AUTHENTICATION_SCENARIOS } from "../domain/oauth/authentication-scenarios";
import { LEDGER_CURRENCIES } from "../domain/ledger/system-accounts";
import { CARD_SPENDING_CATEGORIES } from "../domain/sandbox-customers/card-spending-categories";
import { KycReason } from "./customer";
import { exampleIds } from "./example-run";
import { InputText, IsoDate, Money, NAME_MAX, ResourceId, Timestamp } from "./common";

/** Bounds of a custom customer: enough for any realistic test, small enough to build in one request. */
export const CUSTOM_CUSTOMER_LIMITS = { accounts: 10, months: 24, transactions: 2000, recurring: 10, debts: 10 } as const;

/** A positive decimal amount in the account's currency; its precision is checked against the currency after. */
const PositiveAmount = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,3})?$/, "must be a decimal string such as 12.50, at most 9999999999")
  .refine((value) => /[1-9]/.test(value), "must be more than zero");
/** A signed decimal amount: negative is money out (or owed, on a credit card). */
const SignedAmount = z.string().regex(/^-?\d{1,10}(\.\d{1,3})?$/, "must be a decimal string such as -12.50, at most 9999999999 either way");
const DayOfMonth = z.number().int().min(1).max(28).describe("Day of the month, 1–28 (every month has it).");
const Category = z.string().regex(/^[a-z][a-z_]{1,39}$/, "must be snake_case, e.g. groceries");

export const CUSTOM_HANDLE_PATTERN = /^[a-z][a-z0-9_]{2,31}$/;

const Recurring = (what: string) =>
  z.strictObject({
    amount: PositiveAmount.describe(`The ${what} each month, in the account's currency.`),
    day_of_month: DayOfMonth,
  });

const ExplicitTransaction = z.strictObject({
  date: IsoDate.describe("When it happened: a day of the history window (at most 24 months back, before today on the sandbox clock)."),
  amount: z
    .strictObject({
      amount: SignedAmount.describe("Negative is money out."),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .describe("Must be the account's currency."),
    })
    .describe("The signed amount."),
  description: InputText(1, 70).describe("The statement text."),
  category: Category.optional().describe("Spending category, e.g. `groceries`; default `other`."),
  merchant_name: InputText(1, NAME_MAX).optional().describe("The merchant (card payments)."),
  merchant_category_code: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .describe("ISO 18245 merchant category code, e.g. `5411`."),
  channel: z
    .enum(["card", "direct_debit", "standing_order", "faster_payment", "transfer"])
    .optional()
    .describe("How it was paid; default `faster_payment`. Every explicit transaction is booked."),
});

const Generator = z
  .strictObject({
    months: z.number().int().min(1).max(CUSTOM_CUSTOMER_LIMITS.months).describe("How many months back the history goes (1–24)."),
    salary: Recurring("net salary")
      .extend({ employer: InputText(1, NAME_MAX).describe("Who pays it; the statement text.") })
      .optional()
      .describe("A salary paid in on a day of each month."),
    rent: Recurring("rent")
      .extend({ landlord: InputText(1, NAME_MAX).describe("Who is paid; the statement text.") })
      .optional()
      .describe("Rent paid by standing order on a day of each month."),
    subscriptions: z
      .array(
        Recurring("price").extend({
          merchant_name: InputText(1, NAME_MAX).describe("E.g. `Netflix`."),
          merchant_category_code: z
            .string()
            .regex(/^\d{4}$/)
            .optional()
            .describe("ISO 18245 code; default `5968` (subscriptions)."),
        }),
      )
      .max(CUSTOM_CUSTOMER_LIMITS.recurring)
      .optional()
      .describe("Card subscriptions charged on a day of each month."),
    card_spending: z
      .array(
        z.strictObject({
          category: z
            .enum(CARD_SPENDING_CATEGORIES)
            .describe("Merchant category: the merchants and their codes come from the sandbox's list."),
          monthly_amount: PositiveAmount.describe("Spent each month in that category, in a few card payments."),
        }),
      )
      .max(CUSTOM_CUSTOMER_LIMITS.recurring)
      .optional()
      .describe("Card spending by merchant category; payments of the last two days are still pending."),
  })
  .describe("A history generated deterministically (the same document gives the same transactions).");

const History = z.union([
  z
    .strictObject({
      transactions: z
        .array(ExplicitTransaction)
        .max(CUSTOM_CUSTOMER_LIMITS.transactions)
        .describe("Booked transactions, in any order (at most 2000)."),
    })
    .describe("Explicit transactions."),
  z.strictObject({ generate: Generator }).describe("A generator description."),
]);

const CustomAccount = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, "must be lower-case letters, digits and underscores, starting with a letter")
    .describe("Names the account within the customer (unique there): part of its stable id."),
  type: z.enum(["current", "savings", "credit_card"]),
  currency: z.enum(LEDGER_CURRENCIES).describe("ISO 4217: GBP, EUR or USD."),
  product: InputText(1, NAME_MAX).optional().describe("The product's marketing name, e.g. `Everyday Current Account`."),
  name: InputText(1, NAME_MAX).optional().describe("The account's name; default the product, or the type."),
  opening_balance: SignedAmount.describe(
    "The balance at the start of the history; negative is overdrawn (current) or owed (credit card). Savings cannot be negative.",
  ),
  overdraft_limit: PositiveAmount.optional().describe("Current accounts only: how far below zero the balance may go."),
  credit_limit: PositiveAmount.optional().describe("Credit cards only: how much may be owed."),
  history: History.optional().describe(
    "What happened on the account: explicit transactions or a generator. Without it, only the opening balance.",
  ),
});

export const CustomCustomerDocument = z
  .strictObject({
    handle: z
      .string()
      .regex(CUSTOM_HANDLE_PATTERN, "must be 3–32 lower-case letters, digits and underscores, starting with a letter")
      .describe("Unique in your sandbox, and not a persona's key: the customer logs in as `user_<handle>` with password `pass_<handle>`."),
    identity: z.strictObject({
      given_name: InputText(1, NAME_MAX),
      family_name: InputText(1, NAME_MAX),
      date_of_birth: IsoDate,
      email: z.email().max(254).optional().describe("Default `<handle>@example.com`."),
      address: z.strictObject({
        line1: InputText(1, 100),
        city: InputText(1, 60),
        // One pattern (it already excludes control characters): two would publish an allOf of patterns.
        postcode: z
          .string()
          .trim()
          .min(1)
          .max(12)
          .regex(/^[A-Za-z0-9 -]+$/, "must be letters, digits, spaces and hyphens"),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .describe("ISO 3166-1 alpha-2."),
      }),
    }),
    kyc: z
      .strictObject({
        status: z.enum(["approved", "review", "rejected"]),
        reasons: z
          .array(z.strictObject({ code: KycReason.shape.code, message: InputText(1, 600) }))
          .max(KycReason.shape.code.options.length)
          .optional()
          .describe("Why the customer is in `review` or `rejected`; default one reason matching the status."),
      })
      .describe("The KYC outcome `GET /v1/customers/{customer_id}` reports."),
    credit: z.strictObject({
      score_band: z.enum(["excellent", "good", "fair", "poor", "thin_file"]),
      annual_income: PositiveAmount.describe("In GBP."),
      existing_debts: z
        .array(
          z.strictObject({
            type: z.enum(["mortgage", "loan", "credit_card", "overdraft", "bnpl", "student_loan", "other"]),
            lender: InputText(1, NAME_MAX).optional(),
            balance: PositiveAmount.describe("Outstanding, in GBP."),
            monthly_payment: PositiveAmount.optional().describe("In GBP."),
          }),
        )
        .max(CUSTOM_CUSTOMER_LIMITS.debts)
        .describe("Debts held elsewhere (at most 10): they inform lending decisions."),
    }),
    authentication_scenario: z
      .enum(AUTHENTICATION_SCENARIOS)
      .optional()
      .describe("How the customer's authentication goes on the bank's pages; default `approve`."),
    accounts: z.array(CustomAccount).min(1).max(CUSTOM_CUSTOMER_LIMITS.accounts).describe("1–10 accounts."),
  })
  .meta({
    id: "CustomCustomerDocument",
    description:
      "A test customer of your own: identity, KYC outcome, credit profile, authentication scenario and accounts with their history. Amounts are decimal strings in the account's currency (credit amounts in GBP).",
    examples: [
      {
        handle: "gig_worker",
        identity: {
          given_name: "Maya",
          family_name: "Okafor",
          date_of_birth: "1994-03-17",
          email: "maya.okafor@example.com",
          address: { line1: "14 Brixton Hill", city: "London", postcode: "SW2 1QA", country: "GB" },
        },
        kyc: { status: "approved" },
        credit: {
          score_band: "fair",
          annual_income: "28400.00",
          existing_debts: [{ type: "credit_card", lender: "Barclaycard", balance: "1250.00", monthly_payment: "60.00" }],
        },
        authentication_scenario: "one_time_code",
        accounts: [
          {
            key: "current",
            type: "current",
            currency: "GBP",
            product: "Everyday Current Account",
            opening_balance: "420.00",
            overdraft_limit: "500.00",
            history: {
              generate: {
                months: 6,
                salary: { amount: "2150.00", day_of_month: 25, employer: "DELIVERCO LTD" },
                rent: { amount: "950.00", day_of_month: 1, landlord: "Foxtons Lettings" },
                subscriptions: [{ merchant_name: "Spotify", amount: "11.99", day_of_month: 9 }],
                card_spending: [
                  { category: "groceries", monthly_amount: "320.00" },
                  { category: "eating_out", monthly_amount: "140.00" },
                ],
              },
            },
          },
          {
            key: "euro",
            type: "current",
            currency: "EUR",
            name: "Travel euros",
            opening_balance: "0.00",
            history: {
              transactions: [
                {
                  date: "2026-11-02",
                  amount: { amount: "300.00", currency: "EUR" },
                  description: "Top up",
                  category: "transfer",
                  channel: "transfer",
                },
                {
                  date: "2026-11-20",
                  amount: { amount: "-42.50", currency: "EUR" },
                  description: "CAFE DE FLORE PARIS",
                  category: "eating_out",
                  merchant_name: "Café de Flore",
                  merchant_category_code: "5812",
                  channel: "card",
                },
              ],
            },
          },
        ],
      },
    ],
  });

export type CustomCustomerDocumentInput = z.infer<typeof CustomCustomerDocument>;

const SandboxCustomerAccount = z.object({
  id: ResourceId,
  type: z.enum(["current", "savings", "fixed_term", "credit_card", "loan"]),
  name: z.string().max(NAME_MAX),
  currency: z.string().regex(/^[A-Z]{3}$/),
  booked_balance: Money,
  available_balance: Money.optional().describe("The booked balance plus the overdraft or credit limit, less pending card payments."),
});

export const SandboxCustomer = z
  .object({
    id: ResourceId,
    source: z.enum(["persona", "custom"]).describe("`persona`: one of the seeded six; `custom`: one you defined."),
    handle: z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,31}$/)
      .describe("The persona's key or the custom customer's handle."),
    username: z.string().max(37).describe("The login on the bank's pages; the password is `pass_<handle>`."),
    given_name: z.string().max(NAME_MAX),
    family_name: z.string().max(NAME_MAX),
    kyc_status: z.enum(["approved", "review", "rejected"]),
    authentication_scenario: z.enum(AUTHENTICATION_SCENARIOS),
    accounts: z.array(SandboxCustomerAccount).max(50),
    document: CustomCustomerDocument.optional().describe(
      "Custom customers, on `GET /v1/sandbox/customers/{customer_id}`: what was posted.",
    ),
    created_at: Timestamp.optional().describe("Custom customers: when they were defined."),
  })
  .meta({
    id: "SandboxCustomer",
    description: "A test customer of your sandbox (a persona or one of your own) with its accounts and balances.",
    examples: [
      {
        id: exampleIds.customCustomerId,
        source: "custom",
        handle: "gig_worker",
        username: "user_gig_worker",
        given_name: "Maya",
        family_name: "Okafor",
        kyc_status: "approved",
        authentication_scenario: "one_time_code",
        accounts: [
          {
            id: "acc_7GmP2xR9tVq4LsN8yZc1Bd",
            type: "current",
            name: "Everyday Current Account",
            currency: "GBP",
            booked_balance: { amount: "1106.48", currency: "GBP" },
            available_balance: { amount: "1583.23", currency: "GBP" },
          },
        ],
        created_at: "2026-12-06T02:50:00.000Z",
      },
    ],
  });

export type SandboxCustomerDto = z.infer<typeof SandboxCustomer>;

export const SandboxCustomerList = z
  .object({
    data: z.array(SandboxCustomer).max(1000),
    next_cursor: z.null().describe("Always null: every test customer is on one page."),
  })
  .meta({ id: "SandboxCustomerList", description: "Every test customer of your sandbox: the personas, then yours (oldest first)." });

export const DeletedSandboxCustomer = z.object({ id: ResourceId, deleted: z.literal(true) }).meta({
  id: "DeletedSandboxCustomer",
  description: "The custom customer is gone.",
  examples: [{ id: exampleIds.customCustomerId, deleted: true }],
});

export const SandboxCustomerParams = z.strictObject({
  customer_id: ResourceId.describe("A test customer's id (`cus_…`), from `GET /v1/sandbox/customers`.").meta({
    examples: [exampleIds.customCustomerId],
  }),
});

export const PatchSandboxCustomerBody = z.strictObject({ authentication_scenario: z.enum(AUTHENTICATION_SCENARIOS) }).meta({
  description: "The customer's authentication scenario on the bank's pages.",
  examples: [{ authentication_scenario: "decoupled" }],
});

export const SandboxResetBody = z
  .strictObject({
    keep_custom_customers: z
      .boolean()
      .optional()
      .describe("Default true: your custom customers are rebuilt from their documents as of the reset. `false` is the bare reset."),
  })
  // Fastify hands a body-less request over as null: existing clients send none.
  .nullish()
  .meta({ description: "Optional: without a body the reset keeps your custom customers.", examples: [{ keep_custom_customers: false }] });
