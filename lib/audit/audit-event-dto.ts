import type { AuditEvent } from "@prisma/client";
import { auditActions, isAuditAction } from "./audit-actions";

export type AuditEventDto = {
  id: string;
  team_id: string;
  action: string;
  action_label: string;
  actor: { id: string | null; email: string };
  target: { type: string; id: string; name: string };
  ip: string;
  metadata: Record<string, unknown>;
  created_at: string;
};

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
    metadata: row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata) ? (row.metadata as Record<string, unknown>) : {},
    created_at: row.createdAt.toISOString(),
  };
}
