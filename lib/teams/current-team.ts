import { db } from "../db";
import { portalUrl } from "../http/portal-url";

/** The cookie that remembers which team the dashboard shows. Not a credential: membership is checked on every read. */
export const CURRENT_TEAM_COOKIE = "obp_team";

/** The `Set-Cookie` value that makes `teamId` the dashboard's team for a year (Secure on an https portal). */
export function currentTeamCookie(teamId: string): string {
  const secure = new URL(portalUrl()).protocol === "https:" ? "; Secure" : "";
  return `${CURRENT_TEAM_COOKIE}=${teamId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`;
}

/**
 * The team the dashboard shows: the one in the cookie if the user is still a member,
 * else their personal team (else any team of theirs).
 */
export async function resolveCurrentTeamId(options: { userId: string; requested?: string }): Promise<string | null> {
  if (options.requested) {
    const member = await db().membership.findUnique({
      where: { userId_teamId: { userId: options.userId, teamId: options.requested } },
      select: { teamId: true },
    });
    if (member) return member.teamId;
  }
  const fallback = await db().membership.findFirst({
    where: { userId: options.userId },
    orderBy: [{ team: { personal: "desc" } }, { createdAt: "asc" }],
    select: { teamId: true },
  });
  return fallback?.teamId ?? null;
}
