import { z } from "zod";

const teamName = z.string().trim().min(2, "Name must be at least 2 characters").max(60, "Name must be at most 60 characters");

export const createTeamInput = z.object({ name: teamName });
export const updateTeamInput = z.object({ name: teamName });

const assignableRole = z.enum(["admin", "developer", "viewer"], { error: "Role must be admin, developer or viewer" });

export const inviteMemberInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address, e.g. ada@example.com")).pipe(z.string().max(254)),
  role: assignableRole,
});

export const changeRoleInput = z.object({ role: assignableRole });

export const transferOwnershipInput = z.object({ member_id: z.string().min(1, "Choose the member who becomes owner") });

export const switchTeamInput = z.object({ team_id: z.string().min(1, "Choose a team") });

export const acceptInviteInput = z.object({ token: z.string().min(20).max(200) });
