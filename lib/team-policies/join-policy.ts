import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { hasSecondFactor } from "@/lib/sessions/verify-identity";
import { ssoConfig, type SsoConfig } from "@/lib/sso/sso-config";
import { hashInviteToken } from "@/lib/teams/invite-token";
import { inviteStatus } from "@/lib/teams/team-dto";
import { emailDomain } from "./sso-policy";

/** What a team's policies ask of an address that joins it. */
export type JoinPolicies = {
  teamName: string;
  /** The team requires a second factor of every member. */
  twoFactor: boolean;
  /** The address is on the team's single sign-on domain (and single sign-on is configured). */
  sso: { domain: string; providerName: string } | null;
};

/** The policies `email` meets when joining `team`. */
export function joinPoliciesFor(
  team: { name: string; requireTwoFactor: boolean; ssoDomain: string | null },
  email: string,
  config: SsoConfig | null = ssoConfig(),
): JoinPolicies {
  const sso =
    config && team.ssoDomain && emailDomain(email) === team.ssoDomain ? { domain: team.ssoDomain, providerName: config.name } : null;
  return { teamName: team.name, twoFactor: team.requireTwoFactor, sso };
}

/** Someone about to join: how their session signed in, and whether they have a second factor. Null: an account not created yet. */
export type Joiner = { signedInWith: string; hasSecondFactor: boolean } | null;

/** What stands between the joiner and the team, first things first: single sign-on, then a second factor. */
export function pendingJoinStep(policies: JoinPolicies, joiner: Joiner): "sso" | "two_factor" | null {
  if (policies.sso && joiner?.signedInWith !== "sso") return "sso";
  if (policies.twoFactor && !joiner?.hasSecondFactor) return "two_factor";
  return null;
}

/** The policies of a pending invitation's team for its address, or null (unknown link, no longer pending). */
export async function invitePolicies(token: string): Promise<(JoinPolicies & { email: string }) | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const invite = await db().teamInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      email: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true, requireTwoFactor: true, ssoDomain: true } },
    },
  });
  if (!invite || inviteStatus(invite) !== "pending") return null;
  return { ...joinPoliciesFor(invite.team, invite.email), email: invite.email };
}

/**
 * Refuses to let someone join a team whose policies they do not meet yet: single sign-on for
 * addresses on its domain (the joining session must have signed in with it), and a second
 * factor when the team requires one. `userId` null: an account being created from the link.
 * Invitations that are unknown, used, or for another address are left to acceptInvite to refuse.
 */
export async function assertInviteJoinable(options: {
  token: string;
  email: string;
  userId: string | null;
  signedInWith: string | null;
}): Promise<void> {
  const policies = await invitePolicies(options.token);
  if (!policies || policies.email !== options.email.toLowerCase()) return;
  const joiner = options.userId
    ? { signedInWith: options.signedInWith ?? "", hasSecondFactor: policies.twoFactor && (await hasSecondFactor(options.userId)) }
    : null;
  const step = pendingJoinStep(policies, joiner);
  if (step === "sso") {
    throw new AppError(
      "sso_required",
      `${policies.teamName} requires single sign-on for ${policies.sso!.domain} addresses: sign in with ${policies.sso!.providerName}, then accept the invitation.`,
    );
  }
  if (step === "two_factor") {
    throw new AppError(
      "two_factor_required",
      options.userId
        ? `${policies.teamName} requires two-factor authentication: set up an authenticator app or a passkey on your account's Security page (/account/security), then open the invitation link again.`
        : `${policies.teamName} requires two-factor authentication: create your account from the sign-up page, set up an authenticator app or a passkey, then open the invitation link again.`,
    );
  }
}
