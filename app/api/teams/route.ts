import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createTeam } from "@/lib/teams/create-team";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeamInput } from "@/lib/teams/team-input";

export const GET = withUser(async ({ user }) => Response.json({ data: await listTeams({ userId: user.id }) }));

/** POST {name} → 201 team: any signed-in developer may create a team and owns it. */
export const POST = withUser(async ({ request, user }) => {
  const input = await readJson(request, createTeamInput);
  return Response.json(await createTeam({ actor: auditActor(user, request), input }), { status: 201 });
});
