import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { RewardRedemptionDto } from "../../schemas/rewards";
import { toRedemptionDto } from "./redemption-dto";

export async function getRedemptionOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  redemptionId: string;
}): Promise<RewardRedemptionDto> {
  const row = await options.db.bankRewardRedemption.findFirst({ where: { id: options.redemptionId, tenantId: options.tenantId } });
  if (!row) throw new AppError("resource_not_found", `No reward redemption with id ${options.redemptionId}.`);
  return toRedemptionDto(row);
}
