import type { Role } from "@prisma/client";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { can, canManageMember } from "./permissions";

/**
 * Removes a member, or lets the actor leave (memberId is their own membership). The owner
 * cannot leave (transfer first) and cannot be removed; nobody leaves their personal team.
 */
export async function removeMember(options: {
  teamId: string;
  memberId: string;
  actorRole: Role;
  /** The actor's own membership: removing any other needs member:remove, refused before any lookup. */
  actorMembershipId: string;
  actor: AuditActor;
}): Promise<{ left: boolean }> {
  if (options.memberId !== options.actorMembershipId && !can(options.actorRole, "member:remove")) {
    throw new AppError("forbidden", `Your role (${options.actorRole}) cannot remove members of this team.`);
  }
  return db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: options.memberId, teamId: options.teamId },
      select: { id: true, userId: true, role: true, user: { select: { email: true } }, team: { select: { personal: true } } },
    });
    if (!member) throw new AppError("resource_not_found", `No member ${options.memberId} in this team.`);
    const leaving = member.userId === options.actor.userId;
    if (leaving) {
      if (member.role === "owner")
        throw new AppError("owner_must_transfer", "You own this team: transfer ownership to another member before leaving.");
      if (!can(member.role, "team:leave")) throw new AppError("forbidden", "Your role cannot leave this team.");
    } else if (!canManageMember(options.actorRole, member.role)) {
      throw new AppError(
        "forbidden",
        member.role === "owner"
          ? "The owner cannot be removed; ownership must be transferred first."
          : `Your role (${options.actorRole}) cannot remove a ${member.role}.`,
      );
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: leaving ? "member.left" : "member.removed",
      target: { type: "member", id: member.userId, name: member.user.email },
      metadata: { role: member.role },
    });
    return { left: leaving };
  });
}
