import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { sendMail } from "../mail/send-mail";
import { inviteLink } from "./create-invite";
import { joinPoliciesFor } from "../team-policies/join-policy";
import { inviteEmail } from "./invite-email";
import { INVITE_TTL_MS, newInviteToken } from "./invite-token";
import { inviteDtoSelect, inviteStatus, toInviteDto, type InviteDto } from "./team-dto";

/**
 * Sends a pending (or expired) invitation again with a fresh link and a fresh 7 days; the
 * old link stops working, since only the new token's hash is kept.
 */
export async function resendInvite(options: {
  teamId: string;
  inviteId: string;
  actor: AuditActor;
}): Promise<{ invite: InviteDto; sent: boolean }> {
  const { token, hash } = newInviteToken();
  const now = new Date();
  const invite = await db().$transaction(async (tx) => {
    const existing = await tx.teamInvite.findFirst({
      where: { id: options.inviteId, teamId: options.teamId },
      select: { acceptedAt: true, revokedAt: true, expiresAt: true },
    });
    if (!existing) throw new AppError("resource_not_found", `No invitation ${options.inviteId} in this team.`);
    const status = inviteStatus(existing, now);
    if (status === "accepted" || status === "revoked")
      throw new AppError("conflict", `This invitation was ${status}; send a new one instead.`);
    const row = await tx.teamInvite.update({
      where: { id: options.inviteId },
      data: { tokenHash: hash, sentAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) },
      select: { ...inviteDtoSelect, team: { select: { name: true, requireTwoFactor: true, ssoDomain: true } } },
    });
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "member.invite_resent",
      target: { type: "invite", id: row.id, name: row.email },
      metadata: { email: row.email, role: row.role },
    });
    return row;
  });
  const sent = await sendMail(
    inviteEmail({
      to: invite.email,
      teamName: invite.team.name,
      inviterName: invite.invitedBy.name,
      role: invite.role,
      link: inviteLink(token),
      expiresAt: invite.expiresAt,
      policies: joinPoliciesFor(invite.team, invite.email),
    }),
  );
  return { invite: toInviteDto(invite), sent };
}
