import { z } from "zod";
import { Money, ResourceId, Timestamp } from "./common";
import { MoneyInput } from "./payment";

export const FX_CURRENCIES = ["GBP", "EUR", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "CAD", "AUD"] as const;

export const FxCurrency = z.enum(FX_CURRENCIES).describe("A currency the sandbox quotes.");

export const CreateFxQuoteBody = z
  .strictObject({
    sell: MoneyInput.describe("What you pay, in the currency of the account you will pay from (GBP in the sandbox)."),
    buy_currency: FxCurrency.describe("What the beneficiary receives."),
  })
  .superRefine((body, ctx) => {
    if (body.sell.currency === body.buy_currency)
      ctx.addIssue({ code: "custom", path: ["buy_currency"], message: "must differ from the sell currency" });
    if (!(FX_CURRENCIES as readonly string[]).includes(body.sell.currency))
      ctx.addIssue({ code: "custom", path: ["sell", "currency"], message: `must be one of ${FX_CURRENCIES.join(", ")}` });
  })
  .meta({ examples: [{ sell: { amount: "1000.00", currency: "GBP" }, buy_currency: "EUR" }] });

export type CreateFxQuoteInput = z.infer<typeof CreateFxQuoteBody>;

export const FxQuote = z
  .object({
    id: ResourceId.meta({ examples: ["fxq_0aYk2xvP9mD3QeJ1nL5sWr"] }),
    sell: Money.describe("Debited from your account by the payment that uses this quote (plus `fee`)."),
    buy: Money.describe("What the beneficiary receives."),
    rate: z
      .string()
      .regex(/^\d{1,9}\.\d{6}$/)
      .describe("Units of `buy` currency per unit of `sell` currency, after our 0.5% spread.")
      .meta({ examples: ["1.159175"] }),
    fee: Money.describe("Charged on top of `sell`, in the sell currency: 0.25%, at least 2.00."),
    expires_at: Timestamp.describe("The quote pays one international payment made before this time (60 seconds on the sandbox clock)."),
    created_at: Timestamp,
  })
  .meta({ id: "FxQuote", description: "A firm foreign-exchange quote for one international payment." });

export type FxQuoteDto = z.infer<typeof FxQuote>;

export const FxQuoteParams = z.object({ quote_id: ResourceId });
