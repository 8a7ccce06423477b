import { db } from "../db";
import { blockedTeamIds } from "../team-policies/two-factor-policy";

/**
 * The app whose request log holds `requestId`, among the apps of the user's teams (teams whose
 * two-factor policy shuts the user out left out), or null: a request of another team is not
 * found, exactly like one that never existed or has been pruned.
 */
export async function findRequestLogApp(options: { userId: string; requestId: string }): Promise<{ appId: string } | null> {
  const blocked = await blockedTeamIds(options.userId);
  const row = await db().requestLog.findFirst({
    where: {
      id: options.requestId,
      app: { teamId: { notIn: blocked }, team: { memberships: { some: { userId: options.userId } } } },
    },
    select: { appId: true },
  });
  return row ? { appId: row.appId } : null;
}
