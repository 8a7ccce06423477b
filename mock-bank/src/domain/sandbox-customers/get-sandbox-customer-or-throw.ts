import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { SandboxCustomerDto } from "../../schemas/sandbox-customers";
import { loadSandboxCustomers } from "./sandbox-customer-dto";

/** One test customer of the tenant (custom ones with their document); another tenant's id is a 404. */
export async function getSandboxCustomerOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
}): Promise<SandboxCustomerDto> {
  const [customer] = await loadSandboxCustomers(options.db, options.tenantId, { id: options.customerId }, { withDocument: true });
  if (!customer)
    throw new AppError("resource_not_found", `No test customer ${options.customerId} in your sandbox.`, {
      errors: [{ pointer: "/params/customer_id", detail: "no such test customer" }],
    });
  return customer;
}
