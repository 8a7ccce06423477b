import { resetPassword } from "@/lib/account/reset-password";
import { resetPasswordOperation } from "@/lib/account/password-operations";
import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(resetPasswordOperation, ({ body, request }) =>
  resetPassword({ token: body.token, password: body.password, ip: clientIp(request.headers) }),
);
