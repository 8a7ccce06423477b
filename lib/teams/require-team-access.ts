import type { Role } from "@prisma/client";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { assertTwoFactorPolicy } from "../team-policies/two-factor-policy";
import { can, type Action } from "./permissions";

export type TeamAccess = { teamId: string; teamName: string; personal: boolean; role: Role; membershipId: string };

/**
 * The user's membership of the team, if their role allows `action`. Teams they are not in
 * are reported as missing, not forbidden, so ids cannot be probed. A team that requires
 * two-factor refuses members without a second factor (403 two_factor_required), whatever the action.
 */
export async function requireTeamAccess(options: { teamId: string; userId: string; action: Action }): Promise<TeamAccess> {
  const membership = await db().membership.findUnique({
    where: { userId_teamId: { userId: options.userId, teamId: options.teamId } },
    select: { id: true, role: true, team: { select: { id: true, name: true, personal: true, requireTwoFactor: true } } },
  });
  if (!membership) throw new AppError("resource_not_found", `No team ${options.teamId}.`);
  await assertTwoFactorPolicy(membership.team, options.userId);
  if (!can(membership.role, options.action)) {
    throw new AppError("forbidden", `Your role (${membership.role}) cannot ${describe(options.action)} in this team.`);
  }
  return {
    teamId: membership.team.id,
    teamName: membership.team.name,
    personal: membership.team.personal,
    role: membership.role,
    membershipId: membership.id,
  };
}

function describe(action: Action): string {
  const [subject, verb] = action.split(":");
  return `${verb.replaceAll("_", " ")} ${subject === "team" || subject === "audit" ? `(${subject})` : subject + "s"}`;
}
