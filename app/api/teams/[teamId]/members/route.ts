import { handle } from "@/lib/portal-api/handle-operation";
import { listMembers } from "@/lib/teams/list-members";
import { listMembersOperation } from "@/lib/teams/team-operations";

export const GET = handle(listMembersOperation, async ({ team }) => ({ data: await listMembers({ teamId: team.teamId }) }));
