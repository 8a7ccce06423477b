import { clientIp } from "@/lib/auth/client-ip";
import { deviceTokenOperation } from "@/lib/device/device-operations";
import { pollDeviceToken } from "@/lib/device/poll-device-token";
import { handleOAuthForm } from "@/lib/portal-api/handle-oauth-form";

export const POST = handleOAuthForm(deviceTokenOperation, ({ request, body }) =>
  pollDeviceToken({ input: body, clientIp: clientIp(request.headers) }),
);
