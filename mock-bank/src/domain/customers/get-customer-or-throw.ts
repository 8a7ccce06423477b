import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { CustomerDto } from "../../schemas/customer";
import { customerSelect, toCustomerDto } from "./customer-dto";

/** One of the tenant's customers, or the same 404 as for an id that never existed. */
export async function getCustomerOrThrow(options: { db: PrismaClient; tenantId: string; customerId: string }): Promise<CustomerDto> {
  const row = await options.db.bankCustomer.findFirst({
    where: { id: options.customerId, tenantId: options.tenantId },
    select: customerSelect,
  });
  if (!row) throw new AppError("resource_not_found", `No customer with id ${options.customerId}.`);
  return toCustomerDto(row);
}
