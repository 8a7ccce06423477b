import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { InsuranceQuoteDto } from "../../schemas/insurance";
import { quoteInclude, toQuoteDto } from "./insurance-dto";

export async function getInsuranceQuoteOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  quoteId: string;
  now: Date;
}): Promise<InsuranceQuoteDto> {
  const row = await options.db.bankInsuranceQuote.findFirst({
    where: { id: options.quoteId, tenantId: options.tenantId },
    include: quoteInclude,
  });
  if (!row) throw new AppError("resource_not_found", `No insurance quote with id ${options.quoteId}.`);
  return toQuoteDto(row, options.now);
}
