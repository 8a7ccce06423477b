import { AppError } from "@openbank/contracts/errors";
import { hashPassword } from "@/lib/auth/password-hash";
import { passwordProblems } from "@/lib/auth/password-policy";
import { accountThrottle, enforceThrottle } from "@/lib/auth/throttles";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { revokeSessions } from "@/lib/sessions/session-store";
import { passwordChangedNotice } from "./account-emails";
import { claimAccountToken, inspectAccountToken, retireAccountTokens, type LinkStatus } from "./account-token";

export type PasswordReset = { email: string; sessions_revoked: number };

const LINK_PROBLEMS = { invalid: "link_invalid", used: "link_used", expired: "link_expired" } as const;

/**
 * Sets a new password from a reset link: the sign-up policy applies, the link works once, every
 * session of the account is signed out (a reset usually means someone else may know the old
 * password) and every other reset link stops working. The link came to the address, so it also
 * verifies it. Throttled per client address and per account.
 */
export async function resetPassword(options: { token: string; password: string; ip: string }): Promise<PasswordReset> {
  await enforceThrottle(accountThrottle("passwordResetIp"), options.ip);
  const link = await inspectAccountToken(options.token, ["reset_password"]);
  if (link.status !== "valid") throw new AppError(LINK_PROBLEMS[link.status]);
  await enforceThrottle(accountThrottle("resetPassword"), link.token!.email);

  const problems = passwordProblems(options.password, { email: link.token!.email });
  if (problems.length) {
    throw new AppError("validation_failed", "Choose a stronger password.", {
      errors: problems.map((detail) => ({ pointer: "/body/password", detail })),
    });
  }
  const passwordHash = await hashPassword(options.password);

  const done = await db().$transaction(async (tx) => {
    const claimed = await claimAccountToken(tx, options.token, ["reset_password"]);
    const user = await tx.user.findUnique({ where: { id: claimed.userId }, select: { email: true, name: true, emailVerifiedAt: true } });
    if (!user) throw new AppError("link_invalid");
    if (claimed.email !== user.email) throw new AppError("link_used", "This link was sent to an address your account no longer uses.");
    const now = new Date();
    await tx.user.update({ where: { id: claimed.userId }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now } });
    await retireAccountTokens(tx, claimed.userId, ["reset_password"]);
    const revoked = await revokeSessions(claimed.userId, { tx });
    await recordAudit(tx, {
      teamId: null,
      actor: { userId: claimed.userId, email: user.email, ip: options.ip },
      action: "account.password_reset",
      target: { type: "user", id: claimed.userId, name: user.email },
      metadata: { sessions_revoked: revoked },
    });
    if (!user.emailVerifiedAt) {
      await recordAudit(tx, {
        teamId: null,
        actor: { userId: claimed.userId, email: user.email, ip: options.ip },
        action: "account.email_verified",
        target: { type: "user", id: claimed.userId, name: user.email },
        metadata: { by: "password_reset" },
      });
    }
    return { email: user.email, name: user.name, revoked, at: now };
  });
  await accountThrottle("resetPassword").reset(done.email);
  await sendMail(passwordChangedNotice({ to: done.email, name: done.name, at: done.at, how: "reset" }));
  return { email: done.email, sessions_revoked: done.revoked };
}

/** What the reset page needs to know about its link, without using it. */
export async function describeResetLink(token: string): Promise<{ status: LinkStatus; email?: string; hasPassword?: boolean }> {
  const link = await inspectAccountToken(token, ["reset_password"]);
  if (link.status !== "valid") return { status: link.status };
  const user = await db().user.findUnique({ where: { id: link.token!.userId }, select: { email: true, passwordHash: true } });
  if (!user || user.email !== link.token!.email) return { status: "used" };
  return { status: "valid", email: user.email, hasPassword: user.passwordHash !== null };
}
