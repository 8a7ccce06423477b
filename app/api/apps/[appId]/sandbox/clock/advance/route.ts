import { advanceSandboxClock } from "@/lib/sandbox/advance-sandbox-clock";
import { advanceSandboxClockOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(advanceSandboxClockOperation, ({ app, body }) => advanceSandboxClock({ appId: app.appId, input: body }));
