import { toMoney } from "@openbank/contracts/money";
import type { ProductDto } from "../../schemas/product";
import type { DepositProduct } from "./deposit-products";

export function toProductDto(product: DepositProduct): ProductDto {
  const money = (minor: bigint) => toMoney(minor, product.currencies[0]);
  return {
    id: product.id,
    type: product.type,
    name: product.name,
    description: product.description,
    currencies: [...product.currencies],
    aer: product.aer,
    gross_rate: product.grossRate,
    interest_paid: product.interestPaid,
    term_months: product.termMonths,
    min_deposit: money(product.minDeposit),
    max_deposit: product.maxDeposit === null ? null : money(product.maxDeposit),
    access: product.access,
    early_access_charge_days: product.penaltyDays,
    accepts_further_deposits: product.acceptsDeposits,
  };
}
