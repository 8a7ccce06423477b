import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";
import { stepUp } from "@/lib/sessions/manage-sessions";
import { stepUpOperation } from "@/lib/sessions/session-operations";

export const POST = handle(stepUpOperation, async ({ session, actor, body, request, headers }) =>
  stepUp({
    session,
    actor,
    proof: body,
    origin: { userAgent: request.headers.get("user-agent"), ip: clientIp(request.headers) },
    headers,
  }),
);
