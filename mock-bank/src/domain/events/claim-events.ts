import type { PrismaClient } from "@prisma/client";
import type { DatabaseProvider } from "@openbank/database/database-url";

export type ClaimedEvent = { id: string; tenantId: string; type: string; payload: string; createdAt: Date };

/**
 * Hands the next undelivered outbox events to one caller (the portal's webhook ingester) for
 * `leaseSeconds`: nobody else gets them until the lease lapses, so a caller that dies before
 * acknowledging loses nothing. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several portal
 * instances claim at once without waiting on or double-claiming each other's rows; SQLite has
 * one writer, so a conditional update in a short transaction is enough.
 */
export async function claimEvents(options: {
  db: PrismaClient;
  provider: DatabaseProvider;
  now: Date;
  limit: number;
  leaseSeconds: number;
}): Promise<ClaimedEvent[]> {
  const { db, now, limit } = options;
  const until = new Date(now.getTime() + options.leaseSeconds * 1000);
  if (options.provider === "postgresql") {
    return db.$queryRaw<ClaimedEvent[]>`
      UPDATE "BankEvent" SET "claimedUntil" = ${until}
      WHERE "id" IN (
        SELECT "id" FROM "BankEvent"
        WHERE "deliveredAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        ORDER BY "createdAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "tenantId", "type", "payload", "createdAt"`;
  }
  return db.$transaction(async (tx) => {
    const claimable = { deliveredAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const rows = await tx.bankEvent.findMany({
      where: claimable,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, tenantId: true, type: true, payload: true, createdAt: true },
    });
    if (rows.length)
      await tx.bankEvent.updateMany({ where: { id: { in: rows.map((row) => row.id) }, ...claimable }, data: { claimedUntil: until } });
    return rows;
  });
}
