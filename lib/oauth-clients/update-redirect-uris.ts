import { db } from "../db";
import { invalidate } from "../keys/cache-invalidation";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** Replaces the app's registered redirect URIs (validated by redirectUrisInput), audited with the before and after lists. */
export async function updateRedirectUris(options: { appId: string; redirectUris: string[]; audit: AuditContext }): Promise<string[]> {
  const unique = [...new Set(options.redirectUris)];
  await db().$transaction(async (tx) => {
    const before = await tx.app.findUniqueOrThrow({ where: { id: options.appId }, select: { name: true, redirectUris: true } });
    await tx.app.update({ where: { id: options.appId }, data: { redirectUris: unique } });
    await recordAudit(tx, {
      ...options.audit,
      action: "app.redirect_uris_changed",
      target: { type: "app", id: options.appId, name: before.name },
      metadata: { before: (before.redirectUris as string[]).join(" "), after: unique.join(" ") },
    });
  });
  await invalidate({ kind: "oauth_clients" });
  return unique;
}
