import { accountThrottle, enforceThrottle } from "@/lib/auth/throttles";
import { clientIp } from "@/lib/auth/client-ip";
import { deviceCodeOperation } from "@/lib/device/device-operations";
import { startDeviceAuthorization } from "@/lib/device/start-device-authorization";
import { handleOAuthForm } from "@/lib/portal-api/handle-oauth-form";

export const POST = handleOAuthForm(deviceCodeOperation, async ({ request, body }) => {
  const ip = clientIp(request.headers);
  await enforceThrottle(accountThrottle("deviceCodeIp"), ip);
  return startDeviceAuthorization({ input: body, clientIp: ip, userAgent: request.headers.get("user-agent") });
});
