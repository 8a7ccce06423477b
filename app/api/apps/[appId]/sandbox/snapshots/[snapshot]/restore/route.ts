import { auditSandboxControl } from "@/lib/sandbox/audit-sandbox-control";
import { restoreSnapshot } from "@/lib/sandbox/sandbox-snapshots";
import { restoreSandboxSnapshotOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(restoreSandboxSnapshotOperation, async ({ app, params, actor }) =>
  auditSandboxControl(
    { ...app, actor, action: "sandbox.snapshot_restored", metadata: { snapshot: params.snapshot } },
    await restoreSnapshot({ appId: app.appId, snapshot: params.snapshot }),
  ),
);
