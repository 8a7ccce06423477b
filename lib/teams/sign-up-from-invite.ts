import { createAccount } from "../auth/create-account";
import type { UserDto } from "../auth/types";
import { AppError } from "@openbank/contracts/errors";
import { assertInviteJoinable } from "../team-policies/join-policy";
import { acceptInvite } from "./accept-invite";
import { getInviteByToken } from "./get-invite";

/**
 * Creates an account for the invited address straight from the invitation link, then joins
 * the team. The email comes from the invitation, not the form, so the link cannot be used
 * to claim another address. The invitation is checked first so a dead link creates nothing.
 */
export async function signUpFromInvite(options: {
  token: string;
  name: string;
  password: string;
  ip: string;
}): Promise<{ user: UserDto; team_id: string }> {
  const invite = await getInviteByToken(options.token);
  if (!invite) throw new AppError("resource_not_found", "No such invitation: check that the link is complete.");
  if (invite.status !== "pending")
    throw new AppError("invite_expired", `This invitation was ${invite.status === "expired" ? "not accepted in time" : invite.status}.`);
  // A team that requires single sign-on or two-factor cannot be joined by a new password-only account: refused before it exists.
  await assertInviteJoinable({ token: options.token, email: invite.email, userId: null, signedInWith: null });
  // The link came to this address: it is proved, so the account starts verified.
  const user = await createAccount({ name: options.name, email: invite.email, password: options.password }, { emailVerified: true });
  const { team_id } = await acceptInvite({ token: options.token, actor: { userId: user.id, email: user.email, ip: options.ip } });
  return { user, team_id };
}
