import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { verifyEmailMessage } from "./account-emails";
import { issueAccountToken } from "./account-token";
import { assertLinkPace } from "./link-pace";

export type VerificationSent = { email: string; sent: boolean; expires_at: string };

/**
 * Emails a new verification link (24 h, single use) to the account's address. Earlier links
 * keep working until they expire: each proves the same address. A mail that does not leave is
 * not an error: the developer can ask again from the banner.
 */
export async function sendVerificationEmail(user: { id: string; email: string; name: string }): Promise<VerificationSent> {
  const { link, expiresAt } = await issueAccountToken(db(), { userId: user.id, kind: "verify_email", email: user.email });
  const sent = await sendMail(verifyEmailMessage({ to: user.email, name: user.name, link, expiresAt }));
  return { email: user.email, sent, expires_at: expiresAt.toISOString() };
}

/** "Resend the link", from the banner or the profile: at most one a minute (429 otherwise). */
export async function resendVerificationEmail(options: { userId: string }): Promise<VerificationSent> {
  const user = await db().user.findUnique({
    where: { id: options.userId },
    select: { id: true, email: true, name: true, emailVerifiedAt: true },
  });
  if (!user) throw new AppError("unauthenticated");
  if (user.emailVerifiedAt) throw new AppError("conflict", "Your email address is already verified.");
  await assertLinkPace(user.id, ["verify_email"]);
  return sendVerificationEmail(user);
}
