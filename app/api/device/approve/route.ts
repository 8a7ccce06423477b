import { decideDeviceAuthorization } from "@/lib/device/confirm-device-authorization";
import { approveDeviceOperation } from "@/lib/device/device-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(approveDeviceOperation, ({ actor, body }) =>
  decideDeviceAuthorization({
    actor,
    userCode: body.user_code,
    decision: { approve: true, scope: body.scope, teamId: body.team_id ?? null },
  }),
);
