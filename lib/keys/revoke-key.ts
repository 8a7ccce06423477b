import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { invalidate } from "./cache-invalidation";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";

/**
 * Revokes at once: the next call with this key is refused (in this process immediately,
 * in other instances as the invalidation message arrives: lib/keys/cache-invalidation.ts). Revoking twice is a no-op and audits nothing.
 */
export async function revokeKey(options: { appId: string; teamId: string; keyId: string; actor: AuditActor }): Promise<KeyDto> {
  const { row, hash } = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: options.keyId, appId: options.appId },
      select: { hash: true, revokedAt: true, name: true, prefix: true },
    });
    if (!key) throw new AppError("resource_not_found", `No key ${options.keyId} on this app.`);
    if (key.revokedAt)
      return { row: await tx.apiKey.findUniqueOrThrow({ where: { id: options.keyId }, select: keyDtoSelect }), hash: key.hash };
    const updated = await tx.apiKey.update({ where: { id: options.keyId }, data: { revokedAt: new Date() }, select: keyDtoSelect });
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "key.revoked",
      target: { type: "api_key", id: options.keyId, name: key.name },
      metadata: { app_id: options.appId, prefix: key.prefix },
    });
    return { row: updated, hash: key.hash };
  });
  await invalidate({ kind: "key", hash });
  return toKeyDto(row);
}
