import { exportAccountOperation } from "@/lib/account/account-operations";
import { exportAccount, exportFileName } from "@/lib/account/export-account";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(exportAccountOperation, async ({ actor, session, headers }) => {
  const now = new Date();
  headers.set("content-disposition", `attachment; filename="${exportFileName(now)}"`);
  return exportAccount({ actor, currentSessionId: session.id, now });
});
