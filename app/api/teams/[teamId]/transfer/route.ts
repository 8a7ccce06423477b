import { handle } from "@/lib/portal-api/handle-operation";
import { transferTeamOperation } from "@/lib/teams/team-operations";
import { transferOwnership } from "@/lib/teams/transfer-ownership";

export const POST = handle(transferTeamOperation, ({ team, body, actor }) =>
  transferOwnership({ teamId: team.teamId, memberId: body.member_id, actor }),
);
