import type { z } from "zod";
import { db } from "../db";
import { blockedTeamIds } from "../team-policies/two-factor-policy";
import { appDtoSelect, toAppDto, type appSummaryDto } from "./app-dto";

export type AppSummary = z.output<typeof appSummaryDto>;

/**
 * The apps of the user's teams (or of one of them), newest first, with what the dashboard cards show.
 * Teams whose two-factor policy shuts the user out are left out.
 */
export async function listApps(options: { userId: string; teamId?: string }): Promise<AppSummary[]> {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const blocked = await blockedTeamIds(options.userId);
  const apps = await db().app.findMany({
    where: {
      teamId: { ...(options.teamId ? { equals: options.teamId } : {}), notIn: blocked },
      team: { memberships: { some: { userId: options.userId } } },
    },
    orderBy: { createdAt: "desc" },
    select: {
      ...appDtoSelect,
      team: { select: { name: true } },
      _count: {
        select: {
          apiKeys: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } },
          requestLogs: { where: { createdAt: { gte: since } } },
        },
      },
    },
  });
  return apps.map((app) => ({
    ...toAppDto(app),
    team_name: app.team.name,
    active_keys: app._count.apiKeys,
    requests_24h: app._count.requestLogs,
  }));
}
