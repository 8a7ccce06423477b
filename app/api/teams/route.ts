import { handle } from "@/lib/portal-api/handle-operation";
import { createTeam } from "@/lib/teams/create-team";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeamOperation, listTeamsOperation } from "@/lib/teams/team-operations";

export const GET = handle(listTeamsOperation, async ({ user, token }) => {
  const teams = await listTeams({ userId: user.id });
  // A token limited to one team sees that team only.
  return { data: token?.teamId ? teams.filter((team) => team.id === token.teamId) : teams };
});

export const POST = handle(createTeamOperation, ({ body, actor }) => createTeam({ actor, input: body }));
