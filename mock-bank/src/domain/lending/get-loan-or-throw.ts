import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { LoanDto } from "../../schemas/lending";
import { loanInclude, toLoanDto } from "./loan-dto";

/** One of the tenant's loans (of one kind, when given), or the same 404 as for an id that never existed. */
export async function getLoanOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  loanId: string;
  kind?: LoanDto["kind"];
}): Promise<LoanDto> {
  const row = await options.db.bankLoan.findFirst({
    where: { id: options.loanId, tenantId: options.tenantId, kind: options.kind },
    include: loanInclude,
  });
  if (!row) throw new AppError("resource_not_found", `No ${options.kind === "bnpl" ? "plan" : "loan"} with id ${options.loanId}.`);
  return toLoanDto(row);
}
