import { db } from "../db";
import type { MemberDto } from "./team-dto";

const order = { owner: 0, admin: 1, developer: 2, viewer: 3 } as const;

/** A team's members: the owner first, then by role and name. */
export async function listMembers(options: { teamId: string }): Promise<MemberDto[]> {
  const rows = await db().membership.findMany({
    where: { teamId: options.teamId },
    select: { id: true, userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
  });
  return rows
    .map((row) => ({
      id: row.id,
      user_id: row.userId,
      name: row.user.name,
      email: row.user.email,
      role: row.role,
      joined_at: row.createdAt.toISOString(),
    }))
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}
