import type { FundDto } from "../../schemas/investment";
import { fundRiskLevel, funds, type AssetClass } from "./funds";
import { toFundDto } from "./fund-dto";

/** The fund range, lowest risk first, filtered by risk level and asset class. */
export function listFunds(options: { riskLevel?: number; assetClass?: AssetClass }): { data: FundDto[]; next_cursor: null } {
  const matching = funds.filter(
    (fund) =>
      (options.riskLevel === undefined || fundRiskLevel(fund) === options.riskLevel) &&
      (!options.assetClass || fund.assetClass === options.assetClass),
  );
  return { data: [...matching].sort((a, b) => a.volatility - b.volatility).map(toFundDto), next_cursor: null };
}
