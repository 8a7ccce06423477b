import type { Role } from "@prisma/client";
import { z } from "zod";
import { resourceId, text, timestamp } from "../portal-api/schemas";

export const roleSchema = z.enum(["owner", "admin", "developer", "viewer"]);

/** A team as one of its members sees it. */
export const teamDto = z.object({
  id: resourceId,
  /** At most 60 characters when chosen; a personal team is named after its owner ("Ada's team"). */
  name: text(120),
  /** The team every developer gets at sign-up; it cannot be left or transferred. */
  personal: z.boolean(),
  /** The caller's role in it. */
  role: roleSchema,
  member_count: z.int().min(0).max(1_000_000),
  app_count: z.int().min(0).max(1_000_000),
  created_at: timestamp,
});

export type TeamDto = z.output<typeof teamDto>;

export const memberDto = z.object({
  /** The membership's id (`membership_…`): the `{memberId}` of the member routes. */
  id: resourceId,
  user_id: resourceId,
  name: text(100),
  email: text(254),
  role: roleSchema,
  joined_at: timestamp,
});

export type MemberDto = z.output<typeof memberDto>;

export const inviteStatusSchema = z.enum(["pending", "accepted", "revoked", "expired"]);

export type InviteStatus = z.output<typeof inviteStatusSchema>;

/** An invitation; never its token (the link goes by email only). */
export const inviteDto = z.object({
  id: resourceId,
  team_id: resourceId,
  email: text(254),
  role: roleSchema,
  status: inviteStatusSchema,
  invited_by: z.object({ name: text(100), email: text(254) }),
  created_at: timestamp,
  sent_at: timestamp,
  expires_at: timestamp,
});

export type InviteDto = z.output<typeof inviteDto>;

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
