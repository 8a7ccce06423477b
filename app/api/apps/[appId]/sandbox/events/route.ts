import { handle } from "@/lib/portal-api/handle-operation";
import { fireSandboxEvent } from "@/lib/sandbox/fire-sandbox-event";
import { fireSandboxEventOperation } from "@/lib/sandbox/sandbox-operations";

export const POST = handle(fireSandboxEventOperation, ({ app, body }) => fireSandboxEvent({ appId: app.appId, input: body }));
