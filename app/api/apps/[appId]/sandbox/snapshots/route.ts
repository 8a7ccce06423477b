import { listSnapshots, takeSnapshot } from "@/lib/sandbox/sandbox-snapshots";
import { listSandboxSnapshotsOperation, takeSandboxSnapshotOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listSandboxSnapshotsOperation, async ({ app }) => ({ data: await listSnapshots({ appId: app.appId }) }));

export const POST = handle(takeSandboxSnapshotOperation, ({ app, body }) => takeSnapshot({ appId: app.appId, input: body }));
