import type { Role } from "@prisma/client";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { canManageMember } from "./permissions";
import type { MemberDto } from "./team-dto";

/**
 * Gives a member another role. The actor's own role was checked for member:change_role by
 * the caller; here the relative rules: never the owner, never above the actor's own role.
 */
export async function changeMemberRole(options: {
  teamId: string;
  memberId: string;
  role: Role;
  actorRole: Role;
  actor: AuditActor;
}): Promise<MemberDto> {
  return db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: options.memberId, teamId: options.teamId },
      select: { id: true, userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
    });
    if (!member) throw new AppError("resource_not_found", `No member ${options.memberId} in this team.`);
    if (member.userId === options.actor.userId)
      throw new AppError("forbidden", "You cannot change your own role; ask another owner or admin.");
    if (!canManageMember(options.actorRole, member.role, options.role)) {
      throw new AppError(
        "forbidden",
        member.role === "owner"
          ? "The owner's role changes only by transferring ownership."
          : `Your role (${options.actorRole}) cannot make a ${member.role} a ${options.role}.`,
      );
    }
    if (member.role !== options.role) {
      await tx.membership.update({ where: { id: member.id }, data: { role: options.role } });
      await recordAudit(tx, {
        teamId: options.teamId,
        actor: options.actor,
        action: "member.role_changed",
        target: { type: "member", id: member.userId, name: member.user.email },
        metadata: { old_role: member.role, new_role: options.role },
      });
    }
    return {
      id: member.id,
      user_id: member.userId,
      name: member.user.name,
      email: member.user.email,
      role: options.role,
      joined_at: member.createdAt.toISOString(),
    };
  });
}
