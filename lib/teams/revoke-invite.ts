import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { inviteDtoSelect, toInviteDto, type InviteDto } from "./team-dto";

/** Withdraws a pending invitation: its link stops working at once. Revoking twice is a no-op. */
export async function revokeInvite(options: { teamId: string; inviteId: string; actor: AuditActor }): Promise<InviteDto> {
  return db().$transaction(async (tx) => {
    const existing = await tx.teamInvite.findFirst({
      where: { id: options.inviteId, teamId: options.teamId },
      select: { acceptedAt: true, revokedAt: true, email: true },
    });
    if (!existing) throw new AppError("resource_not_found", `No invitation ${options.inviteId} in this team.`);
    if (existing.acceptedAt) throw new AppError("conflict", "This invitation was already accepted; remove the member instead.");
    if (!existing.revokedAt) {
      await tx.teamInvite.update({ where: { id: options.inviteId }, data: { revokedAt: new Date() } });
      await recordAudit(tx, {
        teamId: options.teamId,
        actor: options.actor,
        action: "member.invite_revoked",
        target: { type: "invite", id: options.inviteId, name: existing.email },
      });
    }
    return toInviteDto(await tx.teamInvite.findUniqueOrThrow({ where: { id: options.inviteId }, select: inviteDtoSelect }));
  });
}
