import { restoreSnapshot } from "@/lib/sandbox/sandbox-snapshots";
import { restoreSandboxSnapshotOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(restoreSandboxSnapshotOperation, ({ app, params }) =>
  restoreSnapshot({ appId: app.appId, snapshot: params.snapshot }),
);
