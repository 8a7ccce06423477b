import { db } from "../db";
import { blockedTeamIds } from "../team-policies/two-factor-policy";
import { can } from "../teams/permissions";

/** Ids of the team's apps whose logs the user may read (for team-wide usage). */
export async function readableTeamAppIds(options: { teamId: string; userId: string }): Promise<string[]> {
  const membership = await db().membership.findUnique({
    where: { userId_teamId: { userId: options.userId, teamId: options.teamId } },
    select: { role: true },
  });
  if (!membership || !can(membership.role, "logs:read")) return [];
  if ((await blockedTeamIds(options.userId)).includes(options.teamId)) return [];
  const apps = await db().app.findMany({ where: { teamId: options.teamId }, select: { id: true } });
  return apps.map((app) => app.id);
}
