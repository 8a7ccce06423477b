import type { Role } from "@prisma/client";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { portalUrl } from "../http/portal-url";
import { newId } from "@openbank/contracts/ids";
import { sendMail } from "../mail/send-mail";
import { joinPoliciesFor } from "../team-policies/join-policy";
import { inviteEmail } from "./invite-email";
import { INVITE_TTL_MS, newInviteToken } from "./invite-token";
import { canInviteAs } from "./permissions";
import { inviteDtoSelect, toInviteDto, type InviteDto } from "./team-dto";

/** More open invitations than this is a mistake or abuse (each one sends mail). */
export const MAX_PENDING_INVITES = 50;

export function inviteLink(token: string): string {
  return `${portalUrl().replace(/\/$/, "")}/invites/${token}`;
}

/**
 * Invites an email address to the team with a role, stores only the token's hash, audits
 * it, then emails the link. One open invitation per address: a second one is a conflict
 * (resend the first instead).
 */
export async function createInvite(options: {
  teamId: string;
  email: string;
  role: Role;
  actorRole: Role;
  actor: AuditActor;
}): Promise<{ invite: InviteDto; sent: boolean }> {
  if (!canInviteAs(options.actorRole, options.role)) {
    throw new AppError("forbidden", `Your role (${options.actorRole}) cannot invite someone as ${options.role}.`);
  }
  const { token, hash } = newInviteToken();
  const now = new Date();
  const invite = await db().$transaction(async (tx) => {
    const pending = await tx.teamInvite.count({
      where: { teamId: options.teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    });
    if (pending >= MAX_PENDING_INVITES)
      throw new AppError("conflict", `This team already has ${pending} pending invitations; revoke some before sending more.`);
    const [member, open] = await Promise.all([
      tx.membership.findFirst({ where: { teamId: options.teamId, user: { email: options.email } }, select: { id: true } }),
      tx.teamInvite.findFirst({
        where: { teamId: options.teamId, email: options.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: { id: true },
      }),
    ]);
    const pointer = [
      {
        pointer: "/body/email",
        detail: member ? "Already a member of this team" : "Already invited: resend the pending invitation instead",
      },
    ];
    if (member) throw new AppError("conflict", `${options.email} is already a member of this team.`, { errors: pointer });
    if (open) throw new AppError("conflict", `${options.email} already has a pending invitation.`, { errors: pointer });
    const row = await tx.teamInvite.create({
      data: {
        id: newId("invite"),
        teamId: options.teamId,
        email: options.email,
        role: options.role,
        tokenHash: hash,
        invitedById: options.actor.userId,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      },
      select: { ...inviteDtoSelect, team: { select: { name: true, requireTwoFactor: true, ssoDomain: true } } },
    });
    await recordAudit(tx, {
      teamId: options.teamId,
      actor: options.actor,
      action: "member.invited",
      target: { type: "invite", id: row.id, name: row.email },
      metadata: { email: row.email, role: row.role, expires_at: row.expiresAt.toISOString() },
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
