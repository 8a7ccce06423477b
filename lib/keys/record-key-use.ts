import type { PrismaClient } from "@prisma/client";
import { BatchWriter } from "../batch-writer";

export type KeyUse = { keyId: string; at: Date; ip: string };

/**
 * Keys' last-used time and client address, written off the request path within ~2 s: the
 * gateway only pushes. Each flush keeps the latest use per key and never moves a time back.
 */
export function createKeyUseWriter(db: PrismaClient): BatchWriter<KeyUse> {
  async function writeLastUsed(uses: KeyUse[]): Promise<void> {
    const latest = new Map<string, KeyUse>();
    for (const use of uses) {
      const seen = latest.get(use.keyId);
      if (!seen || seen.at < use.at) latest.set(use.keyId, use);
    }
    await db.$transaction(
      [...latest.values()].map(({ keyId, at, ip }) =>
        db.apiKey.updateMany({
          where: { id: keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
          data: { lastUsedAt: at, lastUsedIp: ip.slice(0, 100) },
        }),
      ),
    );
  }
  return new BatchWriter(writeLastUsed, { name: "key-last-used", intervalMs: 2_000, maxBatch: 500, maxQueue: 50_000 });
}
