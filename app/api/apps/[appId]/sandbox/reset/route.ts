import { auditSandboxControl } from "@/lib/sandbox/audit-sandbox-control";
import { resetSandbox } from "@/lib/sandbox/reset-sandbox";
import { resetSandboxOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(resetSandboxOperation, async ({ app, body, actor }) =>
  auditSandboxControl(
    { ...app, actor, action: "sandbox.reset", metadata: { keep_custom_customers: body.keep_custom_customers } },
    await resetSandbox({ appId: app.appId, input: body }),
  ),
);
