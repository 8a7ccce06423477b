import { handle } from "@/lib/portal-api/handle-operation";
import { createTeam } from "@/lib/teams/create-team";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeamOperation, listTeamsOperation } from "@/lib/teams/team-operations";

export const GET = handle(listTeamsOperation, async ({ user }) => ({ data: await listTeams({ userId: user.id }) }));

export const POST = handle(createTeamOperation, ({ body, actor }) => createTeam({ actor, input: body }));
