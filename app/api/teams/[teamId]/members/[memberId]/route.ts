import { handle } from "@/lib/portal-api/handle-operation";
import { changeMemberRole } from "@/lib/teams/change-member-role";
import { removeMember } from "@/lib/teams/remove-member";
import { changeMemberRoleOperation, removeMemberOperation } from "@/lib/teams/team-operations";

export const PATCH = handle(changeMemberRoleOperation, ({ team, params, body, actor }) =>
  changeMemberRole({ teamId: team.teamId, memberId: params.memberId, role: body.role, actorRole: team.role, actor }),
);

/** Any member may leave (their own membership); removing someone else needs member:remove (removeMember decides). */
export const DELETE = handle(removeMemberOperation, async ({ team, params, actor }) => {
  await removeMember({ teamId: team.teamId, memberId: params.memberId, actorRole: team.role, actorMembershipId: team.membershipId, actor });
});
