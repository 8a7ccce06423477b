import { BatchWriter } from "../batch-writer";
import { db } from "../db";

type Use = { keyId: string; at: Date };

async function writeLastUsed(uses: Use[]): Promise<void> {
  const latest = new Map<string, Date>();
  for (const use of uses) {
    const seen = latest.get(use.keyId);
    if (!seen || seen < use.at) latest.set(use.keyId, use.at);
  }
  await db.$transaction(
    [...latest].map(([id, at]) => db.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } })),
  );
}

const globalForUses = globalThis as unknown as { keyUses?: BatchWriter<Use> };

export const keyUses: BatchWriter<Use> =
  globalForUses.keyUses ??
  (globalForUses.keyUses = new BatchWriter(writeLastUsed, { name: "key-last-used", intervalMs: 2_000, maxBatch: 500, maxQueue: 50_000 }));

/** Notes a key's use; written to the database within ~2 s, off the request path. */
export function recordKeyUse(keyId: string, at = new Date()): void {
  keyUses.push({ keyId, at });
}
