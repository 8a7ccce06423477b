import { auditActor } from "@/lib/audit/audit-actor";
import { withUser } from "@/lib/http/with-user";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { revokeInvite } from "@/lib/teams/revoke-invite";

/** DELETE → the revoked invitation: its link stops working at once. */
export const DELETE = withUser<{ teamId: string; inviteId: string }>(async ({ request, user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "invite:revoke" });
  return Response.json(await revokeInvite({ teamId, inviteId: params.inviteId, actor: auditActor(user, request) }));
});
