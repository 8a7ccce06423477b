import type { PrismaClient } from "@prisma/client";

/**
 * Marks events as handed over: the portal has stored them durably in its own database. An
 * acknowledgement of an already delivered or unknown id changes nothing (acks are retried).
 */
export async function acknowledgeEvents(options: { db: PrismaClient; ids: string[]; now: Date }): Promise<number> {
  if (!options.ids.length) return 0;
  const { count } = await options.db.bankEvent.updateMany({
    where: { id: { in: options.ids }, deliveredAt: null },
    data: { deliveredAt: options.now, claimedUntil: null },
  });
  return count;
}
