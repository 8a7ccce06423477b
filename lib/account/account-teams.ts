import type { Prisma, PrismaClient, Role } from "@prisma/client";
import { db } from "@/lib/db";

/** One of the developer's teams, and what deleting the account would do to it. */
export type AccountTeam = {
  membershipId: string;
  teamId: string;
  name: string;
  personal: boolean;
  role: Role;
  members: number;
  apps: number;
  /**
   * `delete`: the developer is its only member, so it goes with the account (apps, keys and all);
   * `block`: they own it and others are in it, so the account cannot go until ownership moves;
   * `leave`: they are a member of someone else's team, and leave it.
   */
  fate: "delete" | "block" | "leave";
};

export function teamFate(role: Role, members: number): AccountTeam["fate"] {
  if (members <= 1) return "delete";
  return role === "owner" ? "block" : "leave";
}

/** The developer's teams with each one's fate if the account were deleted now; blocking ones first. */
export async function accountTeams(userId: string, client: PrismaClient | Prisma.TransactionClient = db()): Promise<AccountTeam[]> {
  const memberships = await client.membership.findMany({
    where: { userId },
    select: {
      id: true,
      role: true,
      team: { select: { id: true, name: true, personal: true, _count: { select: { memberships: true, apps: true } } } },
    },
  });
  const order = { block: 0, delete: 1, leave: 2 } as const;
  return memberships
    .map((membership) => ({
      membershipId: membership.id,
      teamId: membership.team.id,
      name: membership.team.name,
      personal: membership.team.personal,
      role: membership.role,
      members: membership.team._count.memberships,
      apps: membership.team._count.apps,
      fate: teamFate(membership.role, membership.team._count.memberships),
    }))
    .sort((a, b) => order[a.fate] - order[b.fate] || Number(b.personal) - Number(a.personal) || a.name.localeCompare(b.name));
}
