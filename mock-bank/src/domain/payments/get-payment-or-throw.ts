import type { PrismaClient } from "@prisma/client";
import { AppError } from "@/lib/errors";
import type { PaymentDto } from "../../schemas/payment";
import { toPaymentDto } from "./payment-dto";

/** One of the tenant's payments, or the same 404 as for an id that never existed. */
export async function getPaymentOrThrow(options: { db: PrismaClient; tenantId: string; paymentId: string }): Promise<PaymentDto> {
  const row = await options.db.bankPayment.findFirst({ where: { id: options.paymentId, tenantId: options.tenantId } });
  if (!row) throw new AppError("resource_not_found", `No payment with id ${options.paymentId}.`);
  return toPaymentDto(row);
}
