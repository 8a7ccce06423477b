import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";

/** A portal app `id` with its own developer and team, for the webhook tests that write to the portal's database. */
export async function createTestApp(db: PrismaClient, id: string): Promise<void> {
  const user = newId("user");
  const team = newId("team");
  await db.user.create({ data: { id: user, email: `${user}@example.com`, name: "Dev", passwordHash: "x" } });
  await db.team.create({ data: { id: team, name: "Team" } });
  await db.app.create({ data: { id, teamId: team, name: id, createdById: user } });
}
