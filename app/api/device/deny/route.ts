import { decideDeviceAuthorization } from "@/lib/device/confirm-device-authorization";
import { denyDeviceOperation } from "@/lib/device/device-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(denyDeviceOperation, ({ actor, body }) =>
  decideDeviceAuthorization({ actor, userCode: body.user_code, decision: { approve: false } }),
);
