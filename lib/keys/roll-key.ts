import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { createKey } from "./create-key";
import { invalidate } from "./cache-invalidation";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";
import { keyStatus, rollEndsAt } from "./key-lifecycle";

/**
 * Rolls a key: a new key with the same scope and expiry is created, and the old one keeps
 * working until `now + overlapSeconds` (never longer than it would have anyway), then
 * stops with 401 expired_api_key. Both happen in one transaction with the audit row.
 * Only a working key can be rolled, and only once.
 */
export async function rollKey(options: {
  appId: string;
  teamId: string;
  keyId: string;
  overlapSeconds: number;
  name?: string;
  actor: AuditActor;
  now?: Date;
}): Promise<{ key: KeyDto; secret: string; old_key: KeyDto }> {
  const now = options.now ?? new Date();
  const result = await db().$transaction(async (tx) => {
    const old = await tx.apiKey.findFirst({
      where: { id: options.keyId, appId: options.appId },
      select: { ...keyDtoSelect, hash: true },
    });
    if (!old) throw new AppError("resource_not_found", `No key ${options.keyId} on this app.`);
    const status = keyStatus(old, now);
    if (status !== "active" && !(status === "expiring" && !old.rolledToId)) {
      throw new AppError(
        "conflict",
        old.rolledToId
          ? "This key has already been rolled; roll its replacement instead."
          : `A ${status} key cannot be rolled; create a new key instead.`,
      );
    }
    const created = await createKey({
      appId: options.appId,
      teamId: options.teamId,
      name: options.name ?? old.name,
      scope: old.scope,
      expiresAt: old.expiresAt,
      actor: options.actor,
      tx,
      audit: false,
    });
    const endsAt = rollEndsAt({ now, overlapSeconds: options.overlapSeconds, currentExpiry: old.expiresAt });
    // Claims the key only if nobody rolled it meanwhile: a concurrent roll fails, not both succeed.
    const claimed = await tx.apiKey.updateMany({
      where: { id: old.id, rolledToId: null, revokedAt: null },
      data: { expiresAt: endsAt, rolledToId: created.key.id },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "This key was rolled or revoked meanwhile; reload and try again.");
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "key.rolled",
      target: { type: "api_key", id: old.id, name: old.name },
      metadata: {
        app_id: options.appId,
        old_prefix: old.prefix,
        new_key_id: created.key.id,
        new_prefix: created.key.prefix,
        overlap_seconds: options.overlapSeconds,
        old_key_expires_at: endsAt.toISOString(),
      },
    });
    const updated = await tx.apiKey.findUniqueOrThrow({ where: { id: old.id }, select: keyDtoSelect });
    return { ...created, old_key: toKeyDto(updated, now), hash: old.hash };
  });
  await invalidate({ kind: "key", hash: result.hash });
  return { key: result.key, secret: result.secret, old_key: result.old_key };
}
