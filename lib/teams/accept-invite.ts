import type { Role } from "@prisma/client";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { assertInviteJoinable } from "../team-policies/join-policy";
import { hashInviteToken } from "./invite-token";
import { inviteStatus } from "./team-dto";

/**
 * Joins the team the invitation is for, as its role. Only the account whose email the
 * invitation names may accept it; the link works once. The team's policies apply (single
 * sign-on for its domain, a second factor: team-policies/join-policy.ts). Membership, the
 * invitation's acceptance and the audit row commit together.
 */
export async function acceptInvite(options: {
  token: string;
  actor: AuditActor;
  /** How the accepting session signed in ("sso", "password"…); none for an account created from the link. */
  signedInWith?: string;
}): Promise<{ team_id: string; role: Role }> {
  await assertInviteJoinable({
    token: options.token,
    email: options.actor.email,
    userId: options.actor.userId,
    signedInWith: options.signedInWith ?? null,
  });
  return db().$transaction(async (tx) => {
    const invite = await tx.teamInvite.findUnique({
      where: { tokenHash: hashInviteToken(options.token) },
      select: { id: true, teamId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
    });
    if (!invite) throw new AppError("resource_not_found", "No such invitation: check that the link is complete.");
    const status = inviteStatus(invite);
    if (status !== "pending")
      throw new AppError("invite_expired", `This invitation was ${status === "expired" ? "not accepted in time" : status}.`);
    if (invite.email !== options.actor.email.toLowerCase()) {
      throw new AppError("invite_email_mismatch", `This invitation is for ${invite.email}; you are signed in as ${options.actor.email}.`);
    }
    const claimed = await tx.teamInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("invite_expired", "This invitation was already accepted.");
    // The invitation was emailed to this address and opened by its account: the address is proved.
    const verified = await tx.user.updateMany({
      where: { id: options.actor.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    if (verified.count === 1) {
      await recordAudit(tx, {
        teamId: null,
        actor: options.actor,
        action: "account.email_verified",
        target: { type: "user", id: options.actor.userId, name: options.actor.email },
        metadata: { by: "invitation" },
      });
    }
    const existing = await tx.membership.findUnique({
      where: { userId_teamId: { userId: options.actor.userId, teamId: invite.teamId } },
      select: { role: true },
    });
    if (existing) return { team_id: invite.teamId, role: existing.role };
    await tx.membership.create({
      data: { id: newId("membership"), userId: options.actor.userId, teamId: invite.teamId, role: invite.role },
    });
    await recordAudit(tx, {
      teamId: invite.teamId,
      actor: options.actor,
      action: "member.joined",
      target: { type: "member", id: options.actor.userId, name: options.actor.email },
      metadata: { role: invite.role, invite_id: invite.id },
    });
    return { team_id: invite.teamId, role: invite.role };
  });
}
