import { z } from "zod";
import { nameSchema } from "../auth/schemas";

const teamName = z.string().trim().min(2, "Name must be at least 2 characters").max(60, "Name must be at most 60 characters");

export const createTeamInput = z.object({ name: teamName });
export const updateTeamInput = z.object({ name: teamName });

const assignableRole = z.enum(["admin", "developer", "viewer"], { error: "Role must be admin, developer or viewer" });

/** A role someone can be invited with or changed to (ownership moves only by transfer). */
export type AssignableRole = z.output<typeof assignableRole>;

export const inviteMemberInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Email addresses are at most 254 characters")
    .pipe(z.email("Enter an email address, e.g. ada@example.com")),
  role: assignableRole,
});

export const changeRoleInput = z.object({ role: assignableRole });

export const transferOwnershipInput = z.object({ member_id: z.string().min(1, "Choose the member who becomes owner").max(64) });

export const switchTeamInput = z.object({ team_id: z.string().min(1, "Choose a team").max(64) });

export const acceptInviteInput = z.object({ token: z.string().min(20).max(200) });

/** Sign-up from an invitation link: the email comes from the invitation (the password policy is applied by createAccount). */
export const signUpFromInviteInput = z.object({ token: z.string().min(20).max(200), name: nameSchema, password: z.string().max(1024) });
