import { deleteSandboxCustomer } from "@/lib/sandbox/create-sandbox-customer";
import { deleteSandboxCustomerOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const DELETE = handle(deleteSandboxCustomerOperation, ({ app, params }) =>
  deleteSandboxCustomer({ appId: app.appId, customerId: params.customerId }),
);
