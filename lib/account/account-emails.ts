import type { MailMessage } from "@/lib/mail/mail-transport";

/**
 * The account's emails: plain text, one purpose each. Links are secrets for whoever holds them;
 * notices carry none, so forwarding one is harmless.
 */

const SIGNATURE = ["", "— Open Bank Developers"];

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function verifyEmailMessage(options: { to: string; name: string; link: string; expiresAt: Date }): MailMessage {
  return {
    to: options.to,
    subject: "Verify your email address for Open Bank Developers",
    text: [
      `Hi ${options.name},`,
      "",
      "Confirm that this is your email address, so you can invite your team and request production access:",
      "",
      options.link,
      "",
      `The link works once, until ${when(options.expiresAt)}. If you did not create an account, ignore this email.`,
      ...SIGNATURE,
    ].join("\n"),
  };
}

export function changeEmailMessage(options: { to: string; name: string; link: string; expiresAt: Date }): MailMessage {
  return {
    to: options.to,
    subject: "Confirm your new email address for Open Bank Developers",
    text: [
      `Hi ${options.name},`,
      "",
      "You asked to use this address for your Open Bank Developers account. Confirm it to make the change:",
      "",
      options.link,
      "",
      `The link works once, until ${when(options.expiresAt)}. Until then you keep signing in with your current address.`,
      "If you did not ask for this, ignore this email: nothing changes.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

/** To the holder of an address another account asked to move to: no link, since the address is taken. */
export function emailChangeTakenNotice(options: { to: string; name: string }): MailMessage {
  return {
    to: options.to,
    subject: "Another account asked to use your address at Open Bank Developers",
    text: [
      `Hi ${options.name},`,
      "",
      "Another Open Bank Developers account asked to change its email address to this one. This address already belongs to your account, so nothing was changed and no link was sent.",
      "",
      "If you meant to move your own account, sign in to it instead. Otherwise you need do nothing.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

export function emailChangeRequestedNotice(options: { to: string; name: string; newEmail: string; at: Date }): MailMessage {
  return {
    to: options.to,
    subject: "Someone asked to change your Open Bank Developers email address",
    text: [
      `Hi ${options.name},`,
      "",
      `At ${when(options.at)} your account asked to change its email address to ${options.newEmail}.`,
      "Nothing changes until that address confirms it.",
      "",
      "If this was not you, sign in and change your password now: someone else may know it.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

export function emailChangedNotice(options: { to: string; name: string; newEmail: string; at: Date }): MailMessage {
  return {
    to: options.to,
    subject: "Your Open Bank Developers email address was changed",
    text: [
      `Hi ${options.name},`,
      "",
      `At ${when(options.at)} the email address of your account changed to ${options.newEmail}.`,
      "You will get account emails there from now on, and this address no longer signs in.",
      "",
      "If this was not you, contact support at once and quote this email.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

export function passwordResetMessage(options: {
  to: string;
  name: string;
  link: string;
  expiresAt: Date;
  hasPassword: boolean;
}): MailMessage {
  const action = options.hasPassword ? "reset your password" : "set a password";
  return {
    to: options.to,
    subject: options.hasPassword ? "Reset your Open Bank Developers password" : "Set a password for Open Bank Developers",
    text: [
      `Hi ${options.name},`,
      "",
      `Someone (we hope you) asked to ${action} for this account. Choose a new one here:`,
      "",
      options.link,
      "",
      `The link works once, until ${when(options.expiresAt)}. Using it signs your account out everywhere.`,
      "If you did not ask for this, ignore this email: your password stays as it is.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

export function passwordChangedNotice(options: { to: string; name: string; at: Date; how: "changed" | "reset" }): MailMessage {
  return {
    to: options.to,
    subject: "Your Open Bank Developers password was changed",
    text: [
      `Hi ${options.name},`,
      "",
      options.how === "reset"
        ? `At ${when(options.at)} your password was reset with a link sent to this address, and every session was signed out.`
        : `At ${when(options.at)} your password was changed, and your other sessions were signed out.`,
      "",
      "If this was not you, reset your password from the sign-in page (“Forgot password?”) and contact support.",
      ...SIGNATURE,
    ].join("\n"),
  };
}

/** Sign-up with an address that already has an account: the owner hears of it (the form answered as for a new address). */
export function signUpAttemptNotice(options: { to: string; name: string; signInLink: string; resetLink: string }): MailMessage {
  return {
    to: options.to,
    subject: "Someone tried to sign up with your address at Open Bank Developers",
    text: [
      `Hi ${options.name},`,
      "",
      "Someone (perhaps you) tried to create an Open Bank Developers account with this email address. It already has an account, so nothing was created or changed.",
      "",
      `To use your account, sign in: ${options.signInLink}`,
      `Forgot your password? Reset it: ${options.resetLink}`,
      "",
      "If this was not you, you need do nothing: your account and password stay as they are.",
      ...SIGNATURE,
    ].join("\n"),
  };
}
