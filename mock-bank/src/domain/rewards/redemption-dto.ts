import { toMoney } from "@openbank/contracts/money";
import type { RewardRedemptionDto } from "../../schemas/rewards";

export function toRedemptionDto(row: {
  id: string;
  accountId: string;
  points: number;
  amount: bigint;
  currency: string;
  createdAt: Date;
}): RewardRedemptionDto {
  return {
    id: row.id,
    account_id: row.accountId,
    points: row.points,
    cashback: toMoney(row.amount, row.currency),
    created_at: row.createdAt.toISOString(),
  };
}
