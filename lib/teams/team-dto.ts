import type { Role } from "@prisma/client";

export type TeamDto = {
  id: string;
  name: string;
  personal: boolean;
  role: Role;
  member_count: number;
  app_count: number;
  created_at: string;
};

export type MemberDto = {
  id: string;
  user_id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: string;
};

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

export type InviteDto = {
  id: string;
  team_id: string;
  email: string;
  role: Role;
  status: InviteStatus;
  invited_by: { name: string; email: string };
  created_at: string;
  sent_at: string;
  expires_at: string;
};

export function inviteStatus(invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InviteStatus {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  return "pending";
}

export const inviteDtoSelect = {
  id: true,
  teamId: true,
  email: true,
  role: true,
  createdAt: true,
  sentAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { name: true, email: true } },
} as const;

export function toInviteDto(row: {
  id: string;
  teamId: string;
  email: string;
  role: Role;
  createdAt: Date;
  sentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  invitedBy: { name: string; email: string };
}): InviteDto {
  return {
    id: row.id,
    team_id: row.teamId,
    email: row.email,
    role: row.role,
    status: inviteStatus(row),
    invited_by: row.invitedBy,
    created_at: row.createdAt.toISOString(),
    sent_at: row.sentAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}
