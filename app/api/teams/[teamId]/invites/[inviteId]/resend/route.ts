import { handle } from "@/lib/portal-api/handle-operation";
import { resendInviteOperation } from "@/lib/teams/invite-operations";
import { resendInvite } from "@/lib/teams/resend-invite";

export const POST = handle(resendInviteOperation, ({ team, params, actor }) =>
  resendInvite({ teamId: team.teamId, inviteId: params.inviteId, actor }),
);
