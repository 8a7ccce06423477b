import { after } from "next/server";
import { forgotPasswordOperation } from "@/lib/account/password-operations";
import { requestPasswordReset } from "@/lib/account/request-password-reset";
import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";

/** The lookup and the mail run after the answer has gone (`after`), so its timing says nothing about the address. */
export const POST = handle(forgotPasswordOperation, ({ body, request }) =>
  requestPasswordReset({ email: body.email, ip: clientIp(request.headers), defer: after }),
);
