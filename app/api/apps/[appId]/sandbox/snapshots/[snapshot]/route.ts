import { deleteSnapshot } from "@/lib/sandbox/sandbox-snapshots";
import { deleteSandboxSnapshotOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const DELETE = handle(deleteSandboxSnapshotOperation, ({ app, params }) =>
  deleteSnapshot({ appId: app.appId, snapshot: params.snapshot }),
);
