import type { Role } from "@prisma/client";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { assertTwoFactorPolicy } from "../team-policies/two-factor-policy";
import { can, type Action } from "../teams/permissions";

/**
 * The app, if the user's team membership allows `action` on it. Apps of other teams are
 * reported as missing, not forbidden, so ids cannot be probed. The team's two-factor policy
 * applies (403 two_factor_required).
 */
export async function requireAppAccess(options: {
  appId: string;
  userId: string;
  action: Action;
  /** A personal access token limited to one team: apps of the user's other teams are missing too. */
  onlyTeamId?: string;
}) {
  const app = await db().app.findFirst({
    where: {
      id: options.appId,
      ...(options.onlyTeamId ? { teamId: options.onlyTeamId } : {}),
      team: { memberships: { some: { userId: options.userId } } },
    },
    select: {
      id: true,
      teamId: true,
      team: {
        select: { name: true, requireTwoFactor: true, memberships: { where: { userId: options.userId }, select: { role: true } } },
      },
    },
  });
  if (!app) throw new AppError("resource_not_found", `No app ${options.appId}.`);
  await assertTwoFactorPolicy(app.team, options.userId);
  const role: Role = app.team.memberships[0].role;
  if (!can(role, options.action)) {
    throw new AppError("forbidden", `Your role (${role}) cannot ${options.action.replace(":", " ")} on this app.`);
  }
  return { appId: app.id, teamId: app.teamId, role };
}
