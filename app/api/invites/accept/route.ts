import { handle } from "@/lib/portal-api/handle-operation";
import { acceptInvite } from "@/lib/teams/accept-invite";
import { acceptInviteOperation } from "@/lib/teams/invite-operations";

export const POST = handle(acceptInviteOperation, ({ body, actor, session }) =>
  acceptInvite({ token: body.token, actor, signedInWith: session.method }),
);
