import { AppError } from "@openbank/contracts/errors";
import type { FundDto } from "../../schemas/investment";
import { findFund } from "./funds";
import { toFundDto } from "./fund-dto";

export function getFundOrThrow(fundId: string): FundDto {
  const fund = findFund(fundId);
  if (!fund) throw new AppError("resource_not_found", `No fund with id ${fundId}; see GET /v1/investments/funds.`);
  return toFundDto(fund);
}
