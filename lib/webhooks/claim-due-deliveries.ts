import type { PrismaClient } from "@prisma/client";
import type { DatabaseProvider } from "@openbank/database/database-url";
import { retryOnBusy } from "./retry-on-busy";

/**
 * Claims up to `limit` deliveries that are due (pending, next attempt time passed, endpoint
 * enabled and a URL (a listen session's go down its stream), not claimed by a live dispatcher) for `leaseMs`, longer than one attempt can take.
 * A dispatcher that dies mid-attempt leaves a claim that lapses, so the delivery is tried again.
 * On PostgreSQL FOR UPDATE SKIP LOCKED lets several dispatchers claim side by side; SQLite has
 * one writer, so a conditional update per row decides who got it.
 */
export async function claimDueDeliveries(options: {
  db: PrismaClient;
  provider: DatabaseProvider;
  now: Date;
  limit: number;
  leaseMs: number;
}): Promise<string[]> {
  const { db, now, limit } = options;
  const until = new Date(now.getTime() + options.leaseMs);
  if (options.provider === "postgresql") {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" SET "lockedUntil" = ${until}
      WHERE "id" IN (
        SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
        WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${now} AND (d."lockedUntil" IS NULL OR d."lockedUntil" < ${now}) AND e."enabled" = true AND e."kind" = 'url'
        ORDER BY d."nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      )
      RETURNING "id"`;
    return rows.map((row) => row.id);
  }
  const due = {
    status: "pending" as const,
    nextAttemptAt: { lte: now },
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    endpoint: { enabled: true, kind: "url" },
  };
  const candidates = await db.webhookDelivery.findMany({
    where: due,
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const { count } = await retryOnBusy(() =>
      db.webhookDelivery.updateMany({
        where: { id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
        data: { lockedUntil: until },
      }),
    );
    if (count === 1) claimed.push(id);
  }
  return claimed;
}
