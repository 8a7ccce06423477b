import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { InsurancePolicyDto } from "../../schemas/insurance";
import { policyInclude, toPolicyDto } from "./insurance-dto";

export async function getInsurancePolicyOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  policyId: string;
  now: Date;
}): Promise<InsurancePolicyDto> {
  const row = await options.db.bankInsurancePolicy.findFirst({
    where: { id: options.policyId, tenantId: options.tenantId },
    include: policyInclude,
  });
  if (!row) throw new AppError("resource_not_found", `No insurance policy with id ${options.policyId}.`);
  return toPolicyDto(row, options.now);
}
