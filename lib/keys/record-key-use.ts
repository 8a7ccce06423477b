import { BatchWriter } from "../batch-writer";
import { db } from "../db";

type Use = { keyId: string; at: Date; ip: string };

async function writeLastUsed(uses: Use[]): Promise<void> {
  const latest = new Map<string, Use>();
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

const globalForUses = globalThis as unknown as { keyUses?: BatchWriter<Use> };

export const keyUses: BatchWriter<Use> =
  globalForUses.keyUses ??
  (globalForUses.keyUses = new BatchWriter(writeLastUsed, { name: "key-last-used", intervalMs: 2_000, maxBatch: 500, maxQueue: 50_000 }));

/** Notes a key's use and the caller's address; written to the database within ~2 s, off the request path. */
export function recordKeyUse(keyId: string, at = new Date(), ip = "unknown"): void {
  keyUses.push({ keyId, at, ip });
}
