import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { PaymentDto } from "../../schemas/payment";
import { toPaymentDto } from "./payment-dto";

/**
 * One of the tenant's payments, or the same 404 as for an id that never existed. A consent
 * token's caller (`debtorAccountIds`) sees only payments from the consented accounts.
 */
export async function getPaymentOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  paymentId: string;
  debtorAccountIds?: string[];
}): Promise<PaymentDto> {
  const debtor = options.debtorAccountIds ? { debtorAccountId: { in: options.debtorAccountIds } } : {};
  const row = await options.db.bankPayment.findFirst({ where: { id: options.paymentId, tenantId: options.tenantId, ...debtor } });
  if (!row) throw new AppError("resource_not_found", `No payment with id ${options.paymentId}.`);
  return toPaymentDto(row);
}
