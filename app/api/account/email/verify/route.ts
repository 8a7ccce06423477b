import { confirmEmailLink } from "@/lib/account/confirm-email-link";
import { confirmEmailOperation } from "@/lib/account/email-operations";
import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(confirmEmailOperation, ({ body, request }) =>
  confirmEmailLink({ token: body.token, ip: clientIp(request.headers) }),
);
