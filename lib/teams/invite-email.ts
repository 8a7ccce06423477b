import type { Role } from "@prisma/client";
import type { MailMessage } from "../mail/mail-transport";
import type { JoinPolicies } from "../team-policies/join-policy";

/** What the team's security policies ask of the invitee, before they click. */
function policyLines(policies: JoinPolicies | undefined): string[] {
  const lines: string[] = [];
  if (policies?.sso) {
    lines.push(
      `${policies.teamName} requires single sign-on for ${policies.sso.domain} addresses: on the invitation page, sign in with ${policies.sso.providerName}.`,
    );
  }
  if (policies?.twoFactor) {
    lines.push(
      `${policies.teamName} requires two-factor authentication: set up an authenticator app or a passkey on your account's Security page before you accept.`,
    );
  }
  return lines.length ? ["", ...lines] : [];
}

/** The invitation email: who invites you to what, as which role, and the link. */
export function inviteEmail(options: {
  to: string;
  teamName: string;
  inviterName: string;
  role: Role;
  link: string;
  expiresAt: Date;
  /** The team's policies for this address (single sign-on, two-factor), said in the mail. */
  policies?: JoinPolicies;
}): MailMessage {
  const article = options.role === "admin" ? "an" : "a";
  return {
    to: options.to,
    subject: `${options.inviterName} invited you to ${options.teamName} on Open Bank Developers`,
    text: [
      `${options.inviterName} invited you to join the team "${options.teamName}" as ${article} ${options.role}.`,
      "",
      `Accept the invitation: ${options.link}`,
      ...policyLines(options.policies),
      "",
      `The link works once and expires on ${options.expiresAt.toISOString().slice(0, 10)}. If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
}
