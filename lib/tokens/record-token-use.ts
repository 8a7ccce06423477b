import type { PrismaClient } from "@prisma/client";
import { BatchWriter } from "../batch-writer";

export type TokenUse = { tokenId: string; at: Date; ip: string };

/**
 * Personal access tokens' last-used time and client address, written off the request path
 * within ~2 s, as keys' are (lib/keys/record-key-use.ts). Each flush keeps the latest use per
 * token and never moves a time back.
 */
export function createTokenUseWriter(db: PrismaClient): BatchWriter<TokenUse> {
  async function writeLastUsed(uses: TokenUse[]): Promise<void> {
    const latest = new Map<string, TokenUse>();
    for (const use of uses) {
      const seen = latest.get(use.tokenId);
      if (!seen || seen.at < use.at) latest.set(use.tokenId, use);
    }
    await db.$transaction(
      [...latest.values()].map(({ tokenId, at, ip }) =>
        db.personalAccessToken.updateMany({
          where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
          data: { lastUsedAt: at, lastUsedIp: ip.slice(0, 100) },
        }),
      ),
    );
  }
  return new BatchWriter(writeLastUsed, { name: "token-last-used", intervalMs: 2_000, maxBatch: 500, maxQueue: 50_000 });
}
