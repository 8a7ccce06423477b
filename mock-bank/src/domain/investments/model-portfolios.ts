/** The bank's model portfolios: fund weights (percent, summing to 100) per risk profile. */
export const RISK_PROFILES = ["cautious", "balanced", "adventurous"] as const;
export type RiskProfile = (typeof RISK_PROFILES)[number];

export const modelPortfolios: Record<RiskProfile, { summary: string; minHorizonYears: number; weights: Record<string, number> }> = {
  cautious: {
    summary: "Mostly bonds and cash with a fifth in shares: smaller swings, lower expected growth.",
    minHorizonYears: 3,
    weights: { fund_sterling_liquidity: 10, fund_global_bonds: 35, fund_uk_gilts: 20, fund_multi_asset_20: 15, fund_global_equity: 20 },
  },
  balanced: {
    summary: "About 60% shares and 40% bonds: moderate swings for moderate growth over five years or more.",
    minHorizonYears: 5,
    weights: {
      fund_global_bonds: 25,
      fund_uk_gilts: 10,
      fund_multi_asset_60: 20,
      fund_global_equity: 30,
      fund_esg_global_equity: 10,
      fund_emerging_markets: 5,
    },
  },
  adventurous: {
    summary: "Almost all shares, including emerging markets: the largest swings and the highest expected growth, for ten years or more.",
    minHorizonYears: 10,
    weights: {
      fund_global_bonds: 5,
      fund_multi_asset_80: 10,
      fund_global_equity: 50,
      fund_esg_global_equity: 20,
      fund_emerging_markets: 15,
    },
  },
};
