import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { invalidate } from "../keys/cache-invalidation";

/**
 * Deletes an app of the team with everything that hangs on it (the schema cascades: keys, OAuth
 * client, webhook endpoints, events and deliveries, request logs, rollups, go-live requests), audited
 * in the team. Its keys and client stop at once in this process, on the other instances as the
 * invalidation message arrives (REDIS_URL), and within KEY_CACHE_TTL_SECONDS at worst; its consent
 * tokens stop at the next call (the gateway finds no app). The bank's sandbox tenant is left as it is.
 */
export async function deleteApp(options: { appId: string; teamId: string; actor: AuditActor }): Promise<void> {
  const { appId, teamId, actor } = options;
  const hashes = await db().$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: appId, teamId },
      select: {
        name: true,
        apiKeys: { select: { hash: true } },
        oauthClient: { select: { clientId: true } },
        _count: { select: { webhookEndpoints: true } },
      },
    });
    if (!app) throw new AppError("resource_not_found", `No app ${appId}.`);
    await tx.app.delete({ where: { id: appId } });
    await recordAudit(tx, {
      teamId,
      actor,
      action: "app.deleted",
      target: { type: "app", id: appId, name: app.name },
      metadata: {
        keys: app.apiKeys.length,
        webhook_endpoints: app._count.webhookEndpoints,
        oauth_client_id: app.oauthClient?.clientId ?? null,
      },
    });
    return app.apiKeys.map((key) => key.hash);
  });
  await invalidateCredentials(hashes);
}

/** Drops deleted keys and OAuth clients from every instance's gateway caches. */
export async function invalidateCredentials(keyHashes: readonly string[]): Promise<void> {
  // Past a handful, one flush is cheaper than a message per key.
  if (keyHashes.length > 20) await invalidate({ kind: "all_keys" });
  else for (const hash of keyHashes) await invalidate({ kind: "key", hash });
  await invalidate({ kind: "oauth_clients" });
  // Their consent tokens: the bank still holds the consents, the gateway must see the apps gone.
  await invalidate({ kind: "apps" });
}
