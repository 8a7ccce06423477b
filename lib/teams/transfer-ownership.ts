import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";

/**
 * Makes another member the owner and the current owner an admin, in one transaction, so
 * the team has exactly one owner before and after. Only the owner may do it (checked by
 * the caller with team:transfer); a personal team cannot change hands.
 */
export async function transferOwnership(options: { teamId: string; memberId: string; actor: AuditActor }): Promise<void> {
  await db().$transaction(async (tx) => {
    const [current, next] = await Promise.all([
      tx.membership.findFirst({
        where: { teamId: options.teamId, userId: options.actor.userId, role: "owner" },
        select: { id: true, team: { select: { personal: true } } },
      }),
      tx.membership.findFirst({
        where: { id: options.memberId, teamId: options.teamId },
        select: { id: true, userId: true, role: true, user: { select: { email: true } } },
      }),
    ]);
    if (!current) throw new AppError("forbidden", "Only the team's owner can transfer ownership.");
    if (!next)
      throw new AppError("resource_not_found", `No member ${options.memberId} in this team.`, {
        errors: [{ pointer: "/body/member_id", detail: "Not a member of this team" }],
      });
    if (next.id === current.id) throw new AppError("conflict", "You already own this team.");
    if (current.team.personal) throw new AppError("conflict", "A personal team cannot be transferred; create a shared team instead.");
    await tx.membership.update({ where: { id: current.id }, data: { role: "admin" } });
    await tx.membership.update({ where: { id: next.id }, data: { role: "owner" } });
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "team.ownership_transferred",
      target: { type: "member", id: next.userId, name: next.user.email },
      metadata: { previous_owner: options.actor.email, new_owner_previous_role: next.role },
    });
  });
}
