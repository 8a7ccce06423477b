import type { Fund } from "./funds";

/**
 * Portfolio arithmetic for the recommendations: weighted charges and returns, volatility
 * from a simple correlation model, and lognormal projections. Pure and deterministic.
 */

/**
 * Correlation between two funds from their equity shares and asset classes: cash is nearly
 * uncorrelated; bonds correlate 0.6 with bonds; shares 0.85 with shares; shares and bonds 0.2.
 * Blended funds interpolate by their equity share.
 */
export function correlation(a: Fund, b: Fund): number {
  if (a.id === b.id) return 1;
  if (a.assetClass === "money_market" || b.assetClass === "money_market") return 0.05;
  const ea = a.equityShare / 100;
  const eb = b.equityShare / 100;
  return ea * eb * 0.85 + (1 - ea) * (1 - eb) * 0.6 + (ea * (1 - eb) + (1 - ea) * eb) * 0.2;
}

export type Holding = { fund: Fund; weight: number };

/** Annual volatility of the portfolio, percent: sqrt(wᵀ Σ w). */
export function portfolioVolatility(holdings: Holding[]): number {
  let variance = 0;
  for (const a of holdings) {
    for (const b of holdings)
      variance += (a.weight / 100) * (b.weight / 100) * (a.fund.volatility / 100) * (b.fund.volatility / 100) * correlation(a.fund, b.fund);
  }
  return Math.sqrt(variance) * 100;
}

/** Weighted average of a fund figure, percent. */
export function weighted(holdings: Holding[], figure: (fund: Fund) => number): number {
  return holdings.reduce((sum, holding) => sum + (holding.weight / 100) * figure(holding.fund), 0);
}

/** Standard normal quantiles used for the projection's percentiles. */
export const Z = { p10: -1.2815515655446004, p50: 0, p90: 1.2815515655446004 } as const;

/**
 * Projected value after `years` of an amount growing at an expected annual (arithmetic)
 * return `r` with volatility `sigma` (both fractions), modelled as lognormal: the annual log
 * return has variance s² = ln(1 + σ²/(1+r)²) and mean m = ln(1+r) − s²/2, so the expected
 * value is amount × (1+r)^years and the percentile p is amount × exp(m·T + z_p·s·√T).
 */
export function projectLognormal(
  amount: number,
  r: number,
  sigma: number,
  years: number,
): { p10: number; p50: number; p90: number; expected: number } {
  const s2 = Math.log(1 + (sigma * sigma) / ((1 + r) * (1 + r)));
  const m = Math.log(1 + r) - s2 / 2;
  const at = (z: number) => amount * Math.exp(m * years + z * Math.sqrt(s2 * years));
  return { p10: at(Z.p10), p50: at(Z.p50), p90: at(Z.p90), expected: amount * (1 + r) ** years };
}
