import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { renameTeam } from "@/lib/teams/rename-team";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { updateTeamInput } from "@/lib/teams/team-input";

export const GET = withUser<{ teamId: string }>(async ({ user, params }) => {
  const team = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:read" });
  return Response.json({ id: team.teamId, name: team.teamName, personal: team.personal, role: team.role });
});

/** PATCH {name} → the renamed team (owner, admin). */
export const PATCH = withUser<{ teamId: string }>(async ({ request, user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:update" });
  const { name } = await readJson(request, updateTeamInput);
  return Response.json(await renameTeam({ teamId, name, actor: auditActor(user, request) }));
});
