import { defineOperation } from "@/lib/portal-api/define-operation";
import { teamParams } from "@/lib/portal-api/schemas";
import { teamPoliciesDto, updateTeamPoliciesInput } from "./team-policy-dto";

export const getTeamPoliciesOperation = defineOperation({
  method: "GET",
  path: "/api/teams/{teamId}/policies",
  operationId: "getTeamPolicies",
  tag: "Teams",
  summary: "Read a team's security policies",
  description: "Any member: whether members must use two-factor, and the email domain that must sign in with single sign-on.",
  access: { team: "team:read" },
  params: teamParams,
  success: { status: 200, description: "The team's security policies.", schema: teamPoliciesDto },
});

export const updateTeamPoliciesOperation = defineOperation({
  method: "PATCH",
  path: "/api/teams/{teamId}/policies",
  operationId: "updateTeamPolicies",
  stepUp: true,
  tag: "Teams",
  summary: "Change a team's security policies",
  description:
    "The owner only, after confirming it's them. `require_two_factor`: members without an authenticator app or a passkey can do " +
    "nothing in the team until they set one up, and cannot join it (the owner needs one first). `sso_domain`: members whose email is " +
    "on the domain must sign in with single sign-on; only the owner's own domain, once they have linked single sign-on with an address " +
    "on it. Requiring it signs out those members' password and passkey sessions. Not for personal teams.",
  access: { team: "team:set_policies" },
  params: teamParams,
  body: updateTeamPoliciesInput,
  errors: ["conflict"],
  success: { status: 200, description: "The team's policies after the change.", schema: teamPoliciesDto },
});

export const teamPolicyOperations = [getTeamPoliciesOperation, updateTeamPoliciesOperation];
