import { handle } from "@/lib/portal-api/handle-operation";
import { changeMemberRole } from "@/lib/teams/change-member-role";
import { removeMember } from "@/lib/teams/remove-member";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { changeMemberRoleOperation, removeMemberOperation } from "@/lib/teams/team-operations";

export const PATCH = handle(changeMemberRoleOperation, ({ team, params, body, actor }) =>
  changeMemberRole({ teamId: team.teamId, memberId: params.memberId, role: body.role, actorRole: team.role, actor }),
);

/** Any member may leave (their own membership); removing someone else needs member:remove. */
export const DELETE = handle(removeMemberOperation, async ({ team, user, params, actor }) => {
  const leaving = team.membershipId === params.memberId;
  if (!leaving) await requireTeamAccess({ teamId: team.teamId, userId: user.id, action: "member:remove" });
  await removeMember({ teamId: team.teamId, memberId: params.memberId, actorRole: team.role, actor });
});
