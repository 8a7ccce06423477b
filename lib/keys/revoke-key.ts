import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { retryOnBusy } from "../webhooks/retry-on-busy";
import { invalidate } from "./cache-invalidation";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

/**
 * Revokes at once: the next call with this key is refused (in this process immediately,
 * in other instances as the invalidation message arrives: lib/keys/cache-invalidation.ts). Revoking twice is a no-op and audits nothing.
 *
 * The transaction writes first: on SQLite (WAL, several processes on one file) a transaction
 * that has read and then wants to write gets SQLITE_BUSY at once, without the busy timeout's
 * wait, whenever another process holds the write lock or wrote since the read. One that starts
 * with its write waits for the lock instead. Should it still be refused, nothing changed and
 * it runs again (retryOnBusy); a key revoke under load answered 500 before.
 */
export async function revokeKey(options: { appId: string; teamId: string; keyId: string; actor: AuditActor }): Promise<KeyDto> {
  const { row, hash } = await retryOnBusy(() =>
    db().$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({
        where: { id: options.keyId, appId: options.appId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const key = await tx.apiKey.findFirst({
        where: { id: options.keyId, appId: options.appId },
        select: { ...keyDtoSelect, hash: true },
      });
      if (!key) throw new AppError("resource_not_found", `No key ${options.keyId} on this app.`);
      const { hash, ...row } = key;
      if (count)
        await recordAudit(tx, {
          teamId: options.teamId,
          actor: options.actor,
          action: "key.revoked",
          target: { type: "api_key", id: options.keyId, name: row.name },
          metadata: { app_id: options.appId, prefix: row.prefix },
        });
      return { row, hash };
    }),
  );
  await invalidate({ kind: "key", hash });
  return toKeyDto(row);
}
