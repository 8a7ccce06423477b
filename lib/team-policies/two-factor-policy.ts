import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { hasSecondFactor } from "@/lib/sessions/verify-identity";

/** The 403 a member without a second factor gets from a team that requires one. */
export function twoFactorRequired(teamName: string): AppError {
  return new AppError(
    "two_factor_required",
    `${teamName} requires two-factor authentication: set up an authenticator app or a passkey on your account's Security page (/account/security), then try again.`,
  );
}

/**
 * "Members must use two-factor", checked on every request to the team (requireTeamAccess,
 * requireAppAccess): a member without a second factor is signed in, but can do nothing in the
 * team until they set one up. Costs a query only for teams with the policy on.
 */
export async function assertTwoFactorPolicy(team: { name: string; requireTwoFactor: boolean }, userId: string): Promise<void> {
  if (team.requireTwoFactor && !(await hasSecondFactor(userId))) throw twoFactorRequired(team.name);
}

/** The developer's teams that shut them out until they set up a second factor (for the banner and for listings). */
export async function teamsBlockedByTwoFactor(userId: string): Promise<Array<{ id: string; name: string }>> {
  const memberships = await db().membership.findMany({
    where: { userId, team: { requireTwoFactor: true } },
    select: { team: { select: { id: true, name: true } } },
    orderBy: { team: { name: "asc" } },
  });
  if (memberships.length === 0 || (await hasSecondFactor(userId))) return [];
  return memberships.map((membership) => membership.team);
}

/** Ids of those teams: what listings across teams (apps, keys, usage) leave out. */
export async function blockedTeamIds(userId: string): Promise<string[]> {
  return (await teamsBlockedByTwoFactor(userId)).map((team) => team.id);
}
