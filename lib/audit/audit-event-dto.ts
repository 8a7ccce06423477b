import type { AuditEvent } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { auditActions, isAuditAction } from "./audit-actions";
import type { AuditMetadata } from "./sanitize-metadata";

/** One metadata value, as recordAudit stores it (sanitised: never a secret). */
const metadataValue = z.union([text(100_000), z.number(), z.boolean(), z.null(), z.array(text(2048)).max(1000)]);

/** One audit row: who did what to which resource, when and from where. */
export const auditEventDto = z.object({
  id: resourceId,
  /** Null for the account's own events (password changed, session revoked). */
  team_id: resourceId.nullable(),
  /** A stable code such as `key.revoked`; `action_label` is how the audit page names it. */
  action: text(64),
  action_label: text(100),
  /** `id` is null once the actor's account is deleted; the email stays. */
  actor: z.object({ id: resourceId.nullable(), email: text(254) }),
  target: z.object({ type: text(32), id: resourceId, name: text(200) }),
  ip: text(64),
  metadata: z.record(text(64), metadataValue),
  created_at: timestamp,
});

export type AuditEventDto = z.output<typeof auditEventDto>;

export const auditEventDtoSelect = {
  id: true,
  teamId: true,
  action: true,
  actorId: true,
  actorEmail: true,
  targetType: true,
  targetId: true,
  targetName: true,
  ip: true,
  metadata: true,
  createdAt: true,
} as const;

export function toAuditEventDto(row: Pick<AuditEvent, keyof typeof auditEventDtoSelect>): AuditEventDto {
  return {
    id: row.id,
    team_id: row.teamId,
    action: row.action,
    action_label: isAuditAction(row.action) ? auditActions[row.action] : row.action,
    actor: { id: row.actorId, email: row.actorEmail },
    target: { type: row.targetType, id: row.targetId, name: row.targetName },
    ip: row.ip,
    metadata: row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata) ? (row.metadata as AuditMetadata) : {},
    created_at: row.createdAt.toISOString(),
  };
}
