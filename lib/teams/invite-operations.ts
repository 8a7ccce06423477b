import { z } from "zod";
import { userDto } from "@/lib/auth/types";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { list, resourceId, teamParams } from "@/lib/portal-api/schemas";
import { inviteDto, roleSchema } from "./team-dto";
import { acceptInviteInput, inviteMemberInput, signUpFromInviteInput } from "./team-input";

const inviteParams = teamParams.extend({ inviteId: resourceId.describe("The invitation's id (`invite_…`)") });

/** An invitation just (re)sent: the link goes by email only, never in an answer. */
const sentInvite = z.object({
  invite: inviteDto,
  /** Whether the email left; false when mail is not configured (the dev outbox keeps it locally). */
  sent: z.boolean(),
});

export const listInvitesOperation = defineOperation({
  method: "GET",
  path: "/api/teams/{teamId}/invites",
  operationId: "listInvites",
  tag: "Invitations",
  summary: "List a team's open invitations",
  description: "Invitations still waiting for an answer (pending or expired), newest first.",
  access: { team: "team:read" },
  params: teamParams,
  success: { status: 200, description: "The team's open invitations.", schema: list(inviteDto, 10_000) },
});

export const createInviteOperation = defineOperation({
  method: "POST",
  path: "/api/teams/{teamId}/invites",
  operationId: "createInvite",
  tag: "Invitations",
  summary: "Invite someone to a team",
  description:
    "Owners and admins, as a role no higher than their own, with a verified email address. The link is emailed and works once, for 7 days. One open invitation per address.",
  access: { team: "member:invite" },
  verifiedEmail: true,
  params: teamParams,
  body: inviteMemberInput,
  errors: ["conflict"],
  success: { status: 201, description: "The invitation, and whether its email was sent.", schema: sentInvite },
});

export const revokeInviteOperation = defineOperation({
  method: "DELETE",
  path: "/api/teams/{teamId}/invites/{inviteId}",
  operationId: "revokeInvite",
  tag: "Invitations",
  summary: "Revoke an invitation",
  description: "Its link stops working at once. Revoking twice is a no-op; an accepted invitation cannot be revoked (remove the member).",
  access: { team: "invite:revoke" },
  params: inviteParams,
  errors: ["conflict"],
  success: { status: 200, description: "The revoked invitation.", schema: inviteDto },
});

export const resendInviteOperation = defineOperation({
  method: "POST",
  path: "/api/teams/{teamId}/invites/{inviteId}/resend",
  operationId: "resendInvite",
  tag: "Invitations",
  summary: "Resend an invitation",
  description: "A fresh link and 7 more days; the previous link stops working. Needs a verified email address.",
  access: { team: "invite:resend" },
  verifiedEmail: true,
  params: inviteParams,
  errors: ["conflict"],
  success: { status: 200, description: "The invitation, and whether its email was sent.", schema: sentInvite },
});

export const acceptInviteOperation = defineOperation({
  method: "POST",
  path: "/api/invites/accept",
  operationId: "acceptInvite",
  tag: "Invitations",
  summary: "Accept an invitation",
  description:
    "You join the team as the invitation's role, if it names your account's email. The link works once. A team that requires " +
    "single sign-on for your address needs a session signed in with it; one that requires two-factor needs your second factor set up first.",
  access: "session",
  body: acceptInviteInput,
  errors: ["resource_not_found", "invite_expired", "invite_email_mismatch", "sso_required", "two_factor_required"],
  success: {
    status: 200,
    description: "The team you joined and your role in it.",
    schema: z.object({ team_id: resourceId, role: roleSchema }),
  },
});

export const signUpFromInviteOperation = defineOperation({
  method: "POST",
  path: "/api/invites/signup",
  operationId: "signUpFromInvite",
  tag: "Invitations",
  summary: "Sign up from an invitation",
  description:
    "Creates an account for the invited address (the email comes from the invitation, not the form) and joins the team. " +
    "The password policy of sign-up applies. Refused cross-site, like every mutation.",
  access: "public",
  body: signUpFromInviteInput,
  errors: ["resource_not_found", "invite_expired", "email_taken", "sso_required", "two_factor_required"],
  success: {
    status: 201,
    description: "The new account and the team it joined.",
    schema: z.object({ user: userDto, team_id: resourceId }),
  },
});

export const inviteOperations = [
  listInvitesOperation,
  createInviteOperation,
  revokeInviteOperation,
  resendInviteOperation,
  acceptInviteOperation,
  signUpFromInviteOperation,
];
