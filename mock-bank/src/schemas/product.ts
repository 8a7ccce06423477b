import { z } from "zod";
import { CurrencyCode, Money, ResourceId, Text } from "./common";
import { NextCursor } from "./pagination";

const Rate = z.string().regex(/^\d{1,3}\.\d{2}$/);

/** The catalogue's ids (`easy_access_saver`, `fixed_term_1y`…). */
export const ProductId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_]+$/, "must be a product id such as fixed_term_1y");

export const Product = z
  .object({
    id: ResourceId.describe("Product id: pass it as `product_id` to `POST /v1/accounts`.").meta({ examples: ["fixed_term_1y"] }),
    type: z.enum(["current", "savings", "fixed_term"]).describe("The type of account the product opens."),
    name: Text(100).describe("The product's name; accounts opened with it carry it."),
    description: Text(500).describe("What the customer gets, in plain words."),
    currencies: z.array(CurrencyCode).max(20).describe("Currencies an account of this product can hold."),
    aer: Rate.describe(
      "Annual Equivalent Rate, percent: what a year's interest would be with interest paid and compounded as the product pays it.",
    ),
    gross_rate: Rate.describe("The nominal annual rate the daily interest is calculated at (balance × gross rate ÷ 365 per day), percent."),
    interest_paid: z
      .enum(["none", "monthly", "at_maturity"])
      .describe("When interest is paid: on the first of each month, or into the bond when it matures."),
    term_months: z
      .number()
      .int()
      .min(1)
      .max(120)
      .nullable()
      .describe("Fixed-term bonds: the term; `matures_on` of an opened bond is this many months after opening."),
    min_deposit: Money.describe("The smallest opening deposit (`initial_deposit` of `POST /v1/accounts`)."),
    max_deposit: Money.nullable().describe("The largest opening deposit; `null` for none."),
    access: z
      .enum(["instant", "instant_with_penalty", "at_maturity"])
      .describe(
        "`instant`: withdraw any time. `instant_with_penalty`: withdraw any time, charged `early_access_charge_days` of interest on the amount. `at_maturity`: withdrawals before `matures_on` are refused (422 `early_withdrawal_not_allowed`).",
      ),
    early_access_charge_days: z
      .number()
      .int()
      .min(0)
      .max(365)
      .nullable()
      .describe("Notice savers: days of interest charged on each withdrawal."),
    accepts_further_deposits: z
      .boolean()
      .describe("`false` for fixed-term bonds: only the opening deposit goes in (others are 422 `deposit_not_accepted`)."),
  })
  .meta({
    id: "Product",
    description: "A deposit product of the bank, with its rates and rules.",
    examples: [
      {
        id: "fixed_term_1y",
        type: "fixed_term",
        name: "1 Year Fixed Rate Bond",
        description: "A fixed rate for 12 months.",
        currencies: ["GBP"],
        aer: "4.50",
        gross_rate: "4.50",
        interest_paid: "at_maturity",
        term_months: 12,
        min_deposit: { amount: "1000.00", currency: "GBP" },
        max_deposit: { amount: "250000.00", currency: "GBP" },
        access: "at_maturity",
        early_access_charge_days: null,
        accepts_further_deposits: false,
      },
    ],
  });

export type ProductDto = z.infer<typeof Product>;

export const ProductList = z
  .object({ data: z.array(Product).max(100), next_cursor: NextCursor })
  .meta({ id: "ProductList", description: "The bank's deposit products (one page: the catalogue is small)." });

export const ListProductsQuery = z.strictObject({
  type: z
    .enum(["current", "savings", "fixed_term"])
    .optional()
    .describe("Only products of this type.")
    .meta({ examples: ["savings"] }),
});

export const ProductParams = z.object({
  product_id: ProductId.describe("Product id, e.g. `easy_access_saver`.").meta({ examples: ["easy_access_saver"] }),
});
