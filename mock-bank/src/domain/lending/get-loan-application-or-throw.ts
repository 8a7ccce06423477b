import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { LoanApplicationDto } from "../../schemas/lending";
import { applicationInclude, toApplicationDto } from "./loan-application-dto";

/** One of the tenant's applications, or the same 404 as for an id that never existed. */
export async function getLoanApplicationOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  applicationId: string;
  now: Date;
}): Promise<LoanApplicationDto> {
  const row = await options.db.bankLoanApplication.findFirst({
    where: { id: options.applicationId, tenantId: options.tenantId },
    include: applicationInclude,
  });
  if (!row) throw new AppError("resource_not_found", `No loan application with id ${options.applicationId}.`);
  return toApplicationDto(row, options.now);
}
