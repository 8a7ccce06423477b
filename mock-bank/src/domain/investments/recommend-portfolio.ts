import { formatMinor } from "@openbank/contracts/money";
import type { RecommendationDto } from "../../schemas/investment";
import { findFund, srriFromVolatility } from "./funds";
import { toFundDto } from "./fund-dto";
import { modelPortfolios, type RiskProfile } from "./model-portfolios";
import { portfolioVolatility, projectLognormal, weighted, type Holding } from "./portfolio-maths";

const pct = (value: number) => value.toFixed(2);

/** Pounds (a float from the projection) to a GBP amount string, rounded to whole pence. */
const gbp = (value: number) => ({ amount: formatMinor(BigInt(Math.round(value * 100)), "GBP"), currency: "GBP" });

/**
 * The model portfolio for a risk profile with its blended charges, expected return and risk,
 * and, given an amount, projected values after `horizonYears` (10th, 50th and 90th
 * percentiles of a lognormal model, after charges). Deterministic: the same input gives the
 * same answer. Warnings say when the horizon is shorter than the profile suits.
 */
export function recommendPortfolio(options: {
  riskProfile: RiskProfile;
  amountMinor: bigint | null;
  horizonYears: number;
}): RecommendationDto {
  const { riskProfile, amountMinor, horizonYears } = options;
  const model = modelPortfolios[riskProfile];
  const holdings: Holding[] = Object.entries(model.weights).map(([id, weight]) => ({ fund: findFund(id)!, weight }));
  const ocf = weighted(holdings, (fund) => Number(fund.ocf));
  const grossReturn = weighted(holdings, (fund) => fund.expectedReturn);
  const netReturn = grossReturn - ocf;
  const volatility = portfolioVolatility(holdings);

  const warnings: string[] = [
    "The value of investments can fall as well as rise: you may get back less than you invest. Projections are not guaranteed.",
  ];
  if (horizonYears < model.minHorizonYears)
    warnings.push(
      `A ${riskProfile} portfolio suits ${model.minHorizonYears} years or more; for ${horizonYears} year${horizonYears === 1 ? "" : "s"}, consider a less risky profile or cash savings.`,
    );

  let projection: RecommendationDto["projection"] = null;
  if (amountMinor !== null) {
    const amount = Number(amountMinor) / 100;
    const p = projectLognormal(amount, netReturn / 100, volatility / 100, horizonYears);
    const charges = amount * ((1 + grossReturn / 100) ** horizonYears - (1 + netReturn / 100) ** horizonYears);
    projection = {
      amount: gbp(amount),
      horizon_years: horizonYears,
      expected_value: gbp(p.expected),
      percentiles: { p10: gbp(p.p10), p50: gbp(p.p50), p90: gbp(p.p90) },
      charges_over_horizon: gbp(charges),
      method: "lognormal",
    };
  }

  return {
    risk_profile: riskProfile,
    summary: model.summary,
    risk_level: srriFromVolatility(volatility),
    holdings: holdings.map(({ fund, weight }) => ({ fund: toFundDto(fund), weight_percent: weight })),
    blended_ocf: pct(ocf),
    expected_annual_return: pct(grossReturn),
    expected_annual_return_after_charges: pct(netReturn),
    annual_volatility: pct(volatility),
    projection,
    warnings,
  };
}
