import { handle } from "@/lib/portal-api/handle-operation";
import { revokeInviteOperation } from "@/lib/teams/invite-operations";
import { revokeInvite } from "@/lib/teams/revoke-invite";

export const DELETE = handle(revokeInviteOperation, ({ team, params, actor }) =>
  revokeInvite({ teamId: team.teamId, inviteId: params.inviteId, actor }),
);
