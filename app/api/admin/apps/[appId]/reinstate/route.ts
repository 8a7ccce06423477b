import { reinstateAppOperation } from "@/lib/admin/admin-operations";
import { setAppSuspension } from "@/lib/admin/set-app-suspension";
import { handle } from "@/lib/portal-api/handle-operation";

/** Platform admins only: the app's keys work again on the next call. */
export const POST = handle(reinstateAppOperation, ({ params, actor }) => setAppSuspension({ appId: params.appId, actor, suspend: false }));
