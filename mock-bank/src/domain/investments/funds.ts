/**
 * The bank's fund range, in code like a published fund list. Expected returns and
 * volatilities are long-run annual assumptions (before charges) of the kind wealth managers
 * publish for projections; the SRRI risk level is derived from the volatility by the
 * UCITS KIID bands, so it cannot disagree with it.
 */

export type AssetClass = "money_market" | "government_bonds" | "global_bonds" | "multi_asset" | "equity";

export type Fund = {
  id: string;
  name: string;
  assetClass: AssetClass;
  description: string;
  /** Ongoing charges figure, percent a year, two decimals. */
  ocf: string;
  /** Expected annual return before charges, percent. */
  expectedReturn: number;
  /** Annualised volatility (standard deviation of returns), percent. */
  volatility: number;
  /** Share of equities, 0–100: drives correlations between funds. */
  equityShare: number;
};

/** UCITS SRRI: volatility bands (percent) for risk levels 1–7. */
const SRRI_UPPER_BOUNDS = [0.5, 2, 5, 10, 15, 25];

export function srriFromVolatility(volatility: number): number {
  const index = SRRI_UPPER_BOUNDS.findIndex((upper) => volatility < upper);
  return index === -1 ? 7 : index + 1;
}

export const funds: readonly Fund[] = [
  {
    id: "fund_sterling_liquidity",
    name: "Sterling Liquidity Fund",
    assetClass: "money_market",
    description: "Short-term sterling deposits and money-market instruments: capital stability and a return close to Bank Rate.",
    ocf: "0.10",
    expectedReturn: 4.0,
    volatility: 0.4,
    equityShare: 0,
  },
  {
    id: "fund_uk_gilts",
    name: "UK Gilts Index Fund",
    assetClass: "government_bonds",
    description: "Tracks the FTSE Actuaries UK Conventional Gilts All Stocks index: UK government bonds of every maturity.",
    ocf: "0.12",
    expectedReturn: 4.3,
    volatility: 7.5,
    equityShare: 0,
  },
  {
    id: "fund_global_bonds",
    name: "Global Aggregate Bond Index Fund (GBP hedged)",
    assetClass: "global_bonds",
    description: "Investment-grade government and corporate bonds from around the world, with the currency risk hedged to sterling.",
    ocf: "0.15",
    expectedReturn: 4.1,
    volatility: 4.5,
    equityShare: 0,
  },
  {
    id: "fund_multi_asset_20",
    name: "Multi-Asset 20 Fund",
    assetClass: "multi_asset",
    description: "20% global shares, 80% bonds, rebalanced automatically.",
    ocf: "0.22",
    expectedReturn: 4.6,
    volatility: 5.5,
    equityShare: 20,
  },
  {
    id: "fund_multi_asset_40",
    name: "Multi-Asset 40 Fund",
    assetClass: "multi_asset",
    description: "40% global shares, 60% bonds, rebalanced automatically.",
    ocf: "0.22",
    expectedReturn: 5.2,
    volatility: 7.5,
    equityShare: 40,
  },
  {
    id: "fund_multi_asset_60",
    name: "Multi-Asset 60 Fund",
    assetClass: "multi_asset",
    description: "60% global shares, 40% bonds, rebalanced automatically.",
    ocf: "0.22",
    expectedReturn: 5.9,
    volatility: 10.2,
    equityShare: 60,
  },
  {
    id: "fund_multi_asset_80",
    name: "Multi-Asset 80 Fund",
    assetClass: "multi_asset",
    description: "80% global shares, 20% bonds, rebalanced automatically.",
    ocf: "0.22",
    expectedReturn: 6.5,
    volatility: 12.8,
    equityShare: 80,
  },
  {
    id: "fund_global_equity",
    name: "Global Equity Index Fund",
    assetClass: "equity",
    description: "Tracks the FTSE All-World index: large and mid-sized companies in developed and emerging markets.",
    ocf: "0.15",
    expectedReturn: 7.0,
    volatility: 15.5,
    equityShare: 100,
  },
  {
    id: "fund_esg_global_equity",
    name: "ESG Global Equity Fund",
    assetClass: "equity",
    description:
      "Global shares screened for environmental, social and governance standards, excluding fossil-fuel producers and controversial weapons.",
    ocf: "0.25",
    expectedReturn: 7.0,
    volatility: 16.5,
    equityShare: 100,
  },
  {
    id: "fund_emerging_markets",
    name: "Emerging Markets Equity Fund",
    assetClass: "equity",
    description:
      "Shares of companies in emerging economies such as China, India, Taiwan and Brazil: higher expected growth with larger swings.",
    ocf: "0.30",
    expectedReturn: 8.0,
    volatility: 21.0,
    equityShare: 100,
  },
];

export function findFund(id: string): Fund | undefined {
  return funds.find((fund) => fund.id === id);
}

export function fundRiskLevel(fund: Fund): number {
  return srriFromVolatility(fund.volatility);
}
