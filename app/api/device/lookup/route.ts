import { describeDeviceAuthorization } from "@/lib/device/confirm-device-authorization";
import { lookupDeviceOperation } from "@/lib/device/device-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(lookupDeviceOperation, ({ user, body }) =>
  describeDeviceAuthorization({ userCode: body.user_code, userId: user.id }),
);
