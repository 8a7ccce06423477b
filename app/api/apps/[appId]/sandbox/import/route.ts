import { importSandbox } from "@/lib/sandbox/sandbox-snapshots";
import { importSandboxOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(importSandboxOperation, ({ app, body }) => importSandbox({ appId: app.appId, file: body }));
