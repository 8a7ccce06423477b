import { createSandboxCustomer } from "@/lib/sandbox/create-sandbox-customer";
import { listSandboxCustomers } from "@/lib/sandbox/list-sandbox-customers";
import { createSandboxCustomerOperation, listSandboxCustomersOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listSandboxCustomersOperation, async ({ app }) => ({ data: await listSandboxCustomers({ appId: app.appId }) }));

export const POST = handle(createSandboxCustomerOperation, ({ app, body }) => createSandboxCustomer({ appId: app.appId, document: body }));
