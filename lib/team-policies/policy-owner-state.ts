import { hasSecondFactor } from "@/lib/sessions/verify-identity";
import { ssoConfig } from "@/lib/sso/sso-config";
import { emailDomain, hasSsoLinkOnDomain } from "./sso-policy";
import type { PolicyOwnerState } from "./team-policy-dto";

/** Whether the owner could turn each policy on now (updateTeamPolicies checks the same things). */
export async function policyOwnerState(user: { id: string; email: string }): Promise<PolicyOwnerState> {
  const ownDomain = emailDomain(user.email);
  const config = ssoConfig();
  const [secondFactor, linked] = await Promise.all([
    hasSecondFactor(user.id),
    config ? hasSsoLinkOnDomain(user.id, config.issuer, ownDomain) : false,
  ]);
  return { hasSecondFactor: secondFactor, ownDomain, ssoLinkedOnOwnDomain: linked };
}
