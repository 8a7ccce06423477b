import { handle } from "@/lib/portal-api/handle-operation";
import { renameTeam } from "@/lib/teams/rename-team";
import { getTeamOperation, renameTeamOperation } from "@/lib/teams/team-operations";

export const GET = handle(getTeamOperation, ({ team }) => ({
  id: team.teamId,
  name: team.teamName,
  personal: team.personal,
  role: team.role,
}));

export const PATCH = handle(renameTeamOperation, ({ team, body, actor }) => renameTeam({ teamId: team.teamId, name: body.name, actor }));
