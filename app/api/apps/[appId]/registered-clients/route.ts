import { listRegisteredClientsOperation } from "@/lib/directory/directory-operations";
import { listRegisteredClients } from "@/lib/directory/list-registered-clients";
import { handle } from "@/lib/portal-api/handle-operation";

// The clients registered at the bank with the app's software statement (RFC 7591).
export const GET = handle(listRegisteredClientsOperation, async ({ app }) => ({ data: await listRegisteredClients({ appId: app.appId }) }));
