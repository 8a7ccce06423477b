import type { Prisma, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { AuditAction } from "./audit-actions";
import type { AuditActor } from "./audit-actor";
import { sanitizeMetadata, type AuditMetadata } from "./sanitize-metadata";

/** Who is changing something of which team: what a domain function needs to audit its change. */
export type AuditContext = { teamId: string; actor: AuditActor };

export type AuditEntry = {
  /** Null for the account's own events (`account.*`): they belong to the actor, not a team. */
  teamId: string | null;
  actor: AuditActor;
  action: AuditAction;
  target: { type: string; id: string; name?: string };
  /** Non-secret details: old and new role, a key's scope, an overlap's end. */
  metadata?: AuditMetadata;
};

/**
 * Records one security-relevant change. Pass the transaction that makes the change, so the
 * change and its audit row commit together or not at all:
 *
 *   await db().$transaction(async (tx) => { …change…; await recordAudit(tx, { teamId, actor, action: "key.revoked", target }) });
 */
export async function recordAudit(tx: Prisma.TransactionClient | PrismaClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: newId("audit"),
      teamId: entry.teamId,
      actorId: entry.actor.userId,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetName: entry.target.name?.slice(0, 200) ?? "",
      ip: entry.actor.ip.slice(0, 100),
      metadata: sanitizeMetadata(entry.metadata),
    },
  });
}
