import { db } from "../db";
import { listUsableKeys, type UsableKey } from "../keys/list-usable-keys";
import type { DocsChoice } from "./docs-choice";
import { pickDocsKey, type DocsKeyPick } from "./pick-docs-key";

/**
 * The keys the reader may call with from the docs, and the one Try-it-out starts with
 * (see pickDocsKey). A signed-out reader has no keys; only a pasted key can be theirs.
 */
export async function loadDocsKey(options: {
  userId: string | null;
  cameFrom?: { appId: string; keyId?: string } | null;
  choice: DocsChoice | null;
}): Promise<{ keys: UsableKey[]; pick: DocsKeyPick }> {
  const keys = options.userId ? await listUsableKeys({ userId: options.userId }) : [];
  const appIds = [...new Set(keys.map((key) => key.app_id))];
  // Revoked and expired keys count too: the app was used, whichever of its keys made the call.
  const uses = appIds.length
    ? await db().apiKey.groupBy({ by: ["appId"], where: { appId: { in: appIds }, lastUsedAt: { not: null } }, _max: { lastUsedAt: true } })
    : [];
  const lastUsedByApp = Object.fromEntries(uses.map((use) => [use.appId, use._max.lastUsedAt!.toISOString()]));
  return { keys, pick: pickDocsKey({ keys, lastUsedByApp, cameFrom: options.cameFrom, choice: options.choice }) };
}
