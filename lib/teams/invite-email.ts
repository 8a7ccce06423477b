import type { Role } from "@prisma/client";
import type { MailMessage } from "../mail/mail-transport";

/** The invitation email: who invites you to what, as which role, and the link. */
export function inviteEmail(options: {
  to: string;
  teamName: string;
  inviterName: string;
  role: Role;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const article = options.role === "admin" ? "an" : "a";
  return {
    to: options.to,
    subject: `${options.inviterName} invited you to ${options.teamName} on Open Bank Developers`,
    text: [
      `${options.inviterName} invited you to join the team "${options.teamName}" as ${article} ${options.role}.`,
      "",
      `Accept the invitation: ${options.link}`,
      "",
      `The link works once and expires on ${options.expiresAt.toISOString().slice(0, 10)}. If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
}
