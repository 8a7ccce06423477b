import { advanceSandboxClock } from "@/lib/sandbox/advance-sandbox-clock";
import { auditSandboxControl } from "@/lib/sandbox/audit-sandbox-control";
import { advanceSandboxClockOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(advanceSandboxClockOperation, async ({ app, body, actor }) =>
  auditSandboxControl(
    { ...app, actor, action: "sandbox.clock_advanced", metadata: { days: body.days } },
    await advanceSandboxClock({ appId: app.appId, input: body }),
  ),
);
