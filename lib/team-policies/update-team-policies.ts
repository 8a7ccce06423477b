import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { hasSecondFactor } from "@/lib/sessions/verify-identity";
import { ssoConfig } from "@/lib/sso/sso-config";
import { emailDomain, hasSsoLinkOnDomain } from "./sso-policy";
import { countMembersWithoutSecondFactor, getTeamPolicies, type TeamPoliciesDto, type UpdateTeamPoliciesInput } from "./team-policy-dto";

const domainProblem = (code: "validation_failed" | "conflict", detail: string) =>
  new AppError(code, detail, { errors: [{ pointer: "/body/sso_domain", detail }] });

/**
 * Who may require single sign-on for a domain: only while SSO is configured, only for the owner's
 * own email domain, and only once the owner has linked the provider with an address on it. So the
 * provider has shown it vouches for that domain (a team cannot claim gmail.com, nor a domain its
 * provider does not serve), and the owner cannot lock members into a sign-in nobody has tried.
 */
async function assertCanRequireSso(actor: AuditActor, domain: string): Promise<void> {
  const config = ssoConfig();
  if (!config) {
    throw domainProblem(
      "conflict",
      "Single sign-on is not configured on this portal (SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET), so it cannot be required.",
    );
  }
  const own = emailDomain(actor.email);
  if (domain !== own) {
    throw domainProblem(
      "validation_failed",
      `Use your own email's domain, ${own}: a team can only require single sign-on for the domain its owner signs in with.`,
    );
  }
  if (!(await hasSsoLinkOnDomain(actor.userId, config.issuer, domain))) {
    throw domainProblem(
      "conflict",
      `Link your account to ${config.name} first (Account → Security → Single sign-on), so the provider has vouched for a ${domain} address.`,
    );
  }
}

/**
 * Changes a team's security policies (the owner, after a step-up: checked by the operation).
 * - Two-factor: the owner must have a second factor before requiring one of everybody.
 * - Single sign-on: see assertCanRequireSso. Requiring it signs out the password and passkey
 *   sessions of the members on the domain (all but the owner's current one): the policy would
 *   otherwise wait a week for their sessions to end.
 * Each change is audited in the same transaction.
 */
export async function updateTeamPolicies(options: {
  teamId: string;
  actor: AuditActor;
  input: UpdateTeamPoliciesInput;
  /** The owner's current session, kept signed in. */
  sessionId: string;
}): Promise<TeamPoliciesDto> {
  const { teamId, actor, input, sessionId } = options;
  const team = await db().team.findUniqueOrThrow({
    where: { id: teamId },
    select: { name: true, personal: true, requireTwoFactor: true, ssoDomain: true },
  });
  if (team.personal) throw new AppError("conflict", "A personal team has only you in it: security policies are for shared teams.");

  const twoFactor = input.require_two_factor ?? team.requireTwoFactor;
  const domain = input.sso_domain === undefined ? team.ssoDomain : input.sso_domain;
  if (twoFactor && !team.requireTwoFactor && !(await hasSecondFactor(actor.userId))) {
    throw new AppError(
      "two_factor_required",
      "Set up two-factor on your own account (an authenticator app or a passkey, on the Security page) before requiring it of members.",
    );
  }
  if (domain && domain !== team.ssoDomain) await assertCanRequireSso(actor, domain);

  await db().$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: { requireTwoFactor: twoFactor, ssoDomain: domain } });
    if (twoFactor !== team.requireTwoFactor) {
      await recordAudit(tx, {
        teamId,
        actor,
        action: "team.two_factor_policy_changed",
        target: { type: "team", id: teamId, name: team.name },
        metadata: { required: twoFactor, members_without_second_factor: await countMembersWithoutSecondFactor(tx, teamId) },
      });
    }
    if (domain !== team.ssoDomain) {
      const signedOut = domain
        ? await tx.portalSession.updateMany({
            where: {
              revokedAt: null,
              method: { not: "sso" },
              id: { not: sessionId },
              user: { email: { endsWith: `@${domain}` }, memberships: { some: { teamId } } },
            },
            data: { revokedAt: new Date() },
          })
        : { count: 0 };
      await recordAudit(tx, {
        teamId,
        actor,
        action: "team.sso_policy_changed",
        target: { type: "team", id: teamId, name: team.name },
        metadata: { old_domain: team.ssoDomain, new_domain: domain, sessions_signed_out: signedOut.count },
      });
    }
  });
  return getTeamPolicies(teamId);
}
