import { randomUUID } from "node:crypto";
import { callBank } from "@/lib/bank/call-bank";
import { listSandboxCustomers } from "./list-sandbox-customers";
import type { SandboxCustomer } from "./sandbox-dto";

/**
 * Defines a custom test customer at the bank from a CustomCustomerDocument. The bank validates
 * it (its problems point at the document's fields, `/body/...`, and pass through unchanged); the
 * answer is the customer as the tab lists it, with its accounts and balances.
 */
export async function createSandboxCustomer(options: { appId: string; document: Record<string, unknown> }): Promise<SandboxCustomer> {
  const created = await callBank<{ id: string }>({
    appId: options.appId,
    method: "POST",
    path: "/v1/sandbox/customers",
    body: options.document,
    // One click, one customer: the bank requires a key for its creations.
    idempotencyKey: randomUUID(),
  });
  const customers = await listSandboxCustomers({ appId: options.appId });
  const customer = customers.find((candidate) => candidate.id === created.id);
  if (!customer) throw new Error(`the bank created ${created.id} but does not list it`);
  return customer;
}

/** Removes a custom customer (a persona is 409 at the bank). */
export async function deleteSandboxCustomer(options: { appId: string; customerId: string }): Promise<void> {
  await callBank<void>({ appId: options.appId, method: "DELETE", path: `/v1/sandbox/customers/${encodeURIComponent(options.customerId)}` });
}
