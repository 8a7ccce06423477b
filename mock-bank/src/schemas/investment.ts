import { z } from "zod";
import { CurrencyCode, Money, ResourceId, Text } from "./common";
import { NextCursor } from "./pagination";

const Percent = z.string().regex(/^-?\d{1,3}\.\d{2}$/);
const AssetClass = z.enum(["money_market", "government_bonds", "global_bonds", "multi_asset", "equity"]);
const RiskLevel = z.number().int().min(1).max(7);

export const Fund = z
  .object({
    id: ResourceId.describe("Fund id.").meta({ examples: ["fund_global_equity"] }),
    name: Text(100).describe("The fund's name."),
    asset_class: AssetClass.describe("What the fund mainly holds."),
    description: Text(500).describe("What the fund invests in."),
    risk_level: RiskLevel.describe(
      "Synthetic risk and reward indicator (SRRI, 1 = lowest, 7 = highest), from the fund's annual volatility by the UCITS bands: <0.5%, 0.5–2%, 2–5%, 5–10%, 10–15%, 15–25%, ≥25%.",
    ),
    ocf: Percent.describe("Ongoing charges figure, percent a year."),
    expected_annual_return: Percent.describe(
      "Long-run expected annual return before charges, percent: an assumption for projections, not a promise.",
    ),
    annual_volatility: Percent.describe("Expected annual volatility (standard deviation of returns), percent."),
    currency: CurrencyCode.describe("The fund's base currency."),
  })
  .meta({
    id: "Fund",
    description: "An investment fund of the bank's range.",
    examples: [
      {
        id: "fund_global_equity",
        name: "Global Equity Index Fund",
        asset_class: "equity",
        description: "Tracks the FTSE All-World index.",
        risk_level: 6,
        ocf: "0.15",
        expected_annual_return: "7.00",
        annual_volatility: "15.50",
        currency: "GBP",
      },
    ],
  });

export type FundDto = z.infer<typeof Fund>;

export const FundList = z
  .object({ data: z.array(Fund).max(100), next_cursor: NextCursor })
  .meta({ id: "FundList", description: "The bank's funds, lowest risk first (one page: the range is small)." });

export const ListFundsQuery = z.strictObject({
  risk_level: z.coerce.number().int().min(1).max(7).optional().describe("Only funds of this SRRI risk level (1–7)."),
  asset_class: AssetClass.optional()
    .describe("Only funds of this asset class.")
    .meta({ examples: ["equity"] }),
});

export const FundParams = z.object({
  fund_id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_]+$/, "must be a fund id such as fund_global_equity")
    .describe("Fund id, e.g. `fund_global_equity`.")
    .meta({ examples: ["fund_global_equity"] }),
});

const RiskProfileEnum = z.enum(["cautious", "balanced", "adventurous"]);

export const RecommendationQuery = z
  .strictObject({
    risk_profile: RiskProfileEnum.optional()
      .describe("The investor's attitude to risk. Required (`riskProfile` is accepted as an alias).")
      .meta({ examples: ["balanced"] }),
    riskProfile: RiskProfileEnum.optional().describe("Alias of `risk_profile`, accepted for compatibility; prefer `risk_profile`."),
    amount: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,2})?$/, "must be a GBP amount such as 10000.00")
      .optional()
      .describe("GBP to invest, e.g. `10000.00` (at most 999999999.99); when given, the answer projects its value over `horizon_years`.")
      .meta({ examples: ["10000.00"] }),
    horizon_years: z.coerce
      .number()
      .int()
      .min(1)
      .max(40)
      .default(10)
      .describe("Investment horizon in whole years, 1–40 (default 10).")
      .meta({ examples: [15] }),
  })
  .superRefine((query, ctx) => {
    if (query.risk_profile === undefined && query.riskProfile === undefined)
      ctx.addIssue({ code: "custom", path: ["risk_profile"], message: "is required: cautious, balanced or adventurous" });
    if (query.risk_profile !== undefined && query.riskProfile !== undefined && query.risk_profile !== query.riskProfile) {
      ctx.addIssue({ code: "custom", path: ["riskProfile"], message: "differs from risk_profile: send one of them" });
    }
    if (query.amount !== undefined && !/[1-9]/.test(query.amount))
      ctx.addIssue({ code: "custom", path: ["amount"], message: "must be greater than zero" });
  });

export const Recommendation = z
  .object({
    risk_profile: RiskProfileEnum,
    summary: Text(500).describe("What the portfolio is, in plain words."),
    risk_level: RiskLevel.describe("SRRI of the whole portfolio, from its volatility."),
    holdings: z
      .array(
        z.object({
          fund: Fund,
          weight_percent: z.number().int().min(1).max(100).describe("Share of the money in this fund; the weights sum to 100."),
        }),
      )
      .max(100)
      .describe("The funds and their weights."),
    blended_ocf: Percent.describe("Weighted ongoing charges of the portfolio, percent a year."),
    expected_annual_return: Percent.describe("Weighted expected annual return before charges, percent."),
    expected_annual_return_after_charges: Percent.describe(
      "Expected annual return after the blended OCF, percent; the projection uses it.",
    ),
    annual_volatility: Percent.describe(
      "Expected annual volatility of the portfolio, percent, allowing for correlations between the funds.",
    ),
    projection: z
      .object({
        amount: Money.describe("The amount invested."),
        horizon_years: z.number().int().min(1).max(40).describe("Years projected."),
        expected_value: Money.describe("Mean projected value: amount × (1 + return after charges)^years."),
        percentiles: z
          .object({
            p10: Money.describe("A poor outcome: 1 in 10 chance of ending below this."),
            p50: Money.describe("The median outcome."),
            p90: Money.describe("A good outcome: 1 in 10 chance of ending above this."),
          })
          .describe("Projected values from a lognormal model of annual returns."),
        charges_over_horizon: Money.describe("Roughly what the charges cost over the horizon, in lost growth."),
        method: z.literal("lognormal").describe("How the percentiles are computed."),
      })
      .nullable()
      .describe("Present when `amount` was sent."),
    warnings: z.array(Text(500)).max(10).describe("Risk warnings, and a suitability warning when the horizon is short for the profile."),
  })
  .meta({ id: "Recommendation", description: "A model portfolio for a risk profile, with projected outcomes." });

export type RecommendationDto = z.infer<typeof Recommendation>;
