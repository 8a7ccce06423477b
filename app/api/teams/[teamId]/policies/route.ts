import { handle } from "@/lib/portal-api/handle-operation";
import { getTeamPolicies } from "@/lib/team-policies/team-policy-dto";
import { getTeamPoliciesOperation, updateTeamPoliciesOperation } from "@/lib/team-policies/team-policy-operations";
import { updateTeamPolicies } from "@/lib/team-policies/update-team-policies";

export const GET = handle(getTeamPoliciesOperation, ({ team }) => getTeamPolicies(team.teamId));

export const PATCH = handle(updateTeamPoliciesOperation, ({ team, body, actor, session }) =>
  updateTeamPolicies({ teamId: team.teamId, actor, input: body, sessionId: session.id }),
);
