import type { MailMessage } from "@/lib/mail/mail-transport";

/** The confirmation sent to the deleted account's address: what went, what stayed, and under which name. */
export function accountDeletedEmail(options: {
  to: string;
  name: string;
  deletedAt: Date;
  teamsDeleted: string[];
  teamsLeft: string[];
  pseudonym: string;
}): MailMessage {
  const list = (names: string[]) => names.map((name) => `"${name}"`).join(", ");
  return {
    to: options.to,
    subject: "Your Open Bank Developers account has been deleted",
    text: [
      `Hello ${options.name},`,
      "",
      `Your developer account (${options.to}) was deleted on ${options.deletedAt.toISOString().slice(0, 10)}, as you asked.`,
      "",
      "What is gone: your profile, password, two-factor settings, passkeys, single sign-on links and every session.",
      ...(options.teamsDeleted.length > 0
        ? [`Deleted with it, as you were their only member, with their apps and keys: ${list(options.teamsDeleted)}.`]
        : []),
      ...(options.teamsLeft.length > 0 ? [`You left: ${list(options.teamsLeft)}.`] : []),
      "",
      `What stays: the audit entries of the teams you worked in, where you now appear as ${options.pseudonym}. Apps, keys and`,
      "invitations you created in teams that remain now belong to those teams' owners.",
      "",
      "This cannot be undone. If you did not ask for it, reply to this email at once.",
    ].join("\n"),
  };
}
