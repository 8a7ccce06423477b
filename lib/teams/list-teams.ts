import { db } from "../db";
import type { TeamDto } from "./team-dto";

/** Every team the user belongs to: their personal team first, then by name. */
export async function listTeams(options: { userId: string }): Promise<TeamDto[]> {
  const memberships = await db().membership.findMany({
    where: { userId: options.userId },
    select: {
      role: true,
      team: { select: { id: true, name: true, personal: true, createdAt: true, _count: { select: { memberships: true, apps: true } } } },
    },
  });
  return memberships
    .map(({ role, team }) => ({
      id: team.id,
      name: team.name,
      personal: team.personal,
      role,
      member_count: team._count.memberships,
      app_count: team._count.apps,
      created_at: team.createdAt.toISOString(),
    }))
    .sort((a, b) => Number(b.personal) - Number(a.personal) || a.name.localeCompare(b.name));
}
