import { db } from "../db";
import { hashInviteToken } from "./invite-token";
import { inviteStatus, type InviteStatus } from "./team-dto";
import type { Role } from "@prisma/client";

export type InvitePreview = {
  team_name: string;
  email: string;
  role: Role;
  invited_by: string;
  status: InviteStatus;
  expires_at: string;
  /** Whether an account with the invited email exists (sign in) or not (sign up). */
  has_account: boolean;
};

/** What the invitation page shows for a link's token, or null for an unknown token. */
export async function getInviteByToken(token: string): Promise<InvitePreview | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const invite = await db().teamInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invite) return null;
  const account = await db().user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return {
    team_name: invite.team.name,
    email: invite.email,
    role: invite.role,
    invited_by: invite.invitedBy.name,
    status: inviteStatus(invite),
    expires_at: invite.expiresAt.toISOString(),
    has_account: account !== null,
  };
}
