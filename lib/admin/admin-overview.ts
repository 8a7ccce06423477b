import { db } from "../db";

const DAY_MS = 86_400_000;

/** Requests per app over the last `days`, from the rollups. */
async function requestVolumeByApp(days: number, now: Date): Promise<Map<string, number>> {
  const groups = await db().requestRollup.groupBy({
    by: ["appId"],
    where: { bucket: { gte: new Date(now.getTime() - days * DAY_MS) } },
    _sum: { count: true },
  });
  return new Map(groups.map((group) => [group.appId, group._sum.count ?? 0]));
}

export type AdminAppRow = {
  id: string;
  name: string;
  team_id: string;
  team_name: string;
  status: "active" | "suspended";
  suspended_reason: string | null;
  go_live: "none" | "pending" | "approved" | "rejected";
  requests_7d: number;
  created_at: string;
};

export async function listAdminApps(options: { now?: Date; query?: string } = {}): Promise<AdminAppRow[]> {
  const now = options.now ?? new Date();
  const query = options.query?.trim();
  const [apps, volume] = await Promise.all([
    db().app.findMany({
      where: query ? { OR: [{ id: query }, { name: { contains: query } }, { team: { name: { contains: query } } }] } : {},
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        name: true,
        teamId: true,
        status: true,
        suspendedReason: true,
        createdAt: true,
        team: { select: { name: true } },
        goLiveRequests: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } },
      },
    }),
    requestVolumeByApp(7, now),
  ]);
  return apps.map((app) => ({
    id: app.id,
    name: app.name,
    team_id: app.teamId,
    team_name: app.team.name,
    status: app.status,
    suspended_reason: app.suspendedReason,
    go_live: app.goLiveRequests[0]?.status ?? "none",
    requests_7d: volume.get(app.id) ?? 0,
    created_at: app.createdAt.toISOString(),
  }));
}

export type AdminDeveloperRow = { id: string; name: string; email: string; platform_admin: boolean; teams: number; created_at: string };

export async function listAdminDevelopers(): Promise<AdminDeveloperRow[]> {
  const users = await db().user.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, email: true, platformAdmin: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    platform_admin: user.platformAdmin,
    teams: user._count.memberships,
    created_at: user.createdAt.toISOString(),
  }));
}

export type AdminTeamRow = { id: string; name: string; members: number; apps: number; requests_7d: number; created_at: string };

export async function listAdminTeams(options: { now?: Date } = {}): Promise<AdminTeamRow[]> {
  const now = options.now ?? new Date();
  const [teams, volume] = await Promise.all([
    db().team.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, name: true, createdAt: true, apps: { select: { id: true } }, _count: { select: { memberships: true } } },
    }),
    requestVolumeByApp(7, now),
  ]);
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    members: team._count.memberships,
    apps: team.apps.length,
    requests_7d: team.apps.reduce((sum, app) => sum + (volume.get(app.id) ?? 0), 0),
    created_at: team.createdAt.toISOString(),
  }));
}

export type AdminCounts = { developers: number; teams: number; apps: number; suspended_apps: number; pending_go_live: number };

export async function adminCounts(): Promise<AdminCounts> {
  const [developers, teams, apps, suspended, pending] = await Promise.all([
    db().user.count(),
    db().team.count(),
    db().app.count(),
    db().app.count({ where: { status: "suspended" } }),
    db().goLiveRequest.count({ where: { status: "pending" } }),
  ]);
  return { developers, teams, apps, suspended_apps: suspended, pending_go_live: pending };
}
