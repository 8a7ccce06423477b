import type { FundDto } from "../../schemas/investment";
import { fundRiskLevel, type Fund } from "./funds";

export function toFundDto(fund: Fund): FundDto {
  return {
    id: fund.id,
    name: fund.name,
    asset_class: fund.assetClass,
    description: fund.description,
    risk_level: fundRiskLevel(fund),
    ocf: fund.ocf,
    expected_annual_return: fund.expectedReturn.toFixed(2),
    annual_volatility: fund.volatility.toFixed(2),
    currency: "GBP",
  };
}
