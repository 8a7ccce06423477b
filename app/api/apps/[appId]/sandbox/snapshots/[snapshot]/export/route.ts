import { downloadSnapshot } from "@/lib/sandbox/sandbox-snapshots";
import { downloadSandboxSnapshotOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(downloadSandboxSnapshotOperation, async ({ app, params, headers }) => {
  const { document, fileName } = await downloadSnapshot({ appId: app.appId, snapshot: params.snapshot });
  headers.set("content-disposition", `attachment; filename="${fileName.replaceAll('"', "")}"`);
  return document;
});
