import { suspendAppOperation } from "@/lib/admin/admin-operations";
import { setAppSuspension } from "@/lib/admin/set-app-suspension";
import { handle } from "@/lib/portal-api/handle-operation";

/** Platform admins only: the app's keys stop working on the next call (403 app_suspended). */
export const POST = handle(suspendAppOperation, ({ params, body, actor }) =>
  setAppSuspension({ appId: params.appId, actor, suspend: true, reason: body.reason }),
);
