import type { PrismaClient } from "@prisma/client";
import type { SandboxCustomerDto } from "../../schemas/sandbox-customers";
import { loadSandboxCustomers } from "./sandbox-customer-dto";

/** Every test customer of the tenant: the personas, then the custom customers, oldest first; one page. */
export async function listSandboxCustomers(options: {
  db: PrismaClient;
  tenantId: string;
}): Promise<{ data: SandboxCustomerDto[]; next_cursor: null }> {
  return { data: await loadSandboxCustomers(options.db, options.tenantId, {}), next_cursor: null };
}
