import { resetSandbox } from "@/lib/sandbox/reset-sandbox";
import { resetSandboxOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(resetSandboxOperation, ({ app, body }) => resetSandbox({ appId: app.appId, input: body }));
