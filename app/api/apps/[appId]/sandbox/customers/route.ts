import { listSandboxCustomers } from "@/lib/sandbox/list-sandbox-customers";
import { listSandboxCustomersOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listSandboxCustomersOperation, async ({ app }) => ({ data: await listSandboxCustomers({ appId: app.appId }) }));
