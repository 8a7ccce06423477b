import { changePassword } from "@/lib/account/change-password";
import { changePasswordOperation } from "@/lib/account/password-operations";
import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(changePasswordOperation, ({ session, actor, body, request, headers }) =>
  changePassword({
    session,
    actor,
    currentPassword: body.current_password,
    newPassword: body.new_password,
    origin: { userAgent: request.headers.get("user-agent"), ip: clientIp(request.headers) },
    headers,
  }),
);
