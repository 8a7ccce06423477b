import type { Prisma } from "@prisma/client";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { env } from "../env";
import { newId } from "@openbank/contracts/ids";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key";
import { portal } from "../runtime";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";
import type { KeyScope } from "./key-lifecycle";

/**
 * Issues a sandbox key and audits it. The secret is returned exactly once, here; only its
 * HMAC is stored. Pass `tx` to create the key inside a caller's transaction (with its app,
 * or in a roll); without one, the key and its audit row get their own transaction.
 */
export async function createKey(options: {
  appId: string;
  teamId: string;
  name: string;
  scope?: KeyScope;
  expiresAt?: Date | null;
  actor: AuditActor;
  tx?: Prisma.TransactionClient;
  /** Audit metadata for the creation; false when the caller audits it (a roll). */
  audit?: false;
}): Promise<{ key: KeyDto; secret: string }> {
  if (!options.tx) return db().$transaction((tx) => createKey({ ...options, tx }));
  const secret = generateApiKey();
  const hash = hashApiKey(secret, env().API_KEY_PEPPER);
  const row = await options.tx.apiKey.create({
    data: {
      id: newId("key"),
      appId: options.appId,
      name: options.name,
      prefix: displayPrefix(secret),
      hash,
      scope: options.scope ?? "read_write",
      expiresAt: options.expiresAt ?? null,
      createdById: options.actor.userId,
    },
    select: keyDtoSelect,
  });
  if (options.audit !== false) {
    await recordAudit(options.tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "key.created",
      target: { type: "api_key", id: row.id, name: row.name },
      metadata: { app_id: options.appId, prefix: row.prefix, scope: row.scope, expires_at: row.expiresAt?.toISOString() ?? null },
    });
  }
  portal().caches.keys.delete(hash);
  return { key: toKeyDto(row), secret };
}
