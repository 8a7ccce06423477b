import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { changeMemberRole } from "@/lib/teams/change-member-role";
import { removeMember } from "@/lib/teams/remove-member";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { changeRoleInput } from "@/lib/teams/team-input";

type Params = { teamId: string; memberId: string };

/** PATCH {role} → the member with the new role (owner, admin; never the owner's role). */
export const PATCH = withUser<Params>(async ({ request, user, params }) => {
  const access = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "member:change_role" });
  const { role } = await readJson(request, changeRoleInput);
  return Response.json(await changeMemberRole({ teamId: access.teamId, memberId: params.memberId, role, actorRole: access.role, actor: auditActor(user, request) }));
});

/** DELETE → 204: removes a member (owner, admin), or leaves when it is your own membership. */
export const DELETE = withUser<Params>(async ({ request, user, params }) => {
  const access = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:read" });
  const leaving = access.membershipId === params.memberId;
  if (!leaving) await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "member:remove" });
  await removeMember({ teamId: access.teamId, memberId: params.memberId, actorRole: access.role, actor: auditActor(user, request) });
  return new Response(null, { status: 204 });
});
