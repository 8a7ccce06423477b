import { db } from "../db";
import type { Role } from "@prisma/client";
import { blockedTeamIds } from "../team-policies/two-factor-policy";
import { can } from "../teams/permissions";

export type UsableKey = { id: string; name: string; prefix: string; app_id: string; app_name: string };

/** Active keys the user may call the sandbox with from the docs, grouped by app order. */
export async function listUsableKeys(options: { userId: string }): Promise<UsableKey[]> {
  const blocked = await blockedTeamIds(options.userId); // teams whose two-factor policy shuts the user out
  const keys = await db().apiKey.findMany({
    where: {
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      app: { teamId: { notIn: blocked }, team: { memberships: { some: { userId: options.userId } } } },
    },
    orderBy: [{ app: { createdAt: "desc" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      appId: true,
      app: { select: { name: true, team: { select: { memberships: { where: { userId: options.userId }, select: { role: true } } } } } },
    },
  });
  return keys
    .filter((key) => can(key.app.team.memberships[0].role as Role, "key:use"))
    .map((key) => ({ id: key.id, name: key.name, prefix: key.prefix, app_id: key.appId, app_name: key.app.name }));
}
